"""Fragments many pages share (issue 18): an activity's card, a place's activities, the header
and footer are rendered once and kept; an editor's save or the clock replaces them at once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_offer

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600


def test_an_editors_save_shows_in_the_card_at_once(client, fragments):
    offer = make_offer(title="Lauftreff", slots=[(1, "15:00", "17:00")])
    assert "Lauftreff" in client.get(reverse("offers:list")).content.decode()
    offer.title = "Lauftreff am Neckar"
    offer.save()
    assert "Lauftreff am Neckar" in client.get(reverse("offers:list")).content.decode()


def test_a_new_activity_appears_on_the_neighbourhood_page_at_once(client, fragments):
    quarter = make_quarter(make_centre())
    make_offer(title="Erstes Angebot", quarter=quarter, slots=[(1, "15:00", "17:00")])
    url = quarter.get_absolute_url()
    assert "Erstes Angebot" in client.get(url).content.decode()
    make_offer(title="Zweites Angebot", quarter=quarter, slots=[(2, "15:00", "17:00")])
    assert "Zweites Angebot" in client.get(url).content.decode()


def test_the_next_date_moves_on_once_it_has_passed(client, fragments):
    make_offer(title="Sprachcafé", slots=[(1, "15:00", "17:00")])  # Tuesdays
    with time_machine.travel(datetime(2026, 3, 3, 14, 0, tzinfo=BERLIN), tick=False):
        before = client.get(reverse("offers:list")).content.decode()
    with time_machine.travel(datetime(2026, 3, 3, 17, 30, tzinfo=BERLIN), tick=False):
        after = client.get(reverse("offers:list")).content.decode()
    assert 'datetime="2026-03-03T15:00:00+01:00"' in before
    assert 'datetime="2026-03-10T15:00:00+01:00"' in after


def test_the_navigation_marks_the_current_section_with_fragments_on(client, fragments):
    offers = client.get(reverse("offers:list")).content.decode()
    home = client.get("/de/").content.decode()
    nav = 'href="{}" aria-current="page"'
    assert nav.format(reverse("offers:list")) in offers
    assert nav.format(reverse("offers:list")) not in home


def test_each_language_gets_its_own_fragments(client, fragments):
    make_offer(title="Treff", title_en="Meeting", slots=[(1, "15:00", "17:00")])
    assert "Treff" in client.get("/de/angebote/").content.decode()
    english = client.get("/en/angebote/").content.decode()
    assert "Meeting" in english and 'lang="en"' in english


def test_an_unknown_neighbourhood_on_this_week_does_not_empty_the_page_for_everyone(
    client, fragments
):
    make_offer(title="Nachbarschaftstreff", slots=[(day, "15:00", "17:00") for day in range(7)])
    url = reverse("offers:this-week")
    for unknown in ("gibt-es-nicht", "x\x00"):
        assert "Nachbarschaftstreff" not in client.get(url, {"quarter": unknown}).content.decode()
        assert "Nachbarschaftstreff" in client.get(url).content.decode()
