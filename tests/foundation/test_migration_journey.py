"""Data migrations keep what residents and staff entered: an empty database of the run's kind is
migrated forward in its own process, with rows written before each data migration by the models
of that moment (tests/foundation/migration_journey.py). The demo database of the earlier app
layout is migrated in tests/foundation/test_layout_migration.py."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scratch_database(tmp_path_factory):
    """The address of an empty database beside the test database (DATABASE_URL), or a new
    SQLite file. The PostgreSQL one is kept from run to run and emptied: dropping a database
    waits for a checkpoint of the whole server (seconds), dropping its schema does not."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield {"SQLITE_PATH": str(tmp_path_factory.mktemp("journey") / "journey.sqlite3")}
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    parsed = urlparse(url)
    name = f"test_{parsed.path.lstrip('/')}_journey_{worker}"
    scratch = parsed._replace(path=f"/{name}").geturl()
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(f'CREATE DATABASE "{name}"')
    _empty(scratch)
    yield {"DATABASE_URL": scratch}
    _empty(scratch)


def _empty(url):
    with psycopg.connect(url, autocommit=True) as database:
        database.execute("DROP SCHEMA public CASCADE")
        database.execute("CREATE SCHEMA public")


@pytest.fixture(scope="module")
def migrated(scratch_database, tmp_path_factory):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SQLITE_PATH", "DJANGO_SETTINGS_MODULE"}
    }
    env |= scratch_database | {
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "heilbronn_quartier.settings",
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.foundation.migration_journey"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_migration_places_sites_in_quarters_and_keeps_every_offer(migrated):
    assert migrated["sites"] == {
        "QZ Süd": None,
        "Außenstelle Hoover-Siedlung": "hoover",
        "Haus": "nord",
    }
    offers = migrated["offers"]
    assert set(offers) == {"at-main", "at-branch", "at-only", "elsewhere", "alt"}
    assert offers["at-main"]["quarter"] == "hoover"  # unknown site quarter: kept as it was
    assert offers["at-branch"]["site"] == "Außenstelle Hoover-Siedlung"
    assert offers["at-only"]["quarter"] == "nord"
    assert (offers["elsewhere"]["venue_name"], offers["elsewhere"]["quarter"]) == ("Park", "sued")
    placed = [offers[slug] for slug in ("at-main", "at-branch", "at-only", "elsewhere")]
    assert all(offer["centre"] == "qz-sued" for offer in placed)


def test_the_migration_gives_every_existing_slot_its_weekday(migrated):
    assert migrated["weekdays"] == ["0", "1", "1", "2", "3", "4", "5", "6"]


# Django's own difference: auth's migrations give its many-to-many tables bigint ids, its
# models (AutoField) integer ones. No row of ours goes near four billion.
AUTH_LINK_IDS = {"auth_group_permissions", "auth_user_groups", "auth_user_user_permissions"}


def _comparable(described):
    tables = {}
    for table, parts in described.items():
        if table == "django_migrations":  # which migrations ran: theirs alone
            continue
        columns = [
            [name, None if table in AUTH_LINK_IDS and name == "id" else kind, *rest]
            for name, kind, *rest in parts["columns"]
        ]
        tables[table] = {"columns": columns, "constraints": parts["constraints"]}
    return tables


@pytest.mark.django_db
def test_the_migrations_make_the_tables_the_test_databases_are_made_with(migrated):
    """The test databases are made from the models (`--no-migrations`, tests/conftest.py):
    what the migrations make must be just that, column for column and index for index."""
    from tests.foundation.migration_journey import schema

    made_from_models = _comparable(schema())
    migrations_made = _comparable(migrated["schema"])
    assert sorted(made_from_models) == sorted(migrations_made)
    differing = [
        f"{table}: models {described}, migrations {migrations_made[table]}"
        for table, described in made_from_models.items()
        if described != migrations_made[table]
    ]
    assert not differing, "\n".join(differing)
