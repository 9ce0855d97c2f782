"""Runs inside the benchmark's environment: fills the database and measures each page in-process.

Prints one JSON document: the pages to load-test with their SQL query counts and HTML sizes.
"""

import gzip
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import bench.generate_apps  # noqa: E402, F401  (registers activities and responses)
import bench.pages_apps  # noqa: E402, F401  (registers activity and survey pages)
from bench.generate import generate  # noqa: E402
from bench.pages import page_list  # noqa: E402


def _staff_session():
    user, _created = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def main():
    summary = generate(
        offers=int(os.environ.get("BENCH_OFFERS", 2000)),
        responses=int(os.environ.get("BENCH_RESPONSES", 10000)),
    )
    session = _staff_session()
    pages = []
    for page in page_list():
        client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
        if page.get("staff"):
            client.cookies["sessionid"] = session
        if page.get("cookie"):
            name, value = page["cookie"].split("=", 1)
            client.cookies[name] = value
        with CaptureQueriesContext(connection) as queries:
            if page["method"] == "POST":
                response = client.post(page["path"], page["body"], content_type=page["type"])
            else:
                response = client.get(page["path"])
        body = response.content
        pages.append(
            page
            | {
                "status": response.status_code,
                "queries": len(queries),
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, 6)),
            }
        )
    print(json.dumps({"data": summary, "session": session, "pages": pages}))


if __name__ == "__main__":
    main()
