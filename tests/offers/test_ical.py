from datetime import date, datetime, time

import pytest
from django.urls import reverse
from icalendar import Calendar

from offers.models import Recurrence
from offers.schedule import is_public_holiday
from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_offer, make_slot, make_target_group

pytestmark = pytest.mark.django_db


def _calendar(client, kind, slug):
    response = client.get(reverse("offers:ical", kwargs={"kind": kind, "slug": slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def offer():
    offer = make_offer(
        title="Sprachcafé",
        slots=[(3, "10:00", "11:30")],
        cancelled=[date(2025, 3, 13), date(2025, 3, 20)],
        valid_from=date(2025, 3, 3),
    )
    make_slot(offer, Recurrence.MONTHLY, weekday=4, week_of_month=1, start_time="17:00")
    return offer


def test_an_offer_exports_as_rrule_with_exdates_and_a_vtimezone(client, offer):
    calendar = _calendar(client, "angebot", offer.slug)
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Berlin"]
    weekly, monthly = calendar.walk("VEVENT")
    assert weekly["RRULE"]["FREQ"] == ["WEEKLY"]
    assert weekly["RRULE"]["BYDAY"] == ["TH"]
    start = weekly.decoded("DTSTART")
    assert (start.date(), start.time()) == (date(2025, 3, 6), time(10, 0))
    assert str(start.tzinfo) in {"Europe/Berlin"} or start.tzinfo.key == "Europe/Berlin"
    exdates = [item.dt.date() for item in weekly["EXDATE"].dts]
    cancelled = [date(2025, 3, 13), date(2025, 3, 20)]
    assert exdates[:2] == cancelled
    # The rest are public holidays in Baden-Württemberg on a Thursday (Ascension, 25 December …).
    assert all(is_public_holiday(day) and day.weekday() == 3 for day in exdates[2:])
    assert monthly["RRULE"]["BYDAY"] == ["1FR"]
    assert monthly.decoded("DTSTART").date() == date(2025, 3, 7)
    # Cancellations fall on Thursdays only; a first Friday that is a holiday (1 January 2027).
    monthly_dts = monthly["EXDATE"].dts if "EXDATE" in monthly else []
    monthly_exdates = [item.dt.date() for item in monthly_dts]
    assert all(is_public_holiday(day) and day.day <= 7 for day in monthly_exdates)


def test_uids_are_stable_between_exports(client, offer):
    first = [str(e["UID"]) for e in _calendar(client, "angebot", offer.slug).walk("VEVENT")]
    offer.title = "Neuer Titel"
    offer.save()
    second = [str(e["UID"]) for e in _calendar(client, "angebot", offer.slug).walk("VEVENT")]
    assert first == second
    assert len(set(first)) == 2


def test_a_single_date_has_no_rrule_and_a_cancelled_one_is_marked(client):
    offer = make_offer(cancelled=[date(2025, 5, 3)])
    make_slot(offer, Recurrence.SINGLE, date=date(2025, 5, 3))
    (event,) = _calendar(client, "angebot", offer.slug).walk("VEVENT")
    assert "RRULE" not in event
    assert event.decoded("DTSTART").date() == date(2025, 5, 3)
    assert str(event["STATUS"]) == "CANCELLED"


def test_valid_until_ends_the_series(client):
    from datetime import timedelta

    from django.utils import timezone

    last_day = timezone.localdate() + timedelta(days=60)
    offer = make_offer(slots=[(0, "10:00", "11:00")], valid_until=last_day)
    (event,) = _calendar(client, "angebot", offer.slug).walk("VEVENT")
    until = event["RRULE"]["UNTIL"][0]
    assert until.date() == last_day


def test_feeds_for_a_quarter_a_centre_and_a_target_group_hold_only_their_offers(client):
    centre = make_centre(slug="boeckingen")
    quarter = make_quarter(centre, slug="boeckingen")
    group = make_target_group(slug="kinder")
    mine = make_offer(
        title="Meins",
        centre=centre,
        quarter=quarter,
        target_groups=[group],
        slots=[(1, "15:00", "16:00")],
    )
    make_offer(title="Anderes", slots=[(1, "15:00", "16:00")])
    make_offer(
        title="Entwurf", publication_status="draft", quarter=quarter, slots=[(1, "15:00", "16:00")]
    )
    for kind, slug in [
        ("quartier", "boeckingen"),
        ("zentrum", "boeckingen"),
        ("zielgruppe", "kinder"),
    ]:
        events = _calendar(client, kind, slug).walk("VEVENT")
        assert [str(e["SUMMARY"]) for e in events] == ["Meins"], kind
    assert mine.pk


@pytest.mark.parametrize(
    "url",
    [
        "/de/angebote/kalender/irgendwas/boeckingen.ics",
        "/de/angebote/kalender/quartier/gibt-es-nicht.ics",
        "/de/angebote/kalender/angebot/gibt-es-nicht.ics",
        "/de/angebote/kalender/zielgruppe/gibt-es-nicht.ics",
    ],
)
def test_unknown_feeds_are_404(client, url):
    assert client.get(url).status_code == 404


def test_datetimes_in_the_feed_are_local_wall_clock_times(client):
    offer = make_offer(slots=[(0, "09:00", "10:00")], valid_from=date(2025, 7, 7))
    body = client.get(
        reverse("offers:ical", kwargs={"kind": "angebot", "slug": offer.slug})
    ).content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20250707T090000" in body
    assert datetime(2025, 7, 7).weekday() == 0
