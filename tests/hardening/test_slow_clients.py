"""Issue 17: slow clients against the production stack, run as real processes.

Tested stack: nginx with the timeouts and buffering of deploy/nginx-quartier.conf in front of
gunicorn with gunicorn.conf.py (2 sync workers, production settings, DEBUG off).

- gunicorn alone: four clients that send one header line per second keep both sync workers busy,
  and a normal visitor gets no answer. This is why nginx is mandatory (README, "Production").
- nginx in front: the same slow clients, and slow request bodies, wait in nginx; a normal
  visitor is answered at once. This test runs only where nginx is installed (it is skipped
  otherwise; CI installs nginx-light, see README).
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONF = ROOT / "deploy" / "nginx-quartier.conf"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.path.exists(path)), None
)
SLOW_CLIENTS = 4
WORKERS = 2


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(port, timeout):
    """Seconds a normal visitor waits for /robots.txt, or None when there is no answer."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=timeout) as r:
            r.read()
            assert r.status == 200
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return None
    return time.monotonic() - started


def _wait_until_answering(port, process, log):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {log.read_text()[-2000:]}")
        if _fetch(port, timeout=1) is not None:
            return
        time.sleep(0.2)
    pytest.fail(f"server did not answer: {log.read_text()[-2000:]}")


@pytest.fixture
def gunicorn_port(tmp_path):
    with _gunicorn(tmp_path) as port:
        yield port


@contextlib.contextmanager
def _gunicorn(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW"))}
    env.update(
        DJANGO_SETTINGS_MODULE="heilbronn_quartier.settings",
        DEBUG="0",
        SECRET_KEY="slow-client-test-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        USE_HTTPS="0",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        PAGE_CACHE_STAMP=str(tmp_path / "stamp"),
        PAGE_CACHE_SECONDS="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_ACCESS_LOG="/dev/null",
        LOG_LEVEL="WARNING",
    )
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
            + ["heilbronn_quartier.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_answering(port, process, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class SlowClients:
    """Connections that send their request a little at a time, like a slowloris attack."""

    def __init__(self, port, count, body=False):
        self.sockets = []
        self.stop = threading.Event()
        for _ in range(count):
            sock = socket.create_connection(("127.0.0.1", port))
            if body:
                sock.sendall(
                    b"POST /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 100000\r\n\r\n"
                )
            else:
                sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.sockets.append(sock)
        self.body = body
        self.thread = threading.Thread(target=self._dribble, daemon=True)
        self.thread.start()

    def _dribble(self):
        while not self.stop.wait(1):
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(b"a=b&" if self.body else b"X-Slow: 1\r\n")

    def close(self):
        self.stop.set()
        self.thread.join()
        for sock in self.sockets:
            sock.close()


def test_gunicorn_alone_is_kept_busy_by_four_slow_clients(gunicorn_port):
    """Why the buffering proxy is mandatory: without it, sync workers wait on slow clients."""
    assert _fetch(gunicorn_port, timeout=5) is not None
    slow = SlowClients(gunicorn_port, SLOW_CLIENTS)
    try:
        time.sleep(1)
        assert _fetch(gunicorn_port, timeout=3) is None, "a visitor got through: no problem?"
    finally:
        slow.close()


DIRECTIVES = [
    "client_header_timeout",
    "client_body_timeout",
    "keepalive_timeout",
    "send_timeout",
    "client_max_body_size",
    "large_client_header_buffers",
    "proxy_request_buffering",
    "proxy_buffering",
    "proxy_read_timeout",
    "proxy_connect_timeout",
]


def _deploy_directives():
    """The slow-client settings exactly as deploy/nginx-quartier.conf states them."""
    text = DEPLOY_CONF.read_text()
    found = {}
    for name in DIRECTIVES:
        match = re.search(rf"^\s*{name}\s+([^;]+);", text, re.M)
        assert match, f"deploy/nginx-quartier.conf must set {name}"
        found[name] = match.group(1)
    assert found["proxy_request_buffering"] == "on"
    return found


def test_the_deployed_nginx_configuration_sets_the_slow_client_timeouts():
    directives = _deploy_directives()
    assert directives["client_header_timeout"] in {"5s", "10s", "15s"}
    assert directives["client_body_timeout"] in {"10s", "20s", "30s"}


NO_NGINX = "nginx is not installed (apt-get install nginx-light); this test needs it"


def _temp_paths(temp):
    """nginx's scratch folders inside the test's own folder (no root-owned /var/lib/nginx)."""
    names = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    folders = {"client_body": "body"}
    return "".join(f"    {name}_temp_path {temp}/{folders.get(name, name)};\n" for name in names)


@contextlib.contextmanager
def _running_nginx(temp, config, tmp_path):
    log = tmp_path / "nginx.log"
    with open(log, "w") as output:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [NGINX, "-p", str(temp), "-c", str(config)], stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield process, log
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture
def nginx_port(gunicorn_port, tmp_path):
    require(NGINX is not None, NO_NGINX)
    port = _free_port()
    directives = "\n".join(f"    {name} {value};" for name, value in _deploy_directives().items())
    temp = tmp_path / "nginx"
    temp.mkdir()
    user = "user root;" if os.geteuid() == 0 else ""
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"""
{user}
worker_processes 1;
daemon off;
pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
{_temp_paths(temp)}{directives}
    upstream quartier_app {{ server 127.0.0.1:{gunicorn_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://quartier_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
    }}
}}
"""
    )
    with _running_nginx(temp, config, tmp_path) as (process, log):
        _wait_until_answering(port, process, log)
        yield port


def test_behind_nginx_slow_headers_and_bodies_do_not_keep_visitors_waiting(nginx_port):
    headers = SlowClients(nginx_port, SLOW_CLIENTS * 5)
    bodies = SlowClients(nginx_port, SLOW_CLIENTS * 5, body=True)
    try:
        time.sleep(2)
        waits = [_fetch(nginx_port, timeout=5) for _ in range(10)]
    finally:
        headers.close()
        bodies.close()
    assert None not in waits
    assert max(waits) < 1.0


def test_gunicorn_warns_at_start_when_visitors_could_reach_it_without_nginx(caplog):
    import logging

    namespace = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config file

    class Server:
        class cfg:  # noqa: N801 - mimics gunicorn's server.cfg
            bind = ["0.0.0.0:8000"]

        log = logging.getLogger("gunicorn.error")

    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        namespace["when_ready"](Server)
        Server.cfg.bind = ["127.0.0.1:8000"]
        namespace["when_ready"](Server)
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1
    assert "0.0.0.0:8000" in warnings[0] and "nginx" in warnings[0]


@pytest.fixture(scope="module")
def deployed_nginx(tmp_path_factory):
    """deploy/nginx-quartier.conf itself, with local ports, paths and a throwaway certificate
    (one for the module: the tests only read from it)."""
    require(NGINX is not None, NO_NGINX)
    tmp_path = tmp_path_factory.mktemp("deployed")
    with _gunicorn(tmp_path) as gunicorn_port:
        yield from _deployed_nginx(gunicorn_port, tmp_path)


def _deployed_nginx(gunicorn_port, tmp_path):
    temp = tmp_path / "nginx"
    media = tmp_path / "media"
    for folder in (temp, media / "documents", media / "contacts", tmp_path / "static"):
        folder.mkdir(parents=True)
    (media / "documents" / "bericht.pdf").write_bytes(b"%PDF-1.7 test")
    (media / "contacts" / "foto.png").write_bytes(b"\x89PNG test")
    subprocess.run(  # noqa: S603 - fixed arguments
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(temp / "key.pem")]
        + ["-out", str(temp / "cert.pem")],
        check=True,
        capture_output=True,
    )
    port, plain_port = _free_port(), _free_port()
    site = DEPLOY_CONF.read_text()
    replacements = {
        "server 127.0.0.1:8000": f"server 127.0.0.1:{gunicorn_port}",
        "listen 80;": f"listen 127.0.0.1:{plain_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        "/etc/letsencrypt/live/quartier.heilbronn.de/fullchain.pem": str(temp / "cert.pem"),
        "/etc/letsencrypt/live/quartier.heilbronn.de/privkey.pem": str(temp / "key.pem"),
        "/var/log/nginx/quartier.access.log": str(temp / "access.log"),
        "/srv/quartier/static/": f"{tmp_path / 'static'}/",
        "/srv/quartier/media/": f"{media}/",
    }
    for old, new in replacements.items():
        assert old in site
        site = site.replace(old, new)
    site = re.sub(r"^\s*listen \[::\].*$", "", site, flags=re.M)
    # `http2 on;` needs nginx 1.25.1; Debian 12's nginx 1.22 only knows `listen … http2`.
    site = site.replace("http2 on;", "")
    user = "user root;" if os.geteuid() == 0 else ""
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"""
{user}
worker_processes 1;
daemon off;
pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
{_temp_paths(temp)}{site}
}}
"""
    )
    with _running_nginx(temp, config, tmp_path) as (process, log):
        deadline = time.monotonic() + 15
        while _fetch_https(port, "/robots.txt")[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield port


def _fetch_https(port, path):
    import http.client
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=5, context=context)
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        response.read()
        return response.status, {name.lower(): value for name, value in response.getheaders()}
    except OSError:
        return None, {}
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "status", "disposition"),
    [
        ("/media/documents/bericht.pdf", 200, "attachment"),
        ("/media/contacts/foto.png", 200, None),
        ("/media/documents/fehlt.pdf", 404, "attachment"),
    ],
)
def test_the_deployed_nginx_serves_every_media_file_in_the_sandbox(
    deployed_nginx, path, status, disposition
):
    got, headers = _fetch_https(deployed_nginx, path)
    assert got == status
    assert headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers.get("content-disposition") == disposition
