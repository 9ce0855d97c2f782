"""Settings for the test suite (pyproject.toml: DJANGO_SETTINGS_MODULE): every test override.

Production settings with DEBUG off, as the tests run, plus what a test run needs: plain HTTP on
the test client and live server, no two-factor step, static files from the source folders,
fast password hashing and caches that live in memory. Subprocesses started by tests choose their
own settings module.
"""

import os
import tempfile
from pathlib import Path

# The production settings refuse to start without a secret key; tests need no real one.
os.environ.setdefault("SECRET_KEY", "insecure-test-key-never-use-in-production")

from heilbronn_quartier.settings import *  # noqa: E402, F403
from heilbronn_quartier.settings import BASE_DIR, PAGE_CACHE_MAX_BYTES  # noqa: E402

# pytest-xdist runs the suite in several processes: each keeps its own files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

# Over plain HTTP like development; tests of the HTTPS settings probe production in a subprocess.
USE_HTTPS = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# Admin tests log in with a password only; tests of the TOTP step switch it on themselves.
STAFF_2FA_REQUIRED = False

# Static files from the source folders, no collectstatic needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# PostgreSQL empties the tables after a transactional test with DELETE instead of TRUNCATE
# (seconds per test; tests/postgresql/base.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.postgresql"  # noqa: F405

# Tests load the demo content with DEBUG off, as production runs.
DEMO_WITHOUT_DEBUG = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "portal.cache.BoundedLocMemCache",
        "LOCATION": "p",
        "OPTIONS": {"MAX_BYTES": PAGE_CACHE_MAX_BYTES, "MAX_ENTRIES": 100_000},
    },
}
# Tests that exercise the page cache switch it on themselves.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
# Per process: another test run in the same checkout (or another xdist worker) must not
# invalidate this one's cached pages.
PAGE_CACHE_STAMP = Path(tempfile.gettempdir()) / f"quartier-test-page-cache-{os.getpid()}.stamp"
# Each test gets its own MEDIA_ROOT (tests/conftest.py); this one only catches set-up outside it.
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{_WORKER}"
