import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Uploaded files of one test never leak into another or into var/.

    Tests on the shared demo content see the files the demo loaded (its PDFs and images)."""
    if "demo_content" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("demo_media")
    else:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached pages of one test never affect another."""
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, demo_media):
    """The demo content (`load_demo`), loaded once per test module and rolled back after it.

    Loading it takes seconds; a test module's tests share one load. Each test (django_db) runs in
    a savepoint on top of it, so whatever one test changes is gone for the next. Not for tests on
    a live server (transactional_db): those need committed data.
    """
    with (
        override_settings(MEDIA_ROOT=demo_media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
