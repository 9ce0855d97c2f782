"""The questionnaire, the stored submission and the staff pages against the bare views (issue 18).

    python bench/survey_speed.py [--backend postgresql|sqlite] [--seconds 5] [--no-wrk] [--reuse]

City-scale data (bench.generate: 2,000 offers, 10,000 survey responses) in a database of its own
(PostgreSQL ``quartier_surveyspeed`` or var/survey-speed/db.sqlite3), production settings. Two
measurements side by side with the bare GET and POST views of the same run:

- in-process (Django's test client, one process): median and p99 per request, SQL queries;
- from outside: gunicorn with 2 sync workers and wrk with 16 connections: req/s, p50/p99.

The questionnaire is fetched without cookies (each visitor gets a new CSRF cookie); a submission
carries a valid CSRF cookie and token and is stored for real (rate limit off for wrk, as all
requests come from one address; in-process it is measured both off and on, each request from a
new address). The staff pages use a superuser's session that passed the second factor.
"""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("BENCH_VAR", ROOT / "var" / "survey-speed"))
PYTHON = sys.executable
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "quartier_surveyspeed")
CSRF = "b" * 32  # Django accepts the unmasked secret as the form token


def _environment(backend):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY="bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        USE_HTTPS="0",
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
        PAGE_CACHE_STAMP=str(VAR / "page-cache.stamp"),
        SURVEY_RATE_LIMIT="off",
        LOG_LEVEL="WARNING",
    )
    if backend == "postgresql":
        env["DATABASE_URL"] = f"{PG_ADMIN_URL}/{DATABASE}"
    else:
        env["SQLITE_PATH"] = str(VAR / "db.sqlite3")
    return env


def _prepare(backend, env):
    if backend == "postgresql":
        for sql in (
            f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
            f"CREATE DATABASE {DATABASE}",
        ):
            subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-qc", sql], check=True)
    else:
        (VAR / "db.sqlite3").unlink(missing_ok=True)
    for args in (
        ("migrate", "--noinput"),
        ("createcachetable",),
        ("collectstatic", "--noinput", "--clear"),
        ("compile_catalogues", "-v0"),
    ):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )


# --- Inside the benchmark's environment ---------------------------------------------------------


def _verified_staff_session():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    user, _created = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    device, _created = StaticDevice.objects.get_or_create(user=user, name="bench")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return session.session_key


def _scenarios(session):
    from django.urls import reverse
    from django.utils import translation

    from survey import services
    from survey.forms import QuestionnaireForm
    from survey.models import Channel, Response, Survey

    survey = Survey.objects.get(is_current=True)
    template = Response.objects.filter(survey=survey, channel=Channel.ONLINE).first()
    data = QuestionnaireForm.data_from(template, services.load_quarters())
    from urllib.parse import urlencode

    body = urlencode(
        [(name, value) for name, values in data.items() for value in values]
        + [("csrfmiddlewaretoken", CSRF), ("action", "submit")]
    )
    form = "application/x-www-form-urlencoded"
    with translation.override("de"):
        questionnaire = reverse("survey:questionnaire", kwargs={"slug": survey.slug})
        dashboard = reverse("survey:dashboard", kwargs={"slug": survey.slug})
    post = {"method": "POST", "body": body, "type": form, "cookie": f"csrftoken={CSRF}"}
    return [
        {"label": "bare GET", "path": "/bench/bare", "method": "GET"},
        {"label": "questionnaire", "path": questionnaire, "method": "GET"},
        {"label": "bare POST", "path": "/bench/bare-post"} | post | {"body": "field=value"},
        {"label": "submission", "path": questionnaire, "expect": 302} | post,
        {"label": "dashboard", "path": dashboard, "method": "GET", "session": session},
        {
            "label": "admin offer list",
            "path": "/admin/offers/offer/",
            "method": "GET",
            "session": session,
        },
    ]


_CLIENT = []


def _client(page):
    """One test client (a new one loads the middleware again: WhiteNoise scans every static
    file), with no cookies but the page's own."""
    from http.cookies import SimpleCookie

    from django.test import Client

    if not _CLIENT:
        _CLIENT.append(Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True))
    client = _CLIENT[0]
    client.cookies = SimpleCookie()
    if page.get("session"):
        client.cookies["sessionid"] = page["session"]
    if page.get("cookie"):
        name, value = page["cookie"].split("=", 1)
        client.cookies[name] = value
    return client


def _request(page, client=None, **extra):
    client = client or _client(page)
    if page["method"] == "POST":
        return client.post(page["path"], page["body"], content_type=page["type"], **extra)
    return client.get(page["path"], **extra)


def _time(page, repeat, before=None, **extra):
    """Median and p99 of ``repeat`` requests, each as a new visitor (only the page's cookies)."""
    times = []
    for number in range(repeat):
        if before:
            before()
        client = _client(page)
        started = time.perf_counter()
        response = _request(page, client, REMOTE_ADDR=f"10.0.{number // 250}.{number % 250}")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == page.get("expect", 200), (page, response.status_code)
    times.sort()
    return {
        "median": statistics.median(times),
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
    }


def _queries(page, before=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    with CaptureQueriesContext(connection) as captured:
        response = _request(page)
    return response, [query["sql"] for query in captured]


def inside(repeat, reuse):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import override_settings

    import bench.generate_apps  # noqa: F401  (registers offers and responses)
    from bench.generate import generate
    from survey import services
    from survey.models import Survey

    if reuse:
        from offers.models import Offer
        from survey.models import Response

        summary = {"offers": Offer.objects.count(), "responses": Response.objects.count()}
    else:
        summary = generate(offers=2000, responses=10000)
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum keeps them in production (it may be off here).
        cursor.execute("ANALYZE")
    session = _verified_staff_session()
    pages = _scenarios(session)
    survey = Survey.objects.get(is_current=True)

    def changed():
        services.bump_responses_version(survey.pk)

    results = []
    for page in pages:
        _request(page)  # warm-up (fills the questionnaire's and the dashboard's caches)
        response, sql = _queries(page)
        row = page | {"status": response.status_code, "queries": len(sql), "sql": sql}
        row |= _time(page, repeat)
        if page["label"] == "dashboard":
            missed, missed_sql = _queries(page, before=changed)
            row["miss_queries"] = len(missed_sql)
            row["miss"] = _time(page, 10, before=changed)
        if page["label"] == "submission":
            with override_settings(SURVEY_RATE_LIMIT="30/h"):
                limited, limited_sql = _queries(page)
                row["limited_queries"] = len(limited_sql)
                row["limited"] = _time(page, repeat)
        results.append(row)
    print(json.dumps({"data": summary, "pages": results}))


# --- From outside -------------------------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn(env, port):
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
    raise RuntimeError("gunicorn did not start; see var/survey-speed/gunicorn.log")


_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url, page, seconds):
    args = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    cookies = [f"sessionid={page['session']}"] if page.get("session") else []
    cookies += [page["cookie"]] if page.get("cookie") else []
    if cookies:
        args += ["-H", f"Cookie: {'; '.join(cookies)}"]
    if page["method"] == "POST":
        script = VAR / f"post-{page['label'].replace(' ', '-')}.lua"
        script.write_text(
            f"wrk.method = 'POST'\nwrk.body = {json.dumps(page['body'])}\n"
            f"wrk.headers['Content-Type'] = '{page['type']}'\n"
        )
        args += ["-s", str(script)]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    latency = {p: float(v) * _UNITS[u] for p, v, u in _LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def outside(env, pages, seconds):
    port = _free_port()
    process = _gunicorn(env, port)
    try:
        for page in pages:
            url = f"http://127.0.0.1:{port}{page['path']}"
            _wrk(url, page, 1)  # warm-up: both workers fill their caches
            page["wrk"] = _wrk(url, page, seconds)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def report(backend, result, with_wrk):
    pages = {page["label"]: page for page in result["pages"]}
    print(f"\n== {backend} · data: {result['data']} ==")
    print(f"{'in-process':24} {'median ms':>9} {'p99 ms':>7} {'ratio':>6} {'SQL':>4}")
    for page in result["pages"]:
        bare = pages["bare POST" if page["method"] == "POST" else "bare GET"]
        ratio = bare["median"] / page["median"]
        print(
            f"{page['label']:24} {page['median']:9.2f} {page['p99']:7.2f} {ratio:6.2f} "
            f"{page['queries']:4d}"
        )
        if "miss" in page:
            miss = page["miss"]
            print(
                f"{'  … after a new response':24} {miss['median']:9.2f} {miss['p99']:7.2f} "
                f"{bare['median'] / miss['median']:6.2f} {page['miss_queries']:4d}"
            )
        if "limited" in page:
            limited = page["limited"]
            print(
                f"{'  … rate limit 30/h on':24} {limited['median']:9.2f} {limited['p99']:7.2f} "
                f"{bare['median'] / limited['median']:6.2f} {page['limited_queries']:4d}"
            )
    if not with_wrk:
        return
    heading = "gunicorn 2 workers, wrk 16"
    print(f"\n{heading:24} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}")
    for page in result["pages"]:
        bare = pages["bare POST" if page["method"] == "POST" else "bare GET"]["wrk"]["rps"]
        run = page["wrk"]
        print(
            f"{page['label']:24} {run['rps']:9.0f} {run['p50'] or 0:7.1f} {run['p99'] or 0:7.1f} "
            f"{run['rps'] / bare:6.2f}" + (f"  non-2xx {run['non_2xx']}" if run["non_2xx"] else "")
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="postgresql", choices=["postgresql", "sqlite"])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--no-wrk", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database of the last run (same data)"
    )
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sql", action="store_true", help="print each page's SQL")
    args = parser.parse_args()
    if args.inside:
        return inside(args.repeat, args.reuse)
    VAR.mkdir(parents=True, exist_ok=True)
    env = _environment(args.backend)
    if not args.reuse:
        _prepare(args.backend, env)
    measured = subprocess.run(
        [PYTHON, __file__, "--inside", "--repeat", str(args.repeat)]
        + (["--reuse"] if args.reuse else []),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if measured.returncode != 0:
        sys.exit(f"measuring in-process failed:\n{measured.stderr}")
    result = json.loads(measured.stdout.strip().splitlines()[-1])
    if args.sql:
        for page in result["pages"]:
            print(f"\n-- {page['label']}: {page['queries']} queries")
            for sql in page["sql"]:
                print("  ", sql[:300])
    if not args.no_wrk:
        outside(env, result["pages"], args.seconds)
    report(args.backend, result, not args.no_wrk)


if __name__ == "__main__":
    main()
