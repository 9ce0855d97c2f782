"""The WSGI entry point a server loads (heilbronn_quartier/wsgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _in_a_new_worker(code):
    """What `code` prints in a fresh process that has loaded the entry point as a worker does."""
    run = subprocess.run(
        [sys.executable, "-c", "import heilbronn_quartier.wsgi as wsgi; " + code],
        env=os.environ | {"DEBUG": "1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip()


def test_a_worker_loads_every_view_and_leaves_it_to_no_garbage_collection():
    printed = _in_a_new_worker(
        "import gc, sys; "
        "print(gc.get_freeze_count(), 'survey.views' in sys.modules, callable(wsgi.application))"
    )
    frozen, views, application = printed.split()
    assert int(frozen) > 10_000
    assert views == application == "True"


def test_a_worker_indexes_its_links_in_every_language_before_the_first_request():
    printed = _in_a_new_worker(
        "from django.urls import get_resolver; "
        "root = get_resolver(); survey = root.namespace_dict['survey'][1]; "
        "print(sorted(root._reverse_dict), sorted(survey._reverse_dict))"
    )
    languages = str(sorted(["de", "ar", "en", "ro", "ru", "tr"]))
    assert printed == f"{languages} {languages}"
