"""In production, WhiteNoise serves hashed static files compressed and cached for ever."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter with production settings (not the test settings).
PROBE = """
import json, sys
import django
django.setup()
from django.contrib.staticfiles.storage import staticfiles_storage
from heilbronn_quartier.wsgi import application

url = staticfiles_storage.url("css/site.css")
result = {"url": url}
for name, encoding in (("plain", ""), ("gzip", "gzip"), ("brotli", "gzip, deflate, br")):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": url, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_ENCODING": encoding,
        "wsgi.url_scheme": "http", "wsgi.input": sys.stdin.buffer, "wsgi.errors": sys.stderr,
    }
    seen = {}
    def start_response(status, headers, exc_info=None):
        seen["status"] = status
        seen["headers"] = dict(headers)
    body = b"".join(application(environ, start_response))
    result[name] = seen | {"length": len(body)}
print(json.dumps(result))
"""


def _production_env(tmp_path, static_root):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DEBUG"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="heilbronn_quartier.settings",
        DEBUG="0",
        USE_HTTPS="0",
        SECRET_KEY="static-test-" + "s" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(tmp_path / "media"),
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        LOG_LEVEL="WARNING",
    )
    return env


def test_hashed_css_is_served_brotli_or_gzip_and_cached_immutably_for_a_year(
    tmp_path, collected_static
):
    env = _production_env(tmp_path, collected_static)
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert result["url"].startswith("/static/css/site.")
    assert result["url"] != "/static/css/site.css", "manifest storage must hash the name"
    hashed = collected_static / result["url"].removeprefix("/static/")
    assert hashed.exists()
    assert hashed.with_name(hashed.name + ".gz").exists()
    # Brotli (the brotli package) beside gzip: about a fifth smaller for CSS.
    assert hashed.with_name(hashed.name + ".br").exists()
    manifest = json.loads((collected_static / "staticfiles.json").read_text())["paths"]
    bootstrap = collected_static / manifest["vendor/bootstrap/css/bootstrap.min.css"]
    assert bootstrap.with_name(bootstrap.name + ".br").exists()
    # The copies under their plain names stay, uncompressed: no page links to them.
    plain_bootstrap = collected_static / "vendor/bootstrap/css/bootstrap.min.css"
    assert (
        plain_bootstrap.exists() and not plain_bootstrap.with_name("bootstrap.min.css.br").exists()
    )

    plain, gzipped = result["plain"], result["gzip"]
    assert plain["status"].startswith("200")
    cache_control = plain["headers"]["Cache-Control"]
    assert "immutable" in cache_control
    assert "public" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600
    assert gzipped["status"].startswith("200")
    assert gzipped["headers"]["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in gzipped["headers"]["Vary"]
    assert gzipped["length"] < plain["length"]
    brotli = result["brotli"]
    assert brotli["status"].startswith("200")
    assert brotli["headers"]["Content-Encoding"] == "br"
    assert "immutable" in brotli["headers"]["Cache-Control"]
    assert brotli["length"] < gzipped["length"]


def test_our_stylesheets_close_every_block():
    """An unclosed rule silently swallows every rule after it (a merge once did that)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in [*root.glob("static/**/*.css"), *root.glob("*/static/**/*.css")]:
        if "vendor" in path.parts:
            continue
        depth = 0
        for character in path.read_text():
            depth += {"{": 1, "}": -1}.get(character, 0)
            assert depth >= 0, path
        assert depth == 0, path
