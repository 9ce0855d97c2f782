import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


def _postgres_is_running():
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def _local_postgresql_test_database():
    """This run's test database where it is on the local PostgreSQL: migrated already, and the
    probe only reads from it."""
    if connection.vendor != "postgresql":
        return None
    if (connection.settings_dict["HOST"], str(connection.settings_dict["PORT"])) not in {
        ("127.0.0.1", "5432"),
        ("localhost", "5432"),
    }:
        return None
    return connection.settings_dict["NAME"]


@pytest.fixture
def outage_database(collected_static, db):
    require(_postgres_is_running(), "PostgreSQL is not running on 127.0.0.1:5432")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    admin = ["psql", "postgresql://postgres@127.0.0.1:5432/postgres", "-qc"]
    name = _local_postgresql_test_database()
    made = name is None
    if made:
        name = "quartier_outage_probe"
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
        subprocess.run([*admin, f"CREATE DATABASE {name}"], check=True)
        env.update(DEBUG="1", DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}")
        migrate = [sys.executable, "manage.py", "migrate", "-v0"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True)
    # Production settings serve static files through the manifest collectstatic writes.
    yield name, str(collected_static)
    if made:
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)


def test_the_portal_answers_503_while_postgresql_is_gone_and_recovers_by_itself(outage_database):
    name, static_root = outage_database
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env["STATIC_ROOT"] = static_root
    result = subprocess.run(
        [sys.executable, "tests/foundation/outage_probe.py", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    up, down, back = json.loads(result.stdout.strip().splitlines()[-1])

    assert up["healthz"] == 200
    assert up["login"] == 200
    assert down["healthz"] == 503
    assert down["login"] == 503
    assert 'lang="ar" dir="rtl"' in down["login_html"]
    assert "Traceback" not in down["login_html"] and "psycopg" not in down["login_html"]
    assert back["healthz"] == 200
    assert back["login"] == 200
    assert back["home"] == 200
