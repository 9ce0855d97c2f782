"""Where a stored survey submission spends its time (issue 18): CPU in-process vs the commit.

    DATABASE_URL=postgres://…/db python bench/submission_profile.py [--requests 300] [--profile]

Production settings, the database of DATABASE_URL (or SQLITE_PATH) with the city-scale data of
bench/run.py in it (a current survey with online responses). Prints the
median CPU ms per request (time.process_time: this process only) and wall ms of the bare POST
view and of a stored submission through all middleware with its origin check on, taking
turns, and the wall ms of a COMMIT of one small row (the disk's flush: what no CPU work makes
faster). One core, no server: it measures CPU and the commit, not throughput.
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT))

from bench import profile_in_process  # noqa: E402

profile_in_process()
os.environ.setdefault("SURVEY_RATE_LIMIT", "off")
os.environ.setdefault("SQLITE_PATH", str(VAR / "bench.sqlite3"))
os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _body():
    from survey import services
    from survey.forms import QuestionnaireForm
    from survey.models import Channel, Response, Survey

    survey = Survey.objects.get(is_current=True)
    template = Response.objects.filter(survey=survey, channel=Channel.ONLINE).first()
    data = QuestionnaireForm.data_from(template, services.load_quarters())
    return survey, urlencode(
        [(name, value) for name, values in data.items() for value in values]
        + [("action", "submit")]
    )


def _timed(sends, requests):
    """Median CPU and wall ms of each sender; the senders take turns, so that a machine shared
    with others slows all of them alike."""
    cpu = {label: [] for label in sends}
    wall = {label: [] for label in sends}
    for number in range(requests):
        for label, (send, expect) in sends.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            response = send(number)
            cpu[label].append((time.process_time() - started_cpu) * 1000)
            wall[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == expect, (label, response.status_code)
    return {
        label: (statistics.median(cpu[label]), statistics.median(wall[label])) for label in sends
    }


def _commit_ms(requests):
    """Wall ms of BEGIN; one small INSERT; COMMIT — the flush each durable commit waits for."""
    from django.db import connection, transaction
    from django.db.models import Max

    from survey.models import Response, Survey

    survey = Survey.objects.get(is_current=True)
    times = []
    top = Response.objects.aggregate(top=Max("pk"))["top"] or 0
    for _ in range(requests):
        started = time.perf_counter()
        with transaction.atomic():
            Response.objects.create(survey=survey, language="de", submitted_on="2026-12-01")
        times.append((time.perf_counter() - started) * 1000)
    Response.objects.filter(pk__gt=top, answers__isnull=True).delete()
    connection.close()
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="cProfile the submissions")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()

    import django

    VAR.mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from survey.models import Response

    if not (VAR / "static-profile" / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)
    survey, body = _body()
    with translation.override("de"):
        path = reverse("survey:questionnaire", kwargs={"slug": survey.slug})
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ORIGIN="http://127.0.0.1", enforce_csrf_checks=True)
    form = "application/x-www-form-urlencoded"
    before = Response.objects.count()

    def bare(number):
        return client.post("/bench/bare-post", "field=value", content_type=form)

    def submit(number):
        return client.post(path, body, content_type=form, REMOTE_ADDR=f"10.1.{number % 250}.1")

    submit(0)
    bare(0)
    timed = _timed({"bare POST": (bare, 200), "submission": (submit, 302)}, args.requests)
    commit = _commit_ms(min(args.requests, 200))
    stored = Response.objects.count() - before
    print(f"{connection.vendor}: {args.requests} requests each, {stored} responses stored")
    print(f"{'':22} {'CPU ms':>7} {'wall ms':>8} {'CPU × bare':>10}")
    for label, (cpu, wall) in timed.items():
        times = cpu / timed["bare POST"][0]
        print(f"{label:22} {cpu:7.2f} {wall:8.2f} {times:10.1f}")
    print(f"{'COMMIT of one row':22} {'':7} {commit:8.2f}")
    if args.profile:
        profiler = cProfile.Profile(time.process_time)  # CPU only, no waiting
        profiler.enable()
        for number in range(args.requests):
            submit(number)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
        stats.print_stats(args.lines)
        if os.environ.get("CALLERS"):
            stats.print_callers(os.environ["CALLERS"])
        print(out.getvalue())


if __name__ == "__main__":
    main()
