"""The empty questionnaire is rendered once per language; each visitor still gets an own
one-time submission token, and no cookie."""

import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

from portal import cache as page_cache
from survey.models import Response
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return make_full_survey()


def _url(survey, language="de"):
    with translation.override(language):
        return reverse("survey:questionnaire", kwargs={"slug": survey.slug})


def _token(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_each_visitor_gets_own_tokens_from_the_cached_page(client, full):
    from django.test import Client

    first = client.get(_url(full["survey"]))
    second = Client().get(_url(full["survey"]))
    assert first.status_code == second.status_code == 200
    assert "@@" not in first.content.decode()
    assert _token(first.content.decode()) != _token(second.content.decode())
    assert not second.templates, "the second visitor's page comes from the cache"


def test_a_page_from_the_kept_pieces_is_the_rendered_page_with_the_visitors_own_token(full):
    from django.test import Client

    pages = [Client().get(_url(full["survey"], "ar")) for _ in range(2)]
    assert not pages[1].templates, "the second page comes from the kept pieces"
    html = [page.content.decode() for page in pages]
    for page, text in zip(pages, html, strict=True):
        assert not page.cookies  # no CSRF cookie, no cookie at all
        assert "csrfmiddlewaretoken" not in text
        assert text.count(_token(text)) == 1
        assert page["Content-Type"] == "text/html; charset=utf-8"
    assert html[0].replace(_token(html[0]), "S") == html[1].replace(_token(html[1]), "S")
    assert _token(html[0]) != _token(html[1])


def test_a_cached_questionnaire_can_be_submitted_from_its_own_page(full):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get(_url(full["survey"]))  # fills the cache
    submission = _token(client.get(_url(full["survey"])).content.decode())
    data = valid_post(full, token=submission)
    response = client.post(_url(full["survey"]), data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert Response.objects.get().submission_token == submission


def test_each_language_has_its_own_cached_questionnaire(client, full):
    client.get(_url(full["survey"], "de"))
    arabic = client.get(_url(full["survey"], "ar")).content.decode()
    assert 'lang="ar" dir="rtl"' in arabic


def test_a_survey_answer_does_not_flush_the_page_cache(client, full):
    version = page_cache.current_version()
    client.post(_url(full["survey"]), valid_post(full))
    assert Response.objects.count() == 1
    assert page_cache.current_version() == version


def test_a_submission_that_cannot_be_stored_is_not_acknowledged_and_keeps_the_answers(client, full):
    with mock.patch("survey.services.store_response", side_effect=OperationalError("down")):
        response = client.post(_url(full["survey"]), valid_post(full, Q6="Mehr Bänke am Platz"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Mehr Bänke am Platz" in html
    assert Response.objects.count() == 0


def test_the_dashboard_shows_a_new_paper_response_at_once(client, full, django_user_model):
    from django.contrib.auth.models import Permission

    from survey import services
    from survey.models import Channel

    staff = django_user_model.objects.create_user("auswertung", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_response"))
    client.force_login(staff)
    url = reverse("survey:dashboard", kwargs={"slug": full["survey"].slug})
    assert client.get(url).context["total"] == 0
    assert client.get(url).context["total"] == 0  # served from the dashboard cache
    services.store_response(
        full["survey"],
        answers_for(full, valid_post(full)),
        language="de",
        channel=Channel.PAPER,
        batch="7",
    )
    assert client.get(url).context["total"] == 1


def test_answers_sent_while_the_database_is_gone_come_back_with_a_request_to_send_again(
    client, full
):
    client.get(_url(full["survey"], "tr"))  # the visitor opens the questionnaire
    answers = valid_post(full, Q6="Mehr Bänke am Platz")
    database_gone = OperationalError("connection refused")
    with (
        mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=database_gone),
        mock.patch("django.db.backends.utils.CursorWrapper.executemany", side_effect=database_gone),
    ):
        response = client.post(_url(full["survey"], "tr"), answers)
    assert response.status_code == 503
    html = response.content.decode()
    assert 'lang="tr"' in html
    assert "Mehr Bänke am Platz" in html
    with translation.override("tr"):
        notice = translation.gettext(
            "Your answers could not be saved. Please send them again in a moment."
        )
    assert notice in html
    assert Response.objects.count() == 0
