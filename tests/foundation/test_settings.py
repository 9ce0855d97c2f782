import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _settings_probe(expression, **env):
    """Prints an expression over django.conf.settings in a fresh interpreter with `env`."""
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="heilbronn_quartier.settings")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


# The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, pytest-django points
# DJANGO_SETTINGS_MODULE at the test settings: neither has a place in production.
_NOT_INHERITED = {
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
}


def _run_manage(*args, **env):
    clean_env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_rejects_a_malformed_boolean():
    result = _run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="quartier.heilbronn.de",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_use_https_off_switches_off_exactly_the_https_settings():
    expression = (
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS, s.DEBUG"
    )
    common = {"DEBUG": "0", "SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "127.0.0.1"}
    secure = _settings_probe(expression, **common)
    plain = _settings_probe(expression, USE_HTTPS="0", **common)
    assert secure == ["True", "31536000", "True", "True", "True", "DENY", "False"]
    assert plain == ["False", "0", "False", "False", "True", "DENY", "False"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Persistent on SQLite too: a new connection reads the whole schema again.
        (None, ["django.db.backends.sqlite3", "600", "True"]),
        ("postgres://u@127.0.0.1:5432/x", ["django.db.backends.postgresql", "600", "True"]),
    ],
)
def test_database_comes_from_database_url(url, expected):
    env = {"DEBUG": "1", **({"DATABASE_URL": url} if url else {})}
    words = _settings_probe(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default'].get('CONN_MAX_AGE'), "
        "s.DATABASES['default'].get('CONN_HEALTH_CHECKS')",
        **env,
    )
    assert words[: len(expected)] == expected


def test_sqlite_writes_a_write_ahead_log_flushed_at_every_commit(tmp_path):
    """Durable as before (synchronous=FULL: each commit is on disk before it returns), with one
    flush per commit instead of the rollback journal's several (issue 18)."""
    words = _settings_probe(
        "*[c.execute(p).fetchone()[0] for c in [__import__('django.db').db.connection.cursor()] "
        "for p in ('PRAGMA journal_mode', 'PRAGMA synchronous', 'PRAGMA busy_timeout')]",
        DEBUG="1",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    assert words == ["wal", "2", "20000"]
