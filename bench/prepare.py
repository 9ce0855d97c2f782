"""Runs inside the benchmark's environment: fills the database and measures each page in-process.

Prints one JSON document: the pages to load-test with their SQL query counts and HTML sizes.
"""

import gzip
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import bench.generate_apps  # noqa: E402, F401  (registers activities and responses)
import bench.pages_apps  # noqa: E402, F401  (registers activity and survey pages)
from bench.generate import generate  # noqa: E402
from bench.pages import filter_paths, page_list  # noqa: E402
from portal.cache import invalidate_pages  # noqa: E402


def staff_session():
    """A superuser's session that has passed the second factor, as after the TOTP step."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _created = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


def _analyze():
    """Table statistics for PostgreSQL's planner, as autovacuum gathers them in production a
    minute after a bulk load. Where autovacuum is off (this machine's CI configuration), a
    freshly filled table looks empty to the planner: the dashboard's aggregate then joins
    120,000 answers to 10,000 responses row by row and runs past gunicorn's 30-s timeout."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    summary = generate(
        offers=int(os.environ.get("BENCH_OFFERS", 2000)),
        responses=int(os.environ.get("BENCH_RESPONSES", 10000)),
    )
    _analyze()
    session = staff_session()
    pages = []
    for page in page_list():
        client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
        if page.get("origin"):
            client.defaults["HTTP_ORIGIN"] = "http://127.0.0.1"
        if page["kind"] == "staff":
            client.cookies["sessionid"] = session
        if page.get("cookie"):
            name, value = page["cookie"].split("=", 1)
            client.cookies[name] = value

        def fetch(client=client, page=page):
            reset_queries()  # each request resets the log; count from an empty one
            started, wall = time.process_time(), time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                if page["method"] == "POST":
                    response = client.post(page["path"], page["body"], content_type=page["type"])
                else:
                    response = client.get(page["path"])
            spent = (time.process_time() - started) * 1000
            return response, len(queries), spent, (time.perf_counter() - wall) * 1000

        fetch()  # templates compiled, connections open
        invalidate_pages()  # as after an editor's save: every page and fragment cold
        response, cold_queries, cold_ms, cold_wall_ms = fetch()
        response, queries, warm_ms, _wall = fetch()
        body = response.content
        pages.append(
            page
            | {
                "status": response.status_code,
                "queries": queries,
                "cold_queries": cold_queries,
                # CPU time in-process: right after a content save, and once more.
                "cold_ms": round(cold_ms, 1),
                # … and the time it took, the database's share included (PostgreSQL works in
                # its own process): the survey dashboard's recount after new responses.
                "cold_wall_ms": round(cold_wall_ms, 1),
                "warm_ms": round(warm_ms, 1),
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, 6)),
            }
        )
    filters = filter_paths(int(os.environ.get("BENCH_FILTER_PATHS", 2000)))
    print(
        json.dumps(
            {
                "data": summary,
                "session": session,
                "pages": pages,
                "filters": filters,
                "filter_queries": _most_queries(filters[:30]),
            }
        )
    )


def _most_queries(paths):
    """The most SQL queries any of these addresses needs."""
    most = 0
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        most = max(most, len(queries))
    return most


if __name__ == "__main__":
    main()
