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


def _load_a_centre(slug):
    """A stand-in for the demo's real load (seconds): what it wrote is what a replay writes."""
    from tests.factories import make_centre

    def load():
        make_centre(slug=slug)
        return [f"centre {slug}"]

    return load


def test_a_load_from_another_state_runs_for_real(monkeypatch):
    from django.contrib.auth.models import User

    from centers.models import Centre

    monkeypatch.setattr(demo_replay, "_recordings", {})
    with transaction.atomic():
        demo_replay.load_or_replay(_load_a_centre("recorded"))
        transaction.set_rollback(True)
    assert len(demo_replay._recordings) == 1

    User.objects.create(username="first-editor")
    assert demo_replay.load_or_replay(_load_a_centre("real")) == ["centre real"]
    assert len(demo_replay._recordings) == 2
    assert list(Centre.objects.values_list("slug", flat=True)) == ["real"]
    assert User.objects.filter(username="first-editor").exists()


def test_a_replay_gives_cached_pages_a_new_content_version(monkeypatch):
    from centers.models import Centre
    from portal.cache import current_version

    monkeypatch.setattr(demo_replay, "_recordings", {})
    with transaction.atomic():
        demo_replay.load_or_replay(_load_a_centre("recorded"))
        transaction.set_rollback(True)
    before = current_version()

    def must_not_run():
        raise AssertionError("the same starting state must be replayed")

    assert demo_replay.load_or_replay(must_not_run) == ["centre recorded"]
    assert list(Centre.objects.values_list("slug", flat=True)) == ["recorded"]
    assert current_version() != before
