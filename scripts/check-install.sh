#!/usr/bin/env bash
# The README's production install, as a new user would do it: a fresh venv, no pip cache,
# `pip install .`, then `manage.py check --deploy` with production settings must be clean.
# Also starts the portal once with REDIS_URL when a Redis server answers on 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "check-install: fresh venv, pip install --no-cache-dir ."
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install --disable-pip-version-check --no-cache-dir -q .

# Production settings: DEBUG off, a secret key and host names (see README, "Betrieb").
export DJANGO_SETTINGS_MODULE=heilbronn_quartier.settings
export DEBUG=0
export SECRET_KEY="check-install-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=quartier.heilbronn.de
export SQLITE_PATH="$work/db.sqlite3"
export STATIC_ROOT="$work/static"
export MEDIA_ROOT="$work/media"
unset DATABASE_URL REDIS_URL DJANGO_ALLOW_ASYNC_UNSAFE

# Run from outside the source tree too: the installed packages alone must import.
(cd "$work" && "$work/venv/bin/python" -c "import heilbronn_quartier.settings")
manage() { "$work/venv/bin/python" manage.py "$@"; }
manage compile_catalogues -v0
manage migrate --noinput -v0
manage createcachetable
manage collectstatic --noinput -v0
# WhiteNoise wrote Brotli copies (the brotli package is installed) beside the gzip ones.
ls "$STATIC_ROOT"/css/site.*.css.br >/dev/null
manage check --deploy --fail-level WARNING

# A request through the whole stack (WSGI handler, middleware, templates, static manifest).
probe='
from django.test import Client
client = Client(SERVER_NAME="quartier.heilbronn.de")
for path in ("/healthz", "/de/"):
    status = client.get(path, secure=True).status_code
    print("check-install:", path, status)
    assert status == 200, path
'
manage shell -c "$probe"

if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "check-install: the same with REDIS_URL (cache and cached pages in Redis)"
  REDIS_URL=redis://127.0.0.1:6379/0 manage shell -c "
from django.core.cache import caches
caches['default'].set('check-install', 1, 10)
assert caches['default'].get('check-install') == 1, 'Redis cache does not answer'
$probe"
else
  echo "check-install: no Redis on 127.0.0.1:6379, REDIS_URL not tried"
fi
echo "check-install: ok"
