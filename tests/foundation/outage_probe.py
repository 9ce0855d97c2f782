"""Runs in its own process: the portal talks to PostgreSQL through a TCP relay that the probe
cuts and restores, like a database server that goes away and comes back.

Prints one JSON object with what each step answered.
"""

import contextlib
import json
import os
import socket
import sys
import threading
import urllib.error
import urllib.request

UPSTREAM = ("127.0.0.1", 5432)


class Relay:
    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.open = True
        self.listener.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(UPSTREAM)
            self.connections += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.open = False
        for sock in self.connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.connections = []

    def restore(self):
        self.open = True


def main():
    database = sys.argv[1]
    relay = Relay()
    os.environ.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{relay.port}/{database}",
        DJANGO_SETTINGS_MODULE="heilbronn_quartier.settings",
        DEBUG="0",
        SECRET_KEY="outage-probe-" + "s" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        USE_HTTPS="0",
        PAGE_CACHE_SECONDS="0",
        LOG_LEVEL=os.environ.get("PROBE_LOG_LEVEL", "CRITICAL"),
    )
    # A real WSGI server, not Django's test client: only a real request cycle runs the
    # connection clean-up that lets the portal recover by itself.
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"

    def fetch(path, language="de", cookie=""):
        headers = {"Accept-Language": language, "Cookie": cookie}
        request = urllib.request.Request(base + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def probe(label):
        health, _ = fetch("/healthz")
        # A session cookie makes the admin look the session up in the database.
        login, login_html = fetch(
            "/admin/login/", language="ar", cookie="sessionid=" + "a1b2c3d4" * 4
        )
        page, _ = fetch("/tr/", language="tr")
        return {
            "step": label,
            "healthz": health,
            "login": login,
            "login_html": login_html[:3000],
            "home": page,
        }

    results = [probe("up")]
    relay.cut()
    results.append(probe("down"))
    relay.restore()
    results.append(probe("back"))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
