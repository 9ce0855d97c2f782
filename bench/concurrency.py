"""16 clients at once: 2,000 survey responses and 200 activity suggestions against gunicorn.

Counts the rows in the database against the answers the clients got: every acknowledged
submission must be stored exactly once (a repeated one-time token must not add a row), nothing
unacknowledged may be stored, and there must be no 5xx. Prints the tally; exits 1 on a mismatch.
"""

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import BENCH_CSRF as CSRF  # noqa: E402
from bench.run import PYTHON, ROOT, _free_port, _prepare, _start_gunicorn  # noqa: E402

CLIENTS = int(os.environ.get("BENCH_CLIENTS", 16))
RESPONSES = int(os.environ.get("BENCH_SUBMISSIONS", 2000))
PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", 200))
REPEATED = RESPONSES // 10  # double clicks: the same token sent a second time
_local = threading.local()


def _connection(port):
    if getattr(_local, "port", None) != port:
        _local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        _local.port = port
    return _local.connection


def _post(port, path, body):
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={CSRF}",  # the activity proposal's CSRF check
        "Origin": f"http://127.0.0.1:{port}",  # the questionnaire's (and Django's) origin check
    }
    for attempt in range(2):
        connection = _connection(port)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except (ConnectionError, http.client.HTTPException):
            connection.close()
            _local.port = None
            if attempt:
                return 0


def _count(env, expression):
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'bench.settings'); "
        f"django.setup(); {expression}"
    )
    result = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def main():
    os.environ.setdefault("BENCH_OFFERS", "200")
    os.environ.setdefault("BENCH_RESPONSES", "600")
    backend = os.environ.get("BENCH_CONCURRENCY_BACKEND", "postgresql")
    env, prepared = _prepare(backend, dataset="concurrency")
    survey_page = next(p for p in prepared["pages"] if p["label"] == "survey submission")
    proposal_path = "/de/angebote/vorschlagen/"
    count_rows = (
        "from survey.models import Response; from offers.models import Offer; import json; "
        "print(json.dumps([Response.objects.count(), Offer.objects.filter(is_proposal=True)"
        ".count()]))"
    )
    responses_before, proposals_before = _count(env, count_rows)

    tokens = [secrets.token_urlsafe(18) for _ in range(RESPONSES)]
    jobs = [("survey", token) for token in tokens]
    jobs += [("survey", token) for token in tokens[:REPEATED]]
    jobs += [("proposal", n) for n in range(PROPOSALS)]
    # Interleave so that repeats race with their originals and suggestions with answers.
    jobs.sort(key=lambda job: hash((job[0], job[1], "order")))

    port = _free_port()
    process = _start_gunicorn(env, port)
    statuses = {}
    lock = threading.Lock()

    def run(job):
        kind, key = job
        if kind == "survey":
            body = survey_page["body"] + "&" + urlencode({"token": key})
            status = _post(port, survey_page["path"], body)
        else:
            body = urlencode(
                {
                    "csrfmiddlewaretoken": CSRF,
                    "name": f"Nachbarin {key}",
                    "contact": f"n{key}@example.org",
                    "title": f"Lauftreff {key}",
                    "description": "Gemeinsam laufen im Park.",
                    "when": "Samstag 10:00",
                }
            )
            status = _post(port, proposal_path, body)
        with lock:
            statuses.setdefault((kind, key), []).append(status)

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(run, jobs))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    elapsed = time.monotonic() - started
    responses_after, proposals_after = _count(env, count_rows)

    every = [status for results in statuses.values() for status in results]
    server_errors = sum(1 for status in every if status >= 500 or status == 0)
    acknowledged_tokens = sum(
        1 for (kind, _key), results in statuses.items() if kind == "survey" and 302 in results
    )
    acknowledged_proposals = sum(
        1 for (kind, _key), results in statuses.items() if kind == "proposal" and 302 in results
    )
    stored_responses = responses_after - responses_before
    stored_proposals = proposals_after - proposals_before
    print(
        f"\n== concurrency · {backend} · {CLIENTS} clients · {len(jobs)} requests in "
        f"{elapsed:.1f} s ({len(jobs) / elapsed:.0f}/s) =="
    )
    print(
        f"survey: {RESPONSES} responses (+{REPEATED} repeated tokens): acknowledged "
        f"{acknowledged_tokens}, stored {stored_responses}"
    )
    print(
        f"suggestions: {PROPOSALS}: acknowledged {acknowledged_proposals}, "
        f"stored {stored_proposals}"
    )
    print(f"5xx or dropped connections: {server_errors}")
    ok = (
        stored_responses == acknowledged_tokens == RESPONSES
        and stored_proposals == acknowledged_proposals == PROPOSALS
        and server_errors == 0
    )
    print("nothing lost, nothing duplicated" if ok else "MISMATCH: see the counts above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
