"""In-process price of a page-cache miss with warm fragments, per public page type (issue 18),
and "cold": the first request after an editor's save, when no fragment is kept yet.

    python bench/miss_profile.py                   # table: median CPU ms and SQL queries
    python bench/miss_profile.py --profile "offer list"   # plus cProfile of that page
    python bench/miss_profile.py --fresh           # rebuild the city-scale data first

Staff pages (logged in as bench/prepare.py logs in) are measured too; "wall ms" includes the
time PostgreSQL spends in its own process.

Production settings (DEBUG off, manifest static files), PAGE_CACHE_SECONDS=0, fragments on. The
city-scale data of bench/prepare.py (30 quarters, 2,000 activities, 10,000 responses) is built
once into var/bench/miss-profile.sqlite3 (or the database of DATABASE_URL, when it is empty) and
reused. Each page is asked once to warm the fragments, then --requests times; one core, no
server, no wrk: it measures CPU, not throughput.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT))

from bench import profile_in_process  # noqa: E402

profile_in_process(PAGE_CACHE_SECONDS="0")
os.environ.setdefault("SQLITE_PATH", str(VAR / "miss-profile.sqlite3"))
os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _prepare(fresh):
    from django.core.management import call_command

    from offers.models import Offer

    sqlite = not os.environ.get("DATABASE_URL")
    if fresh and sqlite:
        from django.db import connection

        connection.close()
        Path(os.environ["SQLITE_PATH"]).unlink(missing_ok=True)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not (VAR / "static-profile" / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)
    if not Offer.objects.exists():
        import bench.generate_apps  # noqa: F401  (registers activities and responses)
        from bench.generate import generate

        started = time.monotonic()
        print("building city-scale data …", file=sys.stderr)
        generate(offers=2000, responses=10000)
        print(f"… {time.monotonic() - started:.0f} s", file=sys.stderr)


def _pages():
    import bench.pages_apps  # noqa: F401  (registers activity and survey pages)
    from bench.pages import page_list

    kinds = {"public", "bare", "staff"}
    return [p for p in page_list() if p["kind"] in kinds and p["method"] == "GET"]


def _staff_client():
    """Logged in as bench/prepare.py logs in staff: a superuser past the second factor."""
    from django.test import Client

    from bench.prepare import staff_session

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = staff_session()
    return client


def _fetch(client, path, wall=None):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started, wall_started = time.process_time(), time.perf_counter()
        response = client.get(path)
        spent = (time.process_time() - started) * 1000
        if wall is not None:  # PostgreSQL works in its own process: CPU here misses its share
            wall.append((time.perf_counter() - wall_started) * 1000)
    assert response.status_code == 200, (path, response.status_code)
    return spent, len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--profile", action="append", default=[], help="page label to cProfile")
    parser.add_argument("--only", action="append", default=[], help="measure only these labels")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=45)
    parser.add_argument("--match", default="", help="regex on the profile's file:function names")
    args = parser.parse_args()

    import django

    VAR.mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.test import Client

    _prepare(args.fresh)
    client = Client(HTTP_HOST="127.0.0.1")
    pages = _pages()
    if args.only:
        pages = [p for p in pages if p["kind"] == "bare" or p["label"] in args.only]
    clients = {"staff": _staff_client()} if any(p["kind"] == "staff" for p in pages) else {}
    for p in pages:
        _fetch(clients.get(p["kind"], client), p["path"])  # templates compiled, fragments warm
    from portal.cache import invalidate_pages

    rows = []
    for p in pages:
        asking = clients.get(p["kind"], client)
        # Cold: right after an editor's save (every fragment and kept value gone), median of 5.
        cold = []
        for _ in range(5):
            invalidate_pages()
            cold.append(_fetch(asking, p["path"]))
        wall = []
        results = [_fetch(asking, p["path"], wall) for _ in range(args.requests)]
        cpu = statistics.median(ms for ms, _q, _b in results)
        queries = max(q for _ms, q, _b in results)
        cold_cpu = statistics.median(ms for ms, _q, _b in cold)
        rows.append(
            (p["label"], cpu, statistics.median(wall), queries, cold_cpu)
            + (max(q for _ms, q, _b in cold), results[-1][2])
        )
    print(
        f"{'page':<26} {'CPU ms':>7} {'wall ms':>7} {'SQL':>4} {'cold ms':>8} {'cold SQL':>8} "
        f"{'bytes':>9}"
    )
    for label, cpu, wall_ms, queries, cold_cpu, cold_queries, size in rows:
        print(
            f"{label:<26} {cpu:7.2f} {wall_ms:7.2f} {queries:4d} {cold_cpu:8.2f} "
            f"{cold_queries:8d} {size:9,d}"
        )
    for label in args.profile:
        p = next(p for p in pages if p["label"] == label)
        asking = clients.get(p["kind"], client)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            asking.get(p["path"])
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(
            *([args.match] if args.match else []), args.lines
        )
        print(f"\n=== {label} ({args.requests} requests) ===\n{out.getvalue()}")


if __name__ == "__main__":
    main()
