"""The survey dashboard's recount after new responses (issue 18): wall and CPU of the first
request of a worker once the cached aggregate is stale, with each SQL statement's time.

    DATABASE_URL=postgres://… python bench/dashboard_recount.py [--explain] [--repeat 7]

Uses the city-scale data bench/miss_profile.py builds (same database settings). In-process, one
core: the dashboard view with a superuser and with a quarter manager's scope, each after the
responses' version was bumped (a correction or deletion: everything counted again), after one
new response (copied from a stored one; removed at the end), and with nothing new (kept).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import bench.miss_profile  # noqa: E402, F401  (the environment miss_profile sets)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from centers.models import Quarter
    from survey import services
    from survey.models import Survey

    survey = max(Survey.objects.all(), key=lambda s: s.responses.count())
    questions = services.load_questions(survey)
    quarters = services.load_quarters()
    scoped = tuple(Quarter.objects.order_by("pk").values_list("pk", flat=True)[:1])
    cases = [
        ("all responses", {}),
        ("quarter manager", {"quarters": scoped}),
        ("filtered: language", {"language": "de"}),
    ]
    sample = survey.responses.order_by("pk").first()
    added = []

    def new_response():
        answers = list(sample.answers.all())
        for answer in answers:
            answer.pk = None
        response, _created = services.store_response(
            survey, answers, language=sample.language, channel=sample.channel
        )
        added.append(response.pk)

    runs = [
        (f"{label}, recount", filters, lambda: services.bump_responses_version(survey.pk))
        for label, filters in cases
    ]
    runs += [(f"{label}, new response", filters, new_response) for label, filters in cases]
    runs += [(f"{label}, nothing new", filters, lambda: None) for label, filters in cases]
    for label, filters, change in runs:
        services.dashboard_data(survey, questions, quarters, dict(filters), "")
        walls, cpus, per_query = [], [], {}
        for _ in range(args.repeat):
            change()
            with CaptureQueriesContext(connection) as queries:
                wall, cpu = time.perf_counter(), time.process_time()
                services.dashboard_data(survey, questions, quarters, dict(filters), "")
                cpus.append((time.process_time() - cpu) * 1000)
                walls.append((time.perf_counter() - wall) * 1000)
            for query in queries.captured_queries:
                per_query.setdefault(query["sql"], []).append(float(query["time"]) * 1000)
        database = ""
        if connection.vendor == "postgresql":
            # The database's own time for the last run's statements, free of this machine's
            # scheduling noise (the statements read what they read then; the rows are the same).
            spent = 0.0
            with connection.cursor() as cursor:
                for query in queries.captured_queries:
                    if query["sql"].startswith("SELECT"):
                        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                        spent += cursor.fetchone()[0][0]["Execution Time"]
            database = f", database {spent:.0f} ms"
        print(
            f"{connection.vendor} {label}: wall {statistics.median(walls):.0f} ms, "
            f"CPU {statistics.median(cpus):.0f} ms{database}, {len(queries)} queries"
        )
        slow = sorted(per_query.items(), key=lambda item: -statistics.median(item[1]))
        for sql, times in slow[:6]:
            print(f"   {statistics.median(times):7.1f} ms  {sql[:150]}")
            if args.explain and statistics.median(times) > 5:
                with connection.cursor() as cursor:
                    postgres = connection.vendor == "postgresql"
                    cursor.execute(
                        ("EXPLAIN ANALYZE " if postgres else "EXPLAIN QUERY PLAN ") + sql
                    )
                    for row in cursor.fetchall():
                        print("        ", " | ".join(str(col) for col in row))
    from survey.models import Response

    for response in Response.objects.filter(pk__in=added):
        response.delete()


if __name__ == "__main__":
    main()
