"""An activity's card reads only the columns it shows (Offer.objects.for_cards) and takes what it
names from a list kept per content version (offers.fragments.with_names), issue 18: the same card
as from every column of every table, and no column fetched later, one query per card."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from offers.fragments import offer_cards
from offers.models import CostType, Offer, OfferState
from offers.schedule import attach_next_dates
from tests.factories import make_centre, make_quarter, make_site
from tests.network.factories import make_actor
from tests.offers.factories import make_category, make_slot, make_target_group

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def tuesday():
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN), tick=False):
        yield


def _everything_a_card_shows(n):
    """An activity with every part of a card filled in, in German and Arabic."""
    from tests.offers.factories import make_offer

    centre = make_centre()
    quarter = make_quarter(centre)
    offer = make_offer(
        title=f"Elterncafé {n}",
        title_ar=f"مقهى الأهل {n}",
        summary="Austausch bei Kaffee und Kuchen.",
        category=make_category(name="Familie", name_ar="العائلة"),
        centre=centre,
        quarter=quarter,
        site=make_site(centre, name="Nebenstelle Nord", street="Hauptstraße 5"),
        actor=make_actor([quarter], name="Kinderschutzbund"),
        cost_type=CostType.AMOUNT,
        cost_amount=Decimal("2.50"),
        registration_required=True,
        min_age=3,
        max_age=10,
        not_in_school_holidays=True,
        state=OfferState.PAUSED if n % 2 else OfferState.ACTIVE,
        target_groups=[
            make_target_group(name="Senioren", sort_order=2),
            make_target_group(name="Eltern", name_ar="الآباء", sort_order=1),
        ],
        cancelled=[date(2026, 3, 3)],
    )
    make_slot(offer, weekday=1, start_time="15:00", end_time="17:00", note="Im Garten")
    return offer


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_card_from_its_own_columns_is_the_card_from_every_column(language):
    pks = [_everything_a_card_shows(n).pk for n in range(3)]
    with translation.override(language):
        cards = offer_cards(pks)
        complete = attach_next_dates(
            Offer.objects.filter(pk__in=pks)
            .select_related("category", "centre", "quarter", "actor", "site")
            .prefetch_related(
                Prefetch("schedules", to_attr="card_slots"),
                Prefetch("cancellations", to_attr="card_cancellations"),
                Prefetch("target_groups", to_attr="card_target_groups"),
            )
            .order_by("pk")
        )
        expected = [
            render_to_string("offers/includes/offer_card.html", {"offer": offer})
            for offer in complete
        ]
    assert cards == expected
    assert "Kinderschutzbund" in cards[0] and "Nebenstelle Nord" in cards[0]
    assert "Hauptstraße 5" in cards[0] and "Im Garten" not in cards[0]
    assert cards[0].index("Senioren") > cards[0].index("الآباء" if language == "ar" else "Eltern")


def test_more_cards_ask_the_database_nothing_more():
    offers = [_everything_a_card_shows(n) for n in range(5)]
    with CaptureQueriesContext(connection) as one:
        offer_cards([offers[0].pk])
    with CaptureQueriesContext(connection) as five:
        assert len(offer_cards([offer.pk for offer in offers])) == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_a_renamed_centre_shows_on_the_cards_at_once(client, settings):
    from django.urls import reverse

    settings.FRAGMENT_CACHE_SECONDS = 3600
    offer = _everything_a_card_shows(1)
    assert offer.centre.name in client.get(reverse("offers:list")).content.decode()
    offer.centre.name = "Quartierszentrum am Neckarbogen"
    offer.centre.save()
    assert "Quartierszentrum am Neckarbogen" in client.get(reverse("offers:list")).content.decode()


def test_new_school_holidays_show_on_the_cards_at_once(client, settings):
    from django.urls import reverse

    from offers.models import ClosureKind, ClosurePeriod

    settings.FRAGMENT_CACHE_SECONDS = 3600
    offer = _everything_a_card_shows(2)
    offer.cancellations.all().delete()
    before = client.get(reverse("offers:list")).content.decode()
    assert 'datetime="2026-03-03T15:00:00+01:00"' in before  # today, Tuesday
    ClosurePeriod.objects.create(
        name="Osterferien",
        kind=ClosureKind.SCHOOL_HOLIDAYS,
        first_day=date(2026, 3, 2),
        last_day=date(2026, 3, 6),
    )
    after = client.get(reverse("offers:list")).content.decode()
    assert "(Osterferien)" in after and 'datetime="2026-03-10T15:00:00+01:00"' in after


@pytest.mark.parametrize("language", ["de", "ar"])
def test_cards_from_the_kept_activities_are_the_cards_from_the_database(language, settings):
    pks = [_everything_a_card_shows(n).pk for n in range(3)]
    with translation.override(language):
        from_database = offer_cards(pks)
        settings.FRAGMENT_CACHE_SECONDS = 3600
        with CaptureQueriesContext(connection) as first:
            offer_cards(pks[:1])  # reads all published activities
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as later:
            kept = offer_cards(pks)
    assert kept == from_database
    assert [q for q in first.captured_queries if "offers_offer" in q["sql"]]
    assert not [q for q in later.captured_queries if "offers_" in q["sql"]]


def test_above_the_bound_each_batch_of_cards_reads_its_own_activities(settings, monkeypatch):
    monkeypatch.setattr("offers.fragments.CARD_OFFERS_KEPT_MAX", 2)
    pks = [_everything_a_card_shows(n).pk for n in range(3)]
    from_database = offer_cards(pks)
    settings.FRAGMENT_CACHE_SECONDS = 3600
    offer_cards(pks[:1])
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as asked:
        assert offer_cards(pks) == from_database
    assert [q for q in asked.captured_queries if "offers_offer" in q["sql"]]


def test_an_edited_activity_shows_on_its_card_at_once(client, settings):
    from django.urls import reverse

    settings.FRAGMENT_CACHE_SECONDS = 3600
    offer = _everything_a_card_shows(2)
    assert "Elterncafé 2" in client.get(reverse("offers:list")).content.decode()
    offer.title = "Elterncafé am Neckar"
    offer.save()
    page = client.get(reverse("offers:list")).content.decode()
    assert "Elterncafé am Neckar" in page and "Elterncafé 2" not in page


def test_a_kept_activity_shows_the_next_date_of_the_day_it_is_shown(client, settings):
    from django.urls import reverse

    settings.FRAGMENT_CACHE_SECONDS = 3600
    offer = _everything_a_card_shows(2)
    offer.cancellations.all().delete()
    assert (
        'datetime="2026-03-03T15:00:00+01:00"'
        in client.get(reverse("offers:list")).content.decode()
    )
    with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN), tick=False):
        page = client.get(reverse("offers:list")).content.decode()
    assert 'datetime="2026-03-10T15:00:00+01:00"' in page
