"""School holidays and closures as residents live them: an activity that pauses in the school
holidays or whose centre closes shows those dates as cancelled — on its page, in the lists, in
the weekly plan, in the calendar feed (EXDATE) and in its JSON-LD."""

import importlib
import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from offers.models import ClosureKind, ClosurePeriod
from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

TUESDAY = 1
AUTUMN_TUESDAY = date(2026, 10, 27)  # in the Baden-Württemberg autumn holidays 2026


@pytest.fixture(autouse=True)
def _school_holidays(db):
    """Seeded by a data migration; a transactional test earlier in the same worker empties
    every table, so the seed (idempotent) runs again here."""
    from django.apps import apps

    importlib.import_module("offers.migrations.0011_school_holidays_bw_2026_27").seed(apps, None)


def _tuesday_offer(**fields):
    return make_offer(slots=[(TUESDAY, "15:00", "17:00")], **fields)


def test_the_school_holidays_of_baden_wuerttemberg_2026_27_are_there_from_the_start():
    periods = {
        period.name_de: (period.first_day, period.last_day)
        for period in ClosurePeriod.objects.filter(kind=ClosureKind.SCHOOL_HOLIDAYS)
    }
    assert periods["Herbstferien"] == (date(2026, 10, 26), date(2026, 10, 31))
    assert periods["Weihnachtsferien"] == (date(2026, 12, 23), date(2027, 1, 9))
    assert periods["Osterferien"] == (date(2027, 3, 25), date(2027, 4, 3))
    assert periods["Pfingstferien"] == (date(2027, 5, 18), date(2027, 5, 29))
    assert periods["Sommerferien"] == (date(2027, 7, 29), date(2027, 9, 11))
    assert all(
        "Kultusministerium" in source
        for source in ClosurePeriod.objects.values_list("source", flat=True)
    )


def test_an_activity_not_in_the_school_holidays_is_cancelled_in_them_and_others_are_not():
    pausing = _tuesday_offer(title="Hausaufgabenhilfe", not_in_school_holidays=True)
    usual = _tuesday_offer(title="Seniorencafé")
    [in_holidays] = pausing.occurrences(AUTUMN_TUESDAY, AUTUMN_TUESDAY)
    assert in_holidays.cancelled and in_holidays.reason == "Herbstferien"
    assert usual.occurrences(AUTUMN_TUESDAY, AUTUMN_TUESDAY)[0].cancelled is False
    after = AUTUMN_TUESDAY + timedelta(days=7)
    assert pausing.occurrences(after, after)[0].cancelled is False


def test_a_closure_of_a_centre_cancels_its_activities_only():
    centre, other = make_centre(), make_centre()
    closed = _tuesday_offer(centre=centre)
    elsewhere = _tuesday_offer(centre=other)
    day = date(2026, 8, 4)
    ClosurePeriod.objects.create(
        kind=ClosureKind.CLOSURE,
        name="Betriebsferien",
        first_day=date(2026, 8, 3),
        last_day=date(2026, 8, 14),
        centre=centre,
    )
    assert closed.occurrences(day, day)[0].reason == "Betriebsferien"
    assert elsewhere.occurrences(day, day)[0].cancelled is False


def test_a_single_date_in_the_school_holidays_takes_place():
    offer = make_offer(not_in_school_holidays=True)
    offer.schedules.create(
        recurrence="single", date=AUTUMN_TUESDAY, start_time="10:00", end_time="12:00"
    )
    assert [item.cancelled for item in offer.occurrences(AUTUMN_TUESDAY, AUTUMN_TUESDAY)] == [False]


def test_the_calendar_feed_leaves_out_the_school_holidays_with_exdates(client):
    offer = _tuesday_offer(not_in_school_holidays=True, valid_until=date(2027, 9, 30))
    response = client.get(f"/de/angebote/kalender/angebot/{offer.slug}.ics")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    entries = event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]
    exdates = {moment.dt.date() for entry in entries for moment in entry.dts}
    assert AUTUMN_TUESDAY in exdates
    assert date(2027, 8, 3) in exdates  # summer holidays
    assert date(2026, 11, 3) not in exdates


def test_the_json_ld_names_the_school_holidays_as_exceptions(client, settings):
    offer = _tuesday_offer(not_in_school_holidays=True)
    body = client.get(offer.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', body, re.S).group(1))
    today = timezone.localdate()
    if today <= AUTUMN_TUESDAY <= today + timedelta(days=365):
        assert AUTUMN_TUESDAY.isoformat() in data["eventSchedule"][0]["exceptDate"]
    assert all(
        date.fromisoformat(day).weekday() == TUESDAY
        for day in data["eventSchedule"][0].get("exceptDate", [])
    )


def _at(day):
    moment = datetime.combine(day, datetime.min.time()).replace(hour=8)
    return timezone.make_aware(moment, timezone.get_default_timezone())


def test_lists_and_the_weekly_plan_say_cancelled_on_with_the_reason(client, monkeypatch):
    quarter = make_quarter()
    offer = _tuesday_offer(title="Hausaufgabenhilfe", quarter=quarter, not_in_school_holidays=True)
    monday = date(2026, 10, 26)
    monkeypatch.setattr(timezone, "localdate", lambda *args: monday)
    monkeypatch.setattr(timezone, "now", lambda: _at(monday))
    listing = client.get("/de/angebote/").content.decode()
    assert "Fällt aus am Di 27.10." in listing and "(Herbstferien)" in listing
    assert "03.11." in listing  # the next date that takes place
    plan = client.get(f"/de/angebote/wochenplan/{quarter.slug}/").content.decode()
    assert 'Fällt aus: <bdi dir="ltr">27.10.</bdi> (Herbstferien)' in plan
    page = client.get(quarter.get_absolute_url()).content.decode()
    assert "Fällt aus am Di 27.10." in page
    week = client.get(f"/de/angebote/diese-woche/?quarter={quarter.slug}").content.decode()
    assert "Herbstferien" in week
    assert offer.title in week


def test_the_weekly_plan_names_a_reason_once_for_its_neighbouring_dates(client, monkeypatch):
    """Two Tuesdays in the Christmas holidays read "29.12., 05.01. (Christmas holidays)", the
    reason once (after each date, a printed plan of December spilled onto a second page)."""
    quarter = make_quarter()
    _tuesday_offer(title="Hausaufgabenhilfe", quarter=quarter, not_in_school_holidays=True)
    mid_december = date(2026, 12, 15)
    monkeypatch.setattr(timezone, "localdate", lambda *args: mid_december)
    monkeypatch.setattr(timezone, "now", lambda: _at(mid_december))
    plan = client.get(f"/de/angebote/wochenplan/{quarter.slug}/").content.decode()
    dates = '<bdi dir="ltr">29.12.</bdi>, <bdi dir="ltr">05.01.</bdi>'
    assert f"Fällt aus: {dates} (Weihnachtsferien)" in plan
    assert plan.count("(Weihnachtsferien)") == 1


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message():
    period = ClosurePeriod(
        kind=ClosureKind.SCHOOL_HOLIDAYS,
        name="Ferien",
        first_day=date(2027, 1, 10),
        last_day=date(2027, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "last_day" in error.value.message_dict
