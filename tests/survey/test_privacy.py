"""Privacy as promised: drafts do not outlive the answers, saving is limited, the purge is
complete, and the notice names the cookies there are."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from survey.models import Draft, Response, ResponseChange
from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return make_full_survey()


def _url(full, name="survey:questionnaire"):
    with translation.override("de"):
        return reverse(name, kwargs={"slug": full["survey"].slug})


def _save(client, full, **overrides):
    return client.post(_url(full), valid_post(full, action="save", **overrides))


def test_a_draft_is_deleted_when_its_answers_are_sent_and_its_code_opens_nothing(client, full):
    code = _save(client, full).context["code"]
    resumed = client.post(_url(full, "survey:resume"), {"code": code})
    assert f'name="draft" value="{code}"' in resumed.content.decode()
    post = valid_post(full, draft=code)
    assert client.post(_url(full), post).status_code == 302
    assert Response.objects.count() == 1
    assert not Draft.objects.exists()
    again = client.post(_url(full, "survey:resume"), {"code": code})
    assert again.context["form"].errors["code"]  # no answers saved under this code any more


def test_saving_again_from_a_resumed_draft_replaces_it(client, full):
    code = _save(client, full).context["code"]
    client.post(_url(full), valid_post(full, action="save", draft=code, Q7="5"))
    assert Draft.objects.count() == 1
    assert Draft.objects.get().data["Q7"] == ["5"]


def test_save_for_later_is_limited_per_connection(client, full, settings):
    settings.SURVEY_SAVE_RATE_LIMIT = "2/h"
    assert _save(client, full).status_code == 200
    assert _save(client, full).status_code == 200
    blocked = _save(client, full, Q6="Noch da")
    assert blocked.status_code == 429
    assert "Noch da" in blocked.content.decode()  # nothing typed is lost
    assert Draft.objects.count() == 2


def test_save_for_later_refuses_drafts_above_the_size_limit_and_keeps_the_text(
    client, full, settings
):
    settings.SURVEY_DRAFT_MAX_BYTES = 300
    response = _save(client, full, Q6="x" * 50, Q3_other="y" * 200)
    assert response.status_code == 413
    assert not Draft.objects.exists()
    assert "y" * 200 in response.content.decode()


def test_a_draft_never_holds_more_than_the_form_could(client, full):
    _save(client, full, Q6="z" * 100_000, Q1=["1", "2", "3", "4", "5", "6"])
    data = Draft.objects.get().data
    assert len(data["Q6"][0]) == 50  # the question's maximum length
    assert len(data["Q1"]) <= 4


def test_the_privacy_notice_names_exactly_the_cookies_the_survey_sets(client, full):
    page = client.get(_url(full, "survey:detail")).content.decode()
    assert "csrftoken" not in page and "django_language" in page
    assert "Der Fragebogen setzt kein Cookie" in page
    questionnaire = client.get(_url(full))
    assert not questionnaire.cookies


def test_the_purge_removes_history_rows_change_log_and_drafts_of_an_ended_survey(client, full):
    survey = full["survey"]
    clerk = User.objects.create_user("erfassung", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(codename="enter_paper_responses"))
    client.force_login(clerk)
    form = {"language": "de", "source": "Bürgeramt", "batch": "B-1", "Q2": "2", "Q7": "3"}
    client.post(reverse("survey:paper-entry", kwargs={"slug": survey.slug}), form)
    _save(client, full)
    assert Response.history.filter(survey_id=survey.pk).exists()
    assert ResponseChange.objects.filter(survey=survey).exists()
    survey.opens_at = timezone.now() - timedelta(days=900)
    survey.closes_at = timezone.now() - timedelta(days=800)
    survey.save()
    call_command("purge_survey_responses", verbosity=0)
    assert not Response.history.filter(survey_id=survey.pk).exists()
    assert not ResponseChange.objects.filter(survey=survey).exists()
    assert not Draft.objects.filter(survey=survey).exists()
    stored = Response.objects.get()
    assert (stored.source, stored.batch, stored.entered_by) == ("", "", None)


def test_the_purge_runs_nightly_from_a_systemd_timer():
    from pathlib import Path

    from django.conf import settings

    deploy = Path(settings.BASE_DIR) / "deploy"
    timer = (deploy / "quartier-purge.timer").read_text()
    service = (deploy / "quartier-purge.service").read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer
    assert "manage.py purge_survey_responses" in service
