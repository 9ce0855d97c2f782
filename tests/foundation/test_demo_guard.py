"""Demo content never reaches a real database or the production wheel."""

import tomllib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from setuptools import find_packages

from survey.models import Survey
from tests.factories import make_centre
from tests.survey.factories import make_survey

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    settings.DEMO_WITHOUT_DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", verbosity=0)
    assert not Survey.objects.exists()


def test_load_demo_refuses_a_database_with_real_content():
    make_centre(name="Quartierszentrum Echt")
    with pytest.raises(CommandError, match="not demo content"):
        call_command("load_demo", verbosity=0)
    assert not Survey.objects.exists()


def test_the_demo_survey_never_takes_the_place_of_a_real_current_survey():
    from demo import survey as demo_survey

    real = make_survey(slug="befragung-2026", is_current=True)
    demo_survey.load()
    assert Survey.objects.get(is_current=True) == real
    assert Survey.objects.filter(slug="quartiersarbeit", is_current=False).exists()


def test_the_production_wheel_carries_no_demo_content():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = find_packages(where=ROOT, include=include)
    assert "portal" in packages and "staff" in packages and "survey" in packages
    assert not [name for name in packages if name == "demo" or name.startswith("demo.")]
