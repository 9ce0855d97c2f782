"""`make bench`: each page against a bare Django view, side by side in one run.

For PostgreSQL and SQLite in turn: a fresh database with city-scale data, gunicorn with 2 sync
workers (production settings over plain HTTP), and wrk with 16 connections. Prints requests/s,
p50/p99 latency, the ratio to the bare view, SQL queries per page, HTML bytes (raw and gzip), and
the workers' memory before and after 20,000 requests.
"""

import json
import os
import re
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
PYTHON = sys.executable
DURATION = os.environ.get("BENCH_SECONDS", "5")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
MEMORY_REQUESTS = int(os.environ.get("BENCH_MEMORY_REQUESTS", 20000))
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
GOALS = {"anonymous": 0.50, "submission": 0.25, "queries": 10, "p99_ms": 100}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(backend):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY="bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        USE_HTTPS="0",
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
        SURVEY_RATE_LIMIT="off",
        OFFER_PROPOSAL_RATE_LIMIT="off",
        LOG_LEVEL="WARNING",
    )
    if backend == "postgresql":
        env["DATABASE_URL"] = f"{PG_ADMIN_URL}/quartier_bench"
    else:
        env["SQLITE_PATH"] = str(VAR / "bench.sqlite3")
    return env


def _reset_database(backend, env):
    if backend == "postgresql":
        for sql in (
            "DROP DATABASE IF EXISTS quartier_bench WITH (FORCE)",
            "CREATE DATABASE quartier_bench",
        ):
            subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-qc", sql], check=True)
    else:
        (VAR / "bench.sqlite3").unlink(missing_ok=True)


def _manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def _prepare(backend):
    env = _environment(backend)
    _reset_database(backend, env)
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    _manage(env, "collectstatic", "--noinput", "--clear")
    _manage(env, "compile_catalogues", "-v0")
    prepared = subprocess.run(
        [PYTHON, "bench/prepare.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if prepared.returncode != 0:
        sys.exit(f"bench/prepare.py failed:\n{prepared.stderr}")
    return env, json.loads(prepared.stdout.strip().splitlines()[-1])


def _start_gunicorn(env, port):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "heilbronn_quartier.wsgi",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(VAR / "gunicorn.log"),
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


def _wrk(url, page, session, duration=DURATION):
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url]
    cookies = [f"sessionid={session}"] if page.get("staff") else []
    cookies += [page["cookie"]] if page.get("cookie") else []
    if cookies:
        args[1:1] = ["-H", f"Cookie: {'; '.join(cookies)}"]
    if page["method"] == "POST":
        script = VAR / "post.lua"
        script.write_text(
            f"wrk.method = 'POST'\nwrk.body = {json.dumps(page['body'])}\n"
            f"wrk.headers['Content-Type'] = '{page['type']}'\n"
        )
        args[1:1] = ["-s", str(script)]
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: float(v) * _UNITS[u] for p, v, u in _LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {
        "rps": rps,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "requests": requests,
    }


def _memory_run(base_url, pages, session, process):
    before = _worker_rss_kib(process.pid)
    done = 0
    anonymous = [p for p in pages if p["method"] == "GET" and not p.get("staff")]
    while done < MEMORY_REQUESTS:
        for page in anonymous:
            done += _wrk(base_url + page["path"], page, session, duration="1")["requests"]
    return before, _worker_rss_kib(process.pid), done


def run_backend(backend):
    env, prepared = _prepare(backend)
    port = _free_port()
    process = _start_gunicorn(env, port)
    base_url = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for page in prepared["pages"]:
            _wrk(base_url + page["path"], page, prepared["session"], duration="1")  # warm-up
            rows.append(page | _wrk(base_url + page["path"], page, prepared["session"]))
        memory = _memory_run(base_url, prepared["pages"], prepared["session"], process)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    return {"backend": backend, "data": prepared["data"], "rows": rows, "memory": memory}


def _kind(row):
    if row["method"] == "POST":
        return "submission"
    return "staff" if row.get("staff") else "anonymous"


def print_report(result):
    rows = result["rows"]
    bare = rows[0]["rps"]
    # Submissions are measured against the bare POST view, everything else against the bare GET.
    bare_post = next((r["rps"] for r in rows if r["label"].startswith("bare POST")), bare)
    print(f"\n== {result['backend']} · data: {result['data']} ==")
    header = (
        f"{'page':28} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'goal':>5} "
        f"{'SQL':>4} {'HTML B':>8} {'gzip B':>7} {'non2xx':>6}"
    )
    print(header)
    print("-" * len(header))
    failures = []
    for row in rows:
        ceiling = bare_post if _kind(row) == "submission" else bare
        ratio = row["rps"] / ceiling if ceiling else 0
        goal = GOALS.get(_kind(row))
        is_ceiling = row["label"].startswith("bare ")
        verdict = "" if goal is None or is_ceiling else ("ok" if ratio >= goal else "MISS")
        print(
            f"{row['label'][:28]:28} {row['rps']:8.0f} {row['p50'] or 0:7.1f} "
            f"{row['p99'] or 0:7.1f} {ratio:6.2f} {verdict:>5} {row['queries']:4d} "
            f"{row['bytes']:8d} {row['gzip_bytes']:7d} {row['non_2xx']:6d}"
        )
        if verdict == "MISS":
            failures.append(f"{row['label']}: ratio {ratio:.2f} < {goal}")
        if row["queries"] > GOALS["queries"]:
            failures.append(f"{row['label']}: {row['queries']} SQL queries")
        if (row["p99"] or 0) > GOALS["p99_ms"]:
            failures.append(f"{row['label']}: p99 {row['p99']:.1f} ms")
        if row["status"] != row.get("expect", 200) or row["non_2xx"]:
            failures.append(f"{row['label']}: status {row['status']}, {row['non_2xx']} non-2xx")
    before, after, requests = result["memory"]
    print(f"worker RSS (KiB) before {before} → after {requests} requests {after}")
    return failures


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
    print("goals missed:\n  " + "\n  ".join(failures) if failures else "all goals met")


if __name__ == "__main__":
    main()
