"""Weekly activities do not take place on public holidays in Baden-Württemberg unless they say
so; the page, the week view and the calendar feed agree."""

from datetime import date

import pytest
from icalendar import Calendar

from offers.models import Offer
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

CHRISTMAS = date(2026, 12, 25)  # a Friday
FRIDAY = 4


def _weekly_friday(**fields):
    return make_offer(slots=[(FRIDAY, "15:00", "17:00")], **fields)


def test_no_weekly_offer_has_a_date_on_christmas_day_unless_it_says_so():
    usual = _weekly_friday(title="Spieletreff")
    festive = _weekly_friday(title="Weihnachtscafé", on_public_holidays=True)
    for offer in Offer.objects.filter(pk__in=[usual.pk, festive.pk]):
        on_christmas = offer.occurrences(CHRISTMAS, CHRISTMAS)
        assert len(on_christmas) == 1
        assert on_christmas[0].cancelled is (offer == usual)
    assert usual.occurrences(CHRISTMAS, CHRISTMAS)[0].reason == "Feiertag"


def test_a_single_date_on_a_holiday_takes_place():
    offer = make_offer()
    offer.schedules.create(
        recurrence="single", date=CHRISTMAS, start_time="10:00", end_time="12:00"
    )
    assert [item.cancelled for item in offer.occurrences(CHRISTMAS, CHRISTMAS)] == [False]


def test_the_calendar_feed_leaves_out_public_holidays_with_exdates(client):
    offer = _weekly_friday(title="Spieletreff", valid_until=date(2027, 6, 30))
    response = client.get(f"/de/angebote/kalender/angebot/{offer.slug}.ics")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    exdates = {moment.dt.date() for entry in [event["EXDATE"]] for moment in entry.dts}
    assert CHRISTMAS in exdates
    assert date(2027, 1, 1) in exdates  # New Year's Day, also a Friday
    assert all(day.weekday() == FRIDAY for day in exdates)


def test_an_offer_that_runs_on_holidays_has_no_holiday_exdates(client):
    offer = _weekly_friday(on_public_holidays=True, valid_until=date(2027, 6, 30))
    response = client.get(f"/de/angebote/kalender/angebot/{offer.slug}.ics")
    assert b"EXDATE" not in response.content
