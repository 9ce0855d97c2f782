"""gunicorn settings for the Quartiersportal; every value can be overridden by the environment."""

import multiprocessing
import os

# Only nginx talks to gunicorn: bind to the loopback interface (or a unix socket), never to an
# address visitors can reach. Sync workers wait for one client each; a few clients that send
# their request slowly would keep all of them busy. nginx (deploy/nginx-quartier.conf) reads
# each request completely first: it is MANDATORY in production (README, "Production").
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: requests are short and the database does the waiting; 2 per core is plenty.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
# A worker silent for longer than this is killed and replaced (also one stuck on a slow client
# that reached it without nginx); requests themselves take well under a second.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Request line and headers: refuse what no browser sends.
limit_request_fields = 60
limit_request_field_size = 8190
# Recycle workers now and then so that no slow leak can grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# No client address, no query string (filters and resume codes stay out of the logs), no
# referrer or user agent: method, path, status, size and duration only.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def _directly_reachable(addresses):
    """Bind addresses that are neither loopback nor a unix socket."""
    local = ("127.", "localhost", "[::1]", "unix:")
    return [address for address in addresses if not str(address).startswith(local)]


def when_ready(server):
    exposed = _directly_reachable(server.cfg.bind)
    if exposed and os.environ.get("GUNICORN_ALLOW_DIRECT") != "1":
        server.log.warning(
            "gunicorn listens on %s, reachable without the buffering proxy. Slow clients can "
            "then keep every sync worker busy: run it behind nginx as in "
            "deploy/nginx-quartier.conf and bind to 127.0.0.1 or a unix socket "
            "(README, 'Production'). Set GUNICORN_ALLOW_DIRECT=1 to silence this warning.",
            ", ".join(exposed),
        )
