"""Lists answer “where and when”: each card and the weekly plan name the site, the next date (or
“cancelled on …”), the age range and the cost; a site with opening hours says whether it is open
now and until when."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from centers.opening import parse, status_at
from offers.models import Cancellation, CostType
from tests.factories import make_centre, make_quarter, make_site
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

WEDNESDAY = 2
TZ = timezone.get_default_timezone()


def _at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def monday_morning(monkeypatch):
    """Monday 23 November 2026, 08:00 (no holidays near)."""
    moment = _at(2026, 11, 23, 8)
    monkeypatch.setattr(timezone, "localdate", lambda *args: moment.date())
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def _wednesday_offer_at_a_site(**fields):
    centre = make_centre()
    quarter = make_quarter(centre=centre, name="Böckingen", slug="boeckingen-test")
    site = make_site(centre, name="Stadtteilhaus Kreuzgrund", quarter=quarter)
    offer = make_offer(
        slots=[(WEDNESDAY, "15:00", "17:00")],
        title="Kinder-Bewegungsnachmittag",
        centre=centre,
        site=site,
        min_age=6,
        max_age=10,
        **fields,
    )
    return offer, quarter


def test_a_card_names_the_site_the_next_date_the_age_and_the_cost(client, monday_morning):
    offer, quarter = _wednesday_offer_at_a_site()
    page = client.get(f"/de/angebote/?quarter={quarter.slug}&age=9").content.decode()
    assert "Stadtteilhaus Kreuzgrund" in page
    assert "Nächster Termin:" in page and "Mittwoch, 25.11., 15:00–17:00" in page
    assert "6–10 Jahre" in page
    assert "Kostenlos" in page


def test_a_card_says_cancelled_on_and_then_the_date_after(client, monday_morning):
    offer, quarter = _wednesday_offer_at_a_site(
        cost_type=CostType.AMOUNT, cost_amount=Decimal("2.50")
    )
    Cancellation.objects.create(offer=offer, date=date(2026, 11, 25), reason="Krankheit")
    page = client.get("/de/angebote/").content.decode()
    assert "Fällt aus am Mi 25.11. (Krankheit)" in page
    assert "Mittwoch, 02.12., 15:00–17:00" in page
    assert "2,50 €" in page


def test_the_weekly_plan_names_the_site_age_and_cost_of_each_entry(client, monday_morning):
    offer, quarter = _wednesday_offer_at_a_site()
    page = client.get(f"/de/angebote/wochenplan/{quarter.slug}/").content.decode()
    assert "Stadtteilhaus Kreuzgrund" in page
    assert "6–10 Jahre" in page and "Kostenlos" in page


def test_the_quarter_page_shows_the_next_date_of_its_activities(client, monday_morning):
    offer, quarter = _wednesday_offer_at_a_site()
    page = client.get(quarter.get_absolute_url()).content.decode()
    assert "Nächster Termin:" in page and "25.11." in page


SPEC = "Mo-Th 09:00-16:00\nFr 09:00-13:00"


def test_opening_hours_are_read_from_the_schema_org_lines():
    hours = parse(SPEC + "\nTu,Th 17:00-19:00\nunreadable")
    assert hours[0] == [(datetime(1, 1, 1, 9).time(), datetime(1, 1, 1, 16).time())]
    assert len(hours[3]) == 2 and hours[5] == [] and hours[6] == []


def test_a_site_is_open_now_and_says_when_it_closes():
    status = status_at(SPEC, _at(2026, 11, 23, 10, 30))
    assert status.is_open and f"{status.closes:%H:%M}" == "16:00"


def test_a_closed_site_says_when_it_opens_next():
    evening = status_at(SPEC, _at(2026, 11, 27, 14))  # Friday afternoon
    assert not evening.is_open and evening.opens == _at(2026, 11, 30, 9)
    early = status_at(SPEC, _at(2026, 11, 23, 7))
    assert early.opens == _at(2026, 11, 23, 9)


def test_a_site_is_closed_on_a_public_holiday():
    christmas = status_at(SPEC, _at(2026, 12, 25, 10))  # a Friday
    assert not christmas.is_open
    assert christmas.opens == _at(2026, 12, 28, 9)


def test_a_site_without_machine_readable_hours_says_nothing():
    assert status_at("", _at(2026, 11, 23, 10)) is None


def test_the_centre_page_shows_open_now_and_closes_at(client, monkeypatch):
    moment = _at(2026, 11, 23, 10, 30)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    centre = make_centre()
    make_site(centre, is_main=True, opening_hours_spec=SPEC)
    page = client.get(centre.get_absolute_url()).content.decode()
    assert "Jetzt geöffnet · schließt um 16:00" in page
