"""The survey's page keeps its own part for cache misses (issue 18), like the detail pages of
portal.cached_pages: the clock still opens and closes the survey, an editor's save shows at once,
and each language keeps its own page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from survey.models import SurveyStatus
from tests.survey.factories import make_survey

BERLIN = ZoneInfo("Europe/Berlin")
OPENS = datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)
CLOSES = datetime(2026, 3, 31, 18, 0, tzinfo=BERLIN)
pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings):
    # A day: opening and closing within it must end the kept part by itself.
    settings.FRAGMENT_CACHE_SECONDS = 86400


def _page(client, name="survey:landing", language="de", **kwargs):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_kept_page_opens_and_closes_the_survey_by_the_clock(client, fragments):
    survey = make_survey(is_current=True, opens_at=OPENS, closes_at=CLOSES)
    with time_machine.travel(OPENS - timedelta(minutes=5), tick=False):
        before = _page(client)
        assert "Die Befragung beginnt am" in _page(client, "survey:detail", slug=survey.slug)
    with time_machine.travel(OPENS + timedelta(minutes=1), tick=False):
        during = _page(client)
    with time_machine.travel(CLOSES + timedelta(minutes=1), tick=False):
        after = _page(client, "survey:detail", slug=survey.slug)
    assert "Die Befragung beginnt am" in before and "Jetzt teilnehmen" not in before
    assert "Jetzt teilnehmen" in during
    assert "Die Befragung ist beendet" in after and "Jetzt teilnehmen" not in after


def test_an_editors_save_and_a_new_current_survey_show_at_once(client, fragments):
    survey = make_survey(is_current=True, introduction_de="Erste Einleitung")
    assert "Erste Einleitung" in _page(client)
    survey.introduction_de = "Neue Einleitung"
    survey.save()
    assert "Neue Einleitung" in _page(client)
    survey.is_current = False
    survey.save()
    make_survey(is_current=True, title_de="Zweite Welle")
    assert "Zweite Welle" in _page(client)


def test_an_unpublished_survey_is_gone_from_its_kept_page(client, fragments):
    survey = make_survey(is_current=True, title_de="Bald zurückgezogen")
    assert "Bald zurückgezogen" in _page(client, "survey:detail", slug=survey.slug)
    survey.status = SurveyStatus.DRAFT
    survey.save()
    with translation.override("de"):
        assert client.get(reverse("survey:detail", kwargs={"slug": survey.slug})).status_code == 404
    assert "Bald zurückgezogen" not in _page(client)


def test_each_language_keeps_its_own_page(client, fragments):
    survey = make_survey(is_current=True)
    german = _page(client)
    arabic = _page(client, language="ar")
    assert 'lang="ar" dir="rtl"' in arabic and survey.title_ar in arabic
    assert survey.title_de in german and survey.title_ar not in german
    assert _page(client) == german
