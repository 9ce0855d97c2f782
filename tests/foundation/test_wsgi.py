"""The WSGI entry point a server loads (heilbronn_quartier/wsgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_worker_loads_every_view_and_leaves_it_to_no_garbage_collection():
    code = (
        "import gc, sys, heilbronn_quartier.wsgi as wsgi; "
        "print(gc.get_freeze_count(), 'survey.views' in sys.modules, callable(wsgi.application))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {"DEBUG": "1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    frozen, views, application = run.stdout.split()
    assert int(frozen) > 10_000
    assert views == application == "True"


def test_a_worker_indexes_its_links_in_every_language_before_the_first_request():
    code = (
        "import heilbronn_quartier.wsgi; from django.urls import get_resolver; "
        "root = get_resolver(); survey = root.namespace_dict['survey'][1]; "
        "print(sorted(root._reverse_dict), sorted(survey._reverse_dict))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {"DEBUG": "1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    languages = str(sorted(["de", "ar", "en", "ro", "ru", "tr"]))
    assert run.stdout.strip() == f"{languages} {languages}"
