"""A replayed demo load (tests/demo_replay.py) leaves exactly what a real load leaves."""

import pytest
from django.core.management import call_command
from django.db import transaction

from tests import demo_replay

pytestmark = pytest.mark.django_db


def _everything():
    return {
        model._meta.db_table: demo_replay._digest(rows)
        for model, (_fields, rows) in demo_replay._state().items()
    }


def _files(root):
    return {path.relative_to(root): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_a_replayed_load_equals_a_real_one(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(demo_replay, "_recordings", {})
    settings.MEDIA_ROOT = tmp_path / "real"
    with transaction.atomic():
        call_command("load_demo", verbosity=0)  # real: nothing is recorded yet
        assert len(demo_replay._recordings) == 1
        real = _everything()
        real_files = _files(tmp_path / "real")
        transaction.set_rollback(True)

    settings.MEDIA_ROOT = tmp_path / "replayed"
    call_command("load_demo", verbosity=0)  # same starting state: replayed
    assert len(demo_replay._recordings) == 1
    assert _everything() == real
    assert _files(tmp_path / "replayed") == real_files
    assert real_files, "the demo brings PDFs and images along"


def test_a_load_from_another_state_runs_for_real():
    from django.contrib.auth.models import User

    recorded = len(demo_replay._recordings)
    User.objects.create(username="first-editor")
    call_command("load_demo", verbosity=0)
    assert len(demo_replay._recordings) == recorded + 1
    assert User.objects.filter(username="first-editor").exists()


def test_a_replay_gives_cached_pages_a_new_content_version():
    from portal.cache import current_version

    with transaction.atomic():
        call_command("load_demo", verbosity=0)  # recorded here, or by an earlier test
        transaction.set_rollback(True)
    before = current_version()
    call_command("load_demo", verbosity=0)  # replayed
    assert current_version() != before
