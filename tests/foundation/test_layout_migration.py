"""A database made before the kernel/staff/history move keeps every row when it is migrated.

tests/data/legacy_layout.sqlite3.gz is the demo database of the earlier layout (models in the
project package `heilbronn_quartier`), with demo accounts, a corrected paper response, an edited
offer (history rows) and an edited legal page. It is migrated by a separate process, as an
administrator would run `manage.py migrate` after the update.
"""

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "legacy_layout.sqlite3.gz"
MOVED = {
    "heilbronn_quartier_sitepage": "portal_sitepage",
    "heilbronn_quartier_staffprofile": "staff_staffprofile",
    "heilbronn_quartier_staffprofile_centres": "staff_staffprofile_centres",
    **{
        f"heilbronn_quartier_historical{model}": f"{app}_historical{model}"
        for app, models in {
            "centers": ["centre", "site", "document"],
            "contacts": ["contactperson"],
            "offers": ["offer", "schedule"],
            "survey": ["survey", "question", "choice", "response"],
        }.items()
        for model in models
    },
}

# New apps bring their own content types and permissions; none of the old ones may go.
GROWS = {"django_content_type", "auth_permission"}


def _row_counts(path):
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_") and name != "django_migrations"
        ]
        # Table names come from sqlite_master of our own fixture, not from outside.
        count = 'SELECT COUNT(*) FROM "{}"'
        return {name: db.execute(count.format(name)).fetchone()[0] for name in tables}


@pytest.fixture(scope="module")
def legacy_database(tmp_path_factory):
    path = tmp_path_factory.mktemp("legacy") / "legacy.sqlite3"
    with gzip.open(FIXTURE) as source, path.open("wb") as target:
        shutil.copyfileobj(source, target)
    return path


@pytest.fixture(scope="module")
def migrated(legacy_database, tmp_path_factory):
    """The legacy database's row counts before, and the database after `manage.py migrate`
    (both tests read the one migration: it takes seconds)."""
    before = _row_counts(legacy_database)
    result = _migrate(legacy_database, tmp_path_factory.mktemp("media"))
    assert result.returncode == 0, result.stderr
    return before, legacy_database


def _migrate(path, media_root):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "heilbronn_quartier.settings",
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_migrating_a_database_of_the_old_layout_keeps_every_row(migrated):
    before, database = migrated
    assert before["heilbronn_quartier_historicaloffer"] > 0
    assert before["heilbronn_quartier_historicalresponse"] > 0
    assert before["survey_response"] > 0

    after = _row_counts(database)
    for table, count in before.items():
        new_table = MOVED.get(table, table)
        if table in GROWS:
            assert after[new_table] >= count, table
        else:
            assert after.get(new_table) == count, f"{table} → {new_table}"
    assert not [name for name in after if name.startswith("heilbronn_quartier_")]


def test_moved_models_keep_their_permissions_and_group_rights(migrated):
    _before, database = migrated
    with sqlite3.connect(database) as db:
        labels = {
            app: model
            for app, model in db.execute(
                "SELECT app_label, model FROM django_content_type "
                "WHERE model IN ('sitepage', 'staffprofile')"
            )
        }
        editors_may_publish = db.execute(
            "SELECT COUNT(*) FROM auth_group_permissions gp "
            "JOIN auth_group g ON g.id = gp.group_id "
            "JOIN auth_permission p ON p.id = gp.permission_id "
            "JOIN django_content_type ct ON ct.id = p.content_type_id "
            "WHERE g.name = 'Redaktion' AND p.codename = 'publish_content' "
            "AND ct.app_label = 'staff'"
        ).fetchone()[0]
    assert labels == {"portal": "sitepage", "staff": "staffprofile"}
    assert editors_may_publish == 1
