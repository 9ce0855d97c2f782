"""`make bench`: every page against a bare Django view, side by side in one run, hit and miss.

For PostgreSQL and SQLite in turn: a fresh database with city-scale data (30 neighbourhoods,
2,000 published activities, 10,000 survey responses), gunicorn with 2 sync workers (production
settings over plain HTTP) and wrk with 16 connections, twice:

- hit: the page cache on (PAGE_CACHE_SECONDS=60), one address per page asked again and again;
  then many distinct valid filter combinations of the activity list (each one new to the cache:
  a crawler, or residents clicking through filters) and the workers' memory over 20,000 requests;
- miss: the page cache off (PAGE_CACHE_SECONDS=0): what a visitor pays for a page nobody asked
  for yet, the first visit after an editor's save, or any visit with a session.

The bare view (or bare POST view) is measured on the same server right before each page and is
that page's ceiling, because the machine may be shared and its load changes by the minute.
The stored submission's goal is measured once more on a server with gunicorn.conf.py's worker
count (2 sync workers per core, as in production), beside its own bare POST there: a sync
worker is idle while the database flushes a durable commit, which is what the second worker per
core is for; with 1 worker per core its ratio is printed as information. That goal is the median
of three such pairs (bare POST, then the submission); staff pages are measured for 20 s, so that
their p99 is one of some 1,000 requests rather than the second slowest of 200.
Prints req/s, p50/p99, the ratio to the bare view, SQL queries per page, "cold" (SQL queries,
CPU ms and wall ms in-process right after a content save), HTML bytes (raw and gzip), the machine's
load, and each goal of issue 18 as MET or NOT MET with its number. A "miss" keeps the
fragments many pages share (portal/cache.py): "cold" is the price right after an editor's save.

Environment: BENCH_QUICK=1 (smoke run: 2 s per page, 200 activities, 1,000 responses,
PostgreSQL only), BENCH_BACKENDS=postgresql,sqlite, BENCH_SECONDS, BENCH_CONNECTIONS,
BENCH_OFFERS, BENCH_RESPONSES, BENCH_REUSE=1 (keep the database of the previous run),
BENCH_STAFF_SECONDS, BENCH_SUBMISSION_PAIRS.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
SERVER_LOG = VAR / "gunicorn.log"
PYTHON = sys.executable
QUICK = os.environ.get("BENCH_QUICK", "") not in {"", "0"}
if QUICK:
    os.environ.setdefault("BENCH_OFFERS", "200")
    os.environ.setdefault("BENCH_RESPONSES", "1000")
    os.environ.setdefault("BENCH_BACKENDS", "postgresql")
    os.environ.setdefault("BENCH_MEMORY_REQUESTS", "0")
    os.environ.setdefault("BENCH_FILTER_PATHS", "300")
DURATION = os.environ.get("BENCH_SECONDS", "2" if QUICK else "5")
BARE_SECONDS = os.environ.get("BENCH_BARE_SECONDS", "2")
# A staff page answers 25–60 times a second on 2 connections: in 5 s its p99 would be the second
# slowest of some 200 requests, one pause of the machine's. 20 s give a p99 of some 1,000.
STAFF_SECONDS = os.environ.get("BENCH_STAFF_SECONDS", "2" if QUICK else "20")
# The stored submission's goal: the median of this many pairs (its bare POST, then it) on the
# same server, since one pair on a shared machine can fall on the neighbour's busy second.
SUBMISSION_PAIRS = int(os.environ.get("BENCH_SUBMISSION_PAIRS", "1" if QUICK else "3"))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
MEMORY_REQUESTS = int(os.environ.get("BENCH_MEMORY_REQUESTS", 20000))
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
# Its own database name lets several checkouts measure on one PostgreSQL server.
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "quartier_bench")
# Issue 18's goals.
MISS_RATIO, MISS_P99 = 0.10, 100.0
HIT_RATIO = 0.60
QUESTIONNAIRE_RATIO = 0.50
SUBMISSION_RATIO = 0.25
STAFF_P99 = 150.0


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(backend, dataset="bench"):
    """The servers' environment on the database of `dataset` ("bench": the city-scale data;
    bench/concurrency.py fills a smaller one of its own, which must not replace it)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "PAGE_CACHE_SECONDS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY="bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        USE_HTTPS="0",
        STATIC_ROOT=str(VAR / f"static-{backend}"),
        MEDIA_ROOT=str(VAR / "media"),
        PAGE_CACHE_STAMP=str(VAR / f"page-cache-{backend}.stamp"),
        SURVEY_RATE_LIMIT="off",
        OFFER_PROPOSAL_RATE_LIMIT="off",
        LOG_LEVEL="WARNING",
    )
    if backend == "postgresql":
        env["DATABASE_URL"] = f"{PG_ADMIN_URL}/{_pg_database(dataset)}"
    else:
        env["SQLITE_PATH"] = str(VAR / f"{dataset}.sqlite3")
    return env


def _pg_database(dataset):
    return PG_DATABASE if dataset == "bench" else f"{PG_DATABASE}_{dataset}"


def _reset_database(backend, env, dataset):
    if backend == "postgresql":
        database = _pg_database(dataset)
        for sql in (
            f"DROP DATABASE IF EXISTS {database} WITH (FORCE)",
            f"CREATE DATABASE {database}",
        ):
            subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-qc", sql], check=True)
    else:
        Path(env["SQLITE_PATH"]).unlink(missing_ok=True)


def _manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def _prepare(backend, dataset="bench"):
    env = _environment(backend, dataset)
    saved = VAR / f"prepared-{'' if dataset == 'bench' else dataset + '-'}{backend}.json"
    if os.environ.get("BENCH_REUSE") and saved.exists():
        if backend == "postgresql":  # a database filled before bench/prepare.py analyzed it
            subprocess.run(["psql", env["DATABASE_URL"], "-qc", "ANALYZE"], check=True)
        return env, json.loads(saved.read_text())
    _reset_database(backend, env, dataset)
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    _manage(env, "collectstatic", "--noinput", "--clear")
    _manage(env, "compile_catalogues", "-v0")
    # Queries are counted as on a miss: page cache off, fragments as they are.
    prepared = subprocess.run(
        [PYTHON, "bench/prepare.py"],
        cwd=ROOT,
        env=env | {"PAGE_CACHE_SECONDS": "0"},
        capture_output=True,
        text=True,
    )
    if prepared.returncode != 0:
        sys.exit(f"bench/prepare.py failed:\n{prepared.stderr}")
    result = json.loads(prepared.stdout.strip().splitlines()[-1])
    saved.write_text(json.dumps(result))
    return env, result


def _start_gunicorn(env, port, page_cache_seconds=None, workers=2):
    if page_cache_seconds is not None:
        env = env | {"PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "heilbronn_quartier.wsgi",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(SERVER_LOG),
            "--max-requests",
            "0",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start; see var/bench/gunicorn.log")


def _stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _worker_rss_kib(master_pid):
    children = subprocess.run(
        ["pgrep", "-P", str(master_pid)], capture_output=True, text=True
    ).stdout.split()
    total = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        total.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)))
    return total


_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _script(page, port, paths=None):
    """A wrk Lua script for a POST body, or for a round over many addresses (each thread starts
    at its own offset, so no address is asked twice before all were asked once)."""
    if page["method"] == "POST":
        script = VAR / f"post-{port}.lua"
        script.write_text(
            f"wrk.method = 'POST'\nwrk.body = {json.dumps(page['body'])}\n"
            f"wrk.headers['Content-Type'] = '{page['type']}'\n"
        )
        if page.get("one_time_token"):
            # Each submission carries its own one-time token, as each page a resident is shown
            # does (unique in every run: the database keeps the responses of earlier runs).
            with script.open("a") as lua:
                lua.write(
                    f"local run = '{secrets.token_hex(6)}'\nlocal threads = 0\n"
                    "function setup(thread) thread:set('id', threads); threads = threads + 1 end\n"
                    "local n = 0\nfunction request()\n  n = n + 1\n"
                    "  return wrk.format(nil, nil, nil, "
                    "wrk.body .. '&token=' .. run .. '-' .. (id or 0) .. '-' .. n)\nend\n"
                )
        return script
    if paths:
        script = VAR / f"paths-{port}.lua"
        listed = ",\n".join(json.dumps(path) for path in paths)
        script.write_text(
            f"local paths = {{\n{listed}\n}}\nlocal threads = 0\n"
            "function setup(thread) thread:set('offset', threads * 7919); threads = threads + 1 "
            "end\n"
            "local i = 0\n"
            "function request()\n  i = i + 1\n"
            "  return wrk.format(nil, paths[((offset or 0) + i) % #paths + 1])\nend\n"
        )
        return script
    return None


def _wrk(url, page, session, duration=DURATION, paths=None):
    connections = page.get("connections", CONNECTIONS)
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    args.append(url)
    cookies = [f"sessionid={session}"] if page.get("kind") == "staff" else []
    cookies += [page["cookie"]] if page.get("cookie") else []
    if cookies:
        args[1:1] = ["-H", f"Cookie: {'; '.join(cookies)}"]
    if page.get("origin"):
        args[1:1] = ["-H", "Origin: " + "/".join(url.split("/")[:3])]
    script = _script(page, url.split(":")[2].split("/")[0], paths)
    if script:
        args[1:1] = ["-s", str(script)]
    log_mark = _log_size()
    run = subprocess.run(args, capture_output=True, text=True)
    output = run.stdout
    if run.returncode != 0 or "Requests/sec" not in output:
        print(f"  (wrk failed on {url}: {run.stderr.strip()[:200]})", file=sys.stderr)
        _drain(url)
        return {"rps": 0.0, "p50": None, "p99": None, "non_2xx": 1, "requests": 0, "aborted": 0}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: float(v) * _UNITS[u] for p, v, u in _LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    _drain(url)
    # Requests still running when wrk stops are in no number of wrk's: one that gunicorn cut off
    # at its timeout is only in the server's log.
    aborted = _aborted_since(log_mark)
    if aborted:
        print(f"  ({aborted} requests cut off by gunicorn's timeout on {url})", file=sys.stderr)
    return {
        "rps": rps,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": (int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0)
        + aborted,
        "requests": requests,
        "aborted": aborted,
    }


def _log_size():
    try:
        return SERVER_LOG.stat().st_size
    except FileNotFoundError:
        return 0


def _aborted_since(mark):
    """Requests gunicorn aborted (worker timeout) since the log had `mark` bytes."""
    try:
        with SERVER_LOG.open("rb") as log:
            log.seek(mark)
            return log.read().count(b"Error handling request")
    except FileNotFoundError:
        return 0


def _drain(url):
    """Wait until the workers have answered what wrk left queued when it stopped: one more
    request queues behind them."""
    base = url.split("/", 3)[:3]
    try:
        urllib.request.urlopen("/".join(base) + "/healthz", timeout=180).read()  # noqa: S310
    except OSError as error:  # a page slower than gunicorn's timeout: its row shows it
        print(f"  (server still busy after {url}: {error})", file=sys.stderr)


def _measure(base_url, page, session, ceiling, duration=DURATION, **kwargs):
    """The page and, right before it, its ceiling (the bare GET or POST view): on a shared
    machine the load changes from minute to minute, so each ratio compares neighbours."""
    _wrk(base_url + page["path"], page, session, duration="1", **kwargs)  # warm-up
    bare = _wrk(base_url + ceiling["path"], ceiling, session, duration=BARE_SECONDS)
    row = _wrk(base_url + page["path"], page, session, duration=duration, **kwargs)
    return row | {"bare": bare["rps"]}


def _memory_run(base_url, pages, session, process):
    before = _worker_rss_kib(process.pid)
    done = 0
    public = [p for p in pages if p["kind"] == "public"]
    while done < MEMORY_REQUESTS:
        for page in public:
            done += _wrk(base_url + page["path"], page, session, duration="1")["requests"]
    return before, _worker_rss_kib(process.pid), done


def _load():
    return Path("/proc/loadavg").read_text().split()[:3]


def _server_run(env, prepared, mode):
    """All pages on one server; mode "hit" (cache on) or "miss" (cache off)."""
    port = _free_port()
    process = _start_gunicorn(env, port, 60 if mode == "hit" else 0)
    base_url = f"http://127.0.0.1:{port}"
    session = prepared["session"]
    pages = prepared["pages"]
    bare_get, bare_post = pages[0], pages[1]
    # Pages no cache can serve are measured once, on the hit server.
    measured = [
        p for p in pages if p["kind"] == "public" or (mode == "hit" and p["kind"] != "bare")
    ]
    # Staff pages last: a slow one leaves a queue behind that must not spoil the others.
    measured.sort(key=lambda p: p["kind"] == "staff")
    rows, extra = {}, {}
    try:
        for page in measured:
            ceiling = bare_post if page["method"] == "POST" else bare_get
            seconds = STAFF_SECONDS if page["kind"] == "staff" else DURATION
            rows[page["label"]] = _measure(base_url, page, session, ceiling, duration=seconds)
        for page in (bare_get, bare_post):
            row = _wrk(base_url + page["path"], page, session)
            rows[page["label"]] = row | {"bare": row["rps"]}
        if mode == "hit":
            listing = next(p for p in pages if p["label"] == "offer list")
            bare = _wrk(base_url + bare_get["path"], bare_get, session, duration=BARE_SECONDS)
            extra["filters"] = _wrk(
                base_url + listing["path"], listing, session, paths=prepared["filters"]
            ) | {"bare": bare["rps"]}
        if mode == "hit" and MEMORY_REQUESTS:
            extra["memory"] = _memory_run(base_url, pages, session, process)
    finally:
        _stop(process)
    return rows, extra


def _production_workers_run(env, prepared):
    """The submission and its ceiling with gunicorn.conf.py's worker count (2 per core): while
    one worker waits for the database's commit, another can work. The submission's goal."""
    port = _free_port()
    workers = (os.cpu_count() or 1) * 2
    process = _start_gunicorn(env, port, 60, workers=workers)
    base_url = f"http://127.0.0.1:{port}"
    pages = {page["label"]: page for page in prepared["pages"]}
    try:
        submission = pages.get("survey submission")
        if submission is None:
            return None
        ceiling = pages["bare POST view (ceiling)"]
        pairs = []
        for _pair in range(SUBMISSION_PAIRS):
            row = _measure(base_url, submission, prepared["session"], ceiling)
            pairs.append((row["rps"] / row["bare"] if row["bare"] else 0.0, row))
        pairs.sort(key=lambda pair: pair[0])
        ratios = [round(ratio, 3) for ratio, _row in pairs]
        return pairs[len(pairs) // 2][1] | {"workers": workers, "ratios": ratios}
    finally:
        _stop(process)


def run_backend(backend):
    env, prepared = _prepare(backend)
    load_before = _load()
    hit, extra = _server_run(env, prepared, "hit")
    miss, _nothing = _server_run(env, prepared, "miss")
    extra["production_workers"] = _production_workers_run(env, prepared)
    return {
        "backend": backend,
        "data": prepared["data"],
        "pages": prepared["pages"],
        "filter_queries": prepared.get("filter_queries"),
        "filter_count": len(prepared["filters"]),
        "hit": hit,
        "miss": miss,
        "load": (load_before, _load()),
        **extra,
    }


def _cold(page):
    """SQL queries, CPU ms and wall ms in-process right after a content save (all fragments
    cold; the survey dashboard recounts, as after every new response)."""
    wall = page.get("cold_wall_ms", page.get("cold_ms", 0))
    return f"{page.get('cold_queries', '?')}q {page.get('cold_ms', 0):.0f}/{wall:.0f}ms"


def _ms(value):
    return f"{value:.0f}" if value is not None else "—"


def _latency(row, percentile):
    """wrk reports 0 ms when nothing was answered within the window: that is "none"."""
    if not row.get("requests", 1):
        return "none"
    return _ms(row[percentile])


def _cells(row, ratio, p50=False):
    if row is None:
        return f"{'—':>8} {'':5}" + (" " * 6 if p50 else "") + f" {'':5}"
    middle = f" {_latency(row, 'p50'):>5}" if p50 else ""
    return f"{row['rps']:8.0f} {ratio:5.2f}{middle} {_latency(row, 'p99'):>5}"


def _markdown(label, hit, hit_ratio, miss, miss_ratio, queries, size):
    hit_part = f"{hit['rps']:,.0f} | {hit_ratio:.2f} | {_latency(hit, 'p99')}" if hit else "— | |"
    miss_part = (
        f"{miss['rps']:,.0f} | {miss_ratio:.2f} | {_latency(miss, 'p50')} | {_latency(miss, 'p99')}"
        if miss
        else "— | | |"
    )
    return f"| {label} | {hit_part} | {miss_part} | {queries} | {size} |"


def _p99(row):
    """A page that answered nothing in the whole window (slower than the window) is infinitely
    slow, not 0 ms."""
    if not row or row["p99"] is None or not row.get("requests", 1):
        return float("inf")
    return row["p99"]


def _p99_text(row):
    p99 = _p99(row)
    return f"p99 {p99:.0f} ms" if p99 != float("inf") else "p99: no answer within the window"


def _page_goals(page, hit, hit_ratio, miss, miss_ratio):
    label, kind = page["label"], page["kind"]
    hit_ratio, miss_ratio = hit_ratio or 0.0, miss_ratio or 0.0
    if kind == "public":
        return [
            (hit_ratio >= HIT_RATIO, f"cache hit {label}: {hit_ratio:.2f} of bare (≥ {HIT_RATIO})"),
            (
                miss_ratio >= MISS_RATIO,
                f"cache miss {label}: {miss_ratio:.2f} of bare (≥ {MISS_RATIO})",
            ),
            (_p99(miss) <= MISS_P99, f"cache miss {label}: {_p99_text(miss)} (≤ 100)"),
        ]
    if kind == "questionnaire":
        return [(hit_ratio >= QUESTIONNAIRE_RATIO, f"{label}: {hit_ratio:.2f} of bare (≥ 0.50)")]
    if kind == "submission":
        return []  # measured with the production worker count: print_report
    if kind == "staff":
        return [(_p99(hit) <= STAFF_P99, f"{label}: {_p99_text(hit)} (≤ 150)")]
    return []


def print_report(result):
    """The table and the goals; returns the goals not met."""
    hit, miss = result["hit"], result["miss"]
    print(f"\n== {result['backend']} · data: {result['data']} ==")
    print(f"load average (1/5/15 min) before {result['load'][0]}, after {result['load'][1]}")
    print("ratio: to the bare view (or bare POST view) measured right before on the same server")
    header = (
        f"{'page':26} {'hit r/s':>8} {'ratio':>5} {'p99':>5} │ {'miss r/s':>8} {'ratio':>5} "
        f"{'p50':>5} {'p99':>5} │ {'SQL':>3} {'cold CPU/wall':>14} {'HTML B':>7} "
        f"{'gzip B':>6} {'!2xx':>4}"
    )
    print(header)
    print("─" * len(header))
    goals = []
    markdown = [
        "| page | hit req/s | ratio | p99 ms | miss req/s | ratio | p50 ms | p99 ms | SQL | HTML |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in result["pages"]:
        label = page["label"]
        h, m = hit.get(label), miss.get(label)
        hit_ratio = h["rps"] / h["bare"] if h and h["bare"] else 0.0
        miss_ratio = m["rps"] / m["bare"] if m and m["bare"] else 0.0
        non_2xx = (h or {}).get("non_2xx", 0) + (m or {}).get("non_2xx", 0)
        print(
            f"{label[:26]:26} {_cells(h, hit_ratio)} │ {_cells(m, miss_ratio, p50=True)} │ "
            f"{page['queries']:3d} {_cold(page):>14} {page['bytes']:7d} "
            f"{page['gzip_bytes']:6d} {non_2xx:4d}"
        )
        markdown.append(
            _markdown(label, h, hit_ratio, m, miss_ratio, page["queries"], f"{page['bytes']:,}")
        )
        if page["status"] != page.get("expect", 200) or non_2xx:
            aborted = (h or {}).get("aborted", 0) + (m or {}).get("aborted", 0)
            goals.append(
                (
                    False,
                    f"{label}: status {page['status']}, {non_2xx} non-2xx/3xx "
                    f"({aborted} cut off by gunicorn's timeout)",
                )
            )
        goals += _page_goals(page, h, hit_ratio, m, miss_ratio)
    filters = result.get("filters")
    if filters:
        label = f"offer list, {result['filter_count']} filters"
        ratio = filters["rps"] / filters["bare"] if filters["bare"] else 0.0
        print(
            f"{label[:26]:26} {_cells(None, None)} │ {_cells(filters, ratio, p50=True)} │ "
            f"{result['filter_queries'] or 0:3d} {'':14} {'':7} {'':6} {filters['non_2xx']:4d}"
        )
        markdown.append(
            _markdown(label, None, None, filters, ratio, f"≤ {result['filter_queries']}", "")
        )
        goals += [
            (ratio >= MISS_RATIO, f"distinct filter combinations: {ratio:.2f} of bare (≥ 0.10)"),
            (_p99(filters) <= MISS_P99, f"distinct filters: {_p99_text(filters)} (≤ 100)"),
            (not filters["non_2xx"], f"distinct filters: {filters['non_2xx']} non-2xx"),
        ]
    submission = next((p["label"] for p in result["pages"] if p["kind"] == "submission"), None)
    if submission:
        two = hit.get(submission)
        two_ratio = two["rps"] / two["bare"] if two and two["bare"] else 0.0
        print(
            f"{submission} with 2 workers (the table's row; information, the goal is measured "
            f"with gunicorn.conf.py's count): {two_ratio:.2f} of bare POST"
        )
        production = result.get("production_workers") or {
            "rps": 0.0,
            "bare": 0.0,
            "workers": 0,
            "p99": None,
            "requests": 0,
        }
        ratio = production["rps"] / production["bare"] if production["bare"] else 0.0
        print(
            f"{submission} with {production['workers']} workers (gunicorn.conf.py's count): "
            f"{production['rps']:.0f} req/s, {ratio:.2f} of bare POST on the same server, "
            f"{_p99_text(production)} (the median of the pairs' ratios "
            f"{', '.join(f'{r:.3f}' for r in production.get('ratios', [ratio]))})"
        )
        goals.append(
            (
                ratio >= SUBMISSION_RATIO,
                f"{submission} ({production['workers']} workers, gunicorn.conf.py): "
                f"{ratio:.3f} of bare POST (≥ {SUBMISSION_RATIO})",
            )
        )
    if result.get("memory"):
        before, after, requests = result["memory"]
        print(f"worker RSS (KiB) before {before} → after {requests} requests {after}")
    print("\ngoals of issue 18:")
    for met, text in goals:
        print(f"  {'MET    ' if met else 'NOT MET'}  {text}")
    print("\nmarkdown:\n" + "\n".join(markdown))
    (VAR / f"result-{result['backend']}.json").write_text(json.dumps(result, indent=1))
    return [text for met, text in goals if not met]


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: make bench installs it on Debian (apt-get install wrk)")
    VAR.mkdir(parents=True, exist_ok=True)
    backends = os.environ.get("BENCH_BACKENDS", "postgresql,sqlite").split(",")
    started = time.monotonic()
    failures = []
    for backend in backends:
        result = run_backend(backend)
        failures += [f"{backend}: {f}" for f in print_report(result)]
    print(f"\nfinished in {time.monotonic() - started:.0f} s")
    print("goals NOT MET:\n  " + "\n  ".join(failures) if failures else "all goals MET")


if __name__ == "__main__":
    main()
