"""Corrections and deletions of paper forms: who may, until when, and a log of old and new."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone, translation

from staff.models import StaffProfile
from survey.models import Answer, Response, ResponseChange
from tests.factories import make_centre
from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db

FORM = {"language": "de", "source": "Bürgeramt", "batch": "B-1", "Q1": "1", "Q2": "2"}
FORM |= {"Q5_1": "3", "Q5_2": "4", "Q7": "2"}


@pytest.fixture
def full():
    return make_full_survey()


def _clerk(name, centre=None):
    user = User.objects.create_user(name, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="enter_paper_responses"))
    if centre:
        StaffProfile.objects.create(user=user).centres.add(centre)
    return user


def _entered_by(client, full, clerk):
    client.force_login(clerk)
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    assert client.post(url, FORM).status_code == 302
    return Response.objects.latest("pk")


def _edit(response):
    return reverse("survey:response-edit", kwargs={"pk": response.pk})


def _delete(response):
    return reverse("survey:response-delete", kwargs={"pk": response.pk})


def test_the_clerk_who_entered_a_form_corrects_it_and_the_log_keeps_old_and_new(client, full):
    clerk = _clerk("erfassung")
    response = _entered_by(client, full, clerk)
    reason = "Tippfehler bei Q7"
    assert client.post(_edit(response), FORM | {"Q7": "5", "reason": reason}).status_code == 302
    change = ResponseChange.objects.get(action="corrected")
    assert (change.user, change.reason) == (clerk, reason)
    assert change.changes == [{"question": "Q7", "old": ["2"], "new": ["5"]}]
    assert Answer.objects.get(response=response, question__code="Q7").value == 5


def test_a_colleague_of_the_same_centre_may_correct_a_clerk_of_another_centre_may_not(client, full):
    centre = make_centre()
    response = _entered_by(client, full, _clerk("erfassung", centre))
    client.force_login(_clerk("andere-stelle", make_centre()))
    assert client.post(_edit(response), FORM | {"Q7": "5"}).status_code == 403
    assert client.post(_delete(response), {"reason": "x"}).status_code == 403
    client.force_login(_clerk("kollegin", centre))
    assert client.post(_edit(response), FORM | {"Q7": "5"}).status_code == 302


def test_deleting_asks_for_a_reason_and_logs_every_answer_the_form_held(client, full):
    response = _entered_by(client, full, _clerk("erfassung"))
    assert client.post(_delete(response), {"reason": ""}).status_code == 200
    assert Response.objects.filter(pk=response.pk).exists()
    assert client.post(_delete(response), {"reason": "doppelt erfasst"}).status_code == 302
    change = ResponseChange.objects.get(action="deleted")
    assert change.reason == "doppelt erfasst"
    assert {"question": "Q7", "old": ["2"], "new": []} in change.changes
    assert not Response.objects.filter(pk=response.pk).exists()


def test_deleting_in_the_django_admin_goes_through_the_log(client, full):
    response = _entered_by(client, full, _clerk("erfassung"))
    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    url = reverse("admin:survey_response_changelist")
    data = {"action": "delete_selected", "_selected_action": [response.pk], "post": "yes"}
    client.post(url, data)
    assert not Response.objects.filter(pk=response.pk).exists()
    change = ResponseChange.objects.get(action="deleted")
    assert change.user == admin and change.changes


def test_publishing_the_results_ends_paper_entry_corrections_and_deletions(client, full):
    clerk = _clerk("erfassung")
    response = _entered_by(client, full, clerk)
    full["survey"].results_published = True
    full["survey"].save()
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    assert client.post(url, FORM).status_code == 403
    assert client.post(_edit(response), FORM | {"Q7": "5"}).status_code == 403
    assert client.post(_delete(response), {"reason": "x"}).status_code == 403
    assert Response.objects.count() == 1
    assert Answer.objects.get(response=response, question__code="Q7").value == 2


def test_paper_entry_refuses_a_survey_after_its_configured_entry_period(client, full):
    full["survey"].paper_entry_until = timezone.now() - timedelta(minutes=1)
    full["survey"].save()
    client.force_login(_clerk("erfassung"))
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    page = client.post(url, FORM)
    assert page.status_code == 403
    assert "Die Papiererfassung ist beendet" in page.content.decode()
    assert not Response.objects.exists()


def test_answers_sent_after_closing_come_back_on_the_closed_page_to_copy(client, full):
    survey = full["survey"]
    with translation.override("de"):
        url = reverse("survey:questionnaire", kwargs={"slug": survey.slug})
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.opens_at = timezone.now() - timedelta(days=2)
    survey.save()
    page = client.post(url, valid_post(full, Q6="Mehr Bänke am Marktplatz"))
    assert page.status_code == 403
    html = page.content.decode()
    assert "Mehr Bänke am Marktplatz</textarea>" in html and "readonly" in html
    assert not Response.objects.exists()


def test_a_survey_with_answers_cannot_be_deleted_in_the_admin(client):
    full = make_full_survey()
    survey = full["survey"]
    Response.objects.create(
        survey=survey, language="de", submission_token="t-keep", submitted_on=timezone.localdate()
    )
    client.force_login(User.objects.create_superuser("it-delete", "it@example.org", "pw"))

    page = client.get(reverse("admin:survey_survey_delete", args=[survey.pk]))
    client.post(reverse("admin:survey_survey_delete", args=[survey.pk]), {"post": "yes"})
    client.post(
        reverse("admin:survey_survey_changelist"),
        {"action": "delete_selected", "_selected_action": [survey.pk], "post": "yes"},
    )

    assert page.status_code == 403
    assert Response.objects.filter(survey=survey).count() == 1
