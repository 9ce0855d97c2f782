import copy
import os

import pytest
from django.db import connection
from django.urls import reverse

from offers.models import CostType, OfferState
from tests.factories import make_centre, make_quarter
from tests.offers.factories import (
    make_category,
    make_language,
    make_offer,
    make_target_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _directory(shared_data):
    """Two centres, a few offers that differ in one property each."""
    boeckingen = make_centre(name="Quartierszentrum Böckingen", slug="boeckingen")
    nordstadt = make_centre(name="Quartierszentrum Nordstadt", slug="nordstadt")
    q_boeckingen = make_quarter(boeckingen, name="Böckingen", slug="boeckingen")
    q_nordstadt = make_quarter(nordstadt, name="Nordstadt", slug="nordstadt")
    children = make_target_group(name="Kinder", slug="kinder")
    seniors = make_target_group(name="Senior*innen", slug="senioren")
    learning = make_category(name="Lernen", slug="lernen")
    sport = make_category(name="Sport", slug="sport")
    arabic = make_language("ar")
    german = make_language("de")
    offers = {
        "homework": make_offer(
            title="Hausaufgabenhilfe",
            centre=boeckingen,
            quarter=q_boeckingen,
            category=learning,
            target_groups=[children],
            languages=[german, arabic],
            min_age=6,
            max_age=12,
            slots=[(2, "14:30", "16:00")],
        ),
        "sport_paid": make_offer(
            title="Kinderturnen",
            centre=boeckingen,
            quarter=q_boeckingen,
            category=sport,
            target_groups=[children],
            languages=[german],
            cost_type=CostType.AMOUNT,
            cost_amount=3,
            min_age=4,
            max_age=8,
            slots=[(2, "15:00", "16:00")],
        ),
        "seniors_morning": make_offer(
            title="Seniorentreff",
            centre=boeckingen,
            quarter=q_boeckingen,
            category=sport,
            target_groups=[seniors],
            languages=[german],
            slots=[(2, "10:00", "11:30")],
        ),
        "nordstadt_evening": make_offer(
            title="Sprachcafé am Abend",
            summary="Deutsch sprechen üben",
            centre=nordstadt,
            quarter=q_nordstadt,
            category=learning,
            target_groups=[seniors],
            languages=[arabic],
            slots=[(4, "18:00", "20:00")],
        ),
    }
    make_offer(title="Entwurf", publication_status="draft", quarter=q_boeckingen)
    make_offer(title="Beendet", state=OfferState.ENDED, quarter=q_boeckingen)
    return offers


@pytest.fixture
def directory(db, _directory):
    """Made once per module (_directory); each test gets its own copies of the objects, as with
    Django's TestCase.setUpTestData, and its database changes are rolled back after it."""
    return copy.deepcopy(_directory)


def _titles(client, **params):
    response = client.get(reverse("offers:list"), params)
    assert response.status_code == 200
    return {offer.title for offer in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Hausaufgabenhilfe", "Kinderturnen", "Seniorentreff", "Sprachcafé am Abend"}),
        ({"quarter": "nordstadt"}, {"Sprachcafé am Abend"}),
        ({"centre": "nordstadt"}, {"Sprachcafé am Abend"}),
        ({"target_group": "kinder"}, {"Hausaufgabenhilfe", "Kinderturnen"}),
        ({"category": "lernen"}, {"Hausaufgabenhilfe", "Sprachcafé am Abend"}),
        ({"weekday": "4"}, {"Sprachcafé am Abend"}),
        ({"time": "morning"}, {"Seniorentreff"}),
        ({"time": "afternoon"}, {"Hausaufgabenhilfe", "Kinderturnen"}),
        ({"time": "evening"}, {"Sprachcafé am Abend"}),
        ({"free": "on"}, {"Hausaufgabenhilfe", "Seniorentreff", "Sprachcafé am Abend"}),
        ({"language": "ar"}, {"Hausaufgabenhilfe", "Sprachcafé am Abend"}),
        ({"age": "10"}, {"Hausaufgabenhilfe", "Seniorentreff", "Sprachcafé am Abend"}),
        ({"q": "sprechen"}, {"Sprachcafé am Abend"}),
    ],
)
def test_each_filter_narrows_the_list(client, directory, params, expected):
    assert _titles(client, **params) == expected


def test_filters_combine_to_find_something_free_for_a_9_year_old_on_wednesday_afternoon(
    client, directory
):
    params = {
        "quarter": "boeckingen",
        "age": "9",
        "weekday": "2",
        "time": "afternoon",
        "free": "on",
    }
    assert _titles(client, **params) == {"Hausaufgabenhilfe"}
    response = client.get(reverse("offers:list"), params)
    html = response.content.decode()
    assert "1 Angebot gefunden" in html
    assert "Filter zurücksetzen" in html


def test_weekday_and_time_must_match_the_same_slot(client, directory):
    make_offer(title="Zwei Termine", slots=[(2, "10:00", "11:00"), (4, "15:00", "16:00")])
    assert "Zwei Termine" not in _titles(client, weekday="2", time="afternoon")
    assert "Zwei Termine" in _titles(client, weekday="4", time="afternoon")


def test_no_results_says_so_and_offers_to_reset_the_filters(client, directory):
    response = client.get(reverse("offers:list"), {"quarter": "nordstadt", "time": "morning"})
    html = response.content.decode()
    assert "Keine Ergebnisse gefunden. Bitte ändern Sie die Filter." in html
    assert f'href="{reverse("offers:list")}"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"quarter": "gibt-es-nicht"},
        {"weekday": "9"},
        {"weekday": "Mittwoch"},
        {"time": "midnight"},
        {"age": "-4"},
        {"age": "neun"},
        {"age": "99999999999999999999"},
        {"language": "xx"},
        {"page": "abc"},
        {"page": "99999"},
        {"q": "x" * 5000},
        {"q": "' OR 1=1 --"},
        {"q": "&&& !!! (((", "free": "maybe"},
        {"category": "\x00"},
    ],
)
def test_bad_filter_values_give_a_friendly_page_never_a_500(client, directory, params):
    response = client.get(reverse("offers:list"), params)
    assert response.status_code == 200


def test_an_unknown_slug_gives_an_empty_result_not_everything(client, directory):
    assert _titles(client, quarter="gibt-es-nicht") == set()


def test_pagination_keeps_the_filters_in_the_links(client, settings, directory):
    settings.OFFERS_PER_PAGE = 2
    response = client.get(reverse("offers:list"), {"free": "on"})
    page = response.context["page"]
    assert page.paginator.count == 3
    assert page.has_next()
    assert "free=on&amp;page=2" in response.content.decode()
    second = client.get(reverse("offers:list"), {"free": "on", "page": "2"})
    assert len(second.context["page"].object_list) == 1


def test_search_finds_translated_titles_in_the_page_language(client, directory):
    offer = directory["nordstadt_evening"]
    offer.title_en = "Language café in the evening"
    offer.save()
    response = client.get("/en/angebote/", {"q": "café in the"})
    assert {o.title for o in response.context["page"].object_list} == {
        "Language café in the evening"
    }


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL full-text search runs only on PostgreSQL",
)
def test_postgres_full_text_search_stems_german_words(client, directory):
    assert connection.vendor == "postgresql"
    # The German stemmer maps "Seniorentreffs" to the same lexeme as "Seniorentreff".
    assert _titles(client, q="Seniorentreffs") == {"Seniorentreff"}


def test_the_list_links_calendar_feeds_and_the_weekly_plan_for_a_chosen_neighbourhood(
    client, directory
):
    html = client.get(reverse("offers:list"), {"quarter": "boeckingen"}).content.decode()
    assert reverse("offers:subscribe", kwargs={"kind": "quartier", "slug": "boeckingen"}) in html
    assert reverse("offers:weekly-plan", kwargs={"slug": "boeckingen"}) in html


def test_the_compact_partial_lists_offers_for_a_quarter(directory):
    from django.template.loader import render_to_string

    from offers.models import Offer

    quarter = directory["homework"].quarter
    offers = Offer.objects.published().for_quarter(quarter).prefetch_related("schedules")
    html = render_to_string("offers/includes/offer_list_compact.html", {"offers": offers})
    assert "Hausaufgabenhilfe" in html
    assert "Sprachcafé" not in html
    centre = directory["nordstadt_evening"].centre
    assert list(Offer.objects.published().for_centre(centre)) == [directory["nordstadt_evening"]]
