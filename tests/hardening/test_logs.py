"""Logs keep no survey answers, no form contents and no client addresses."""

import logging

import pytest
from django.test import Client, override_settings

from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "Mein-Nachbar-heißt-Erwin-7391"


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def _logged_text(caplog):
    return "\n".join(
        record.getMessage() + " " + (str(record.exc_info) if record.exc_info else "")
        for record in caplog.records
    )


@override_settings(SURVEY_RATE_LIMIT=None)
def test_survey_answers_and_addresses_never_reach_the_log(all_logs):
    full = make_full_survey()
    client = Client(REMOTE_ADDR="203.0.113.77")
    url = f"/de/befragung/{full['survey'].slug}/fragebogen/"
    client.post(url, valid_post(full, Q6=SECRET_ANSWER))  # stored
    client.post(url, valid_post(full, Q6=SECRET_ANSWER, Q1=""))  # invalid: shown again
    Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.77").post(
        url, valid_post(full, Q6=SECRET_ANSWER)
    )  # CSRF failure: logged as a warning by Django
    text = _logged_text(all_logs)
    assert SECRET_ANSWER not in text
    assert "203.0.113.77" not in text


@override_settings(OFFER_PROPOSAL_RATE_LIMIT=None)
def test_suggestion_contents_never_reach_the_log(all_logs):
    Client(REMOTE_ADDR="203.0.113.78").post(
        "/de/angebote/vorschlagen/",
        {"name": "Erwin Geheim", "contact": "erwin@example.org", "title": SECRET_ANSWER},
    )
    text = _logged_text(all_logs)
    assert SECRET_ANSWER not in text and "erwin@example.org" not in text
    assert "203.0.113.78" not in text


def test_gunicorn_access_log_format_has_no_client_address_or_query():
    from pathlib import Path

    namespace = {}
    exec(Path("gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config file
    log_format = namespace["access_log_format"]
    for leaking in ("%(h)s", "%(q)s", "%(r)s", "%(a)s", "%(f)s", "%(U)s?"):
        assert leaking not in log_format
