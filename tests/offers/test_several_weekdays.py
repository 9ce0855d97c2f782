"""One time slot on several weekdays (Monday, Wednesday and Friday at 9:00) — everywhere a slot
shows up: the label, the dates, the weekday filter, the weekly plan, iCal, JSON-LD and HSDS; the
admin's checkboxes and its live preview of the next ten dates (the migration of old slots:
tests/foundation/test_migration_journey.py)."""

import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from offers.models import Recurrence, Weekday
from staff.permissions import EDITORS
from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_offer, make_slot
from tests.translations.conftest import change_form_data, make_staff

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
MON_WED_FRI = "024"


@pytest.fixture
def redaktion(db):
    return make_staff("redaktion", EDITORS)


@pytest.fixture
def quarter():
    return make_quarter(make_centre(name="Quartierszentrum Böckingen"), slug="boeckingen")


@pytest.fixture
def offer(quarter):
    offer = make_offer(title="Frühsport", quarter=quarter, valid_from=date(2025, 3, 3))
    make_slot(offer, weekdays=MON_WED_FRI, start_time="09:00", end_time="10:00")
    return offer


def test_a_slot_on_three_days_says_so_and_sorts_by_its_first_day(offer):
    slot = offer.schedules.get()
    assert slot.days == [0, 2, 4]
    assert slot.weekday == Weekday.MONDAY
    assert slot.label == "Wöchentlich: Montag, Mittwoch und Freitag, 09:00–10:00 Uhr"


def test_a_slot_made_for_one_weekday_as_before_keeps_working():
    slot = make_slot(make_offer(), weekday=Weekday.TUESDAY)
    assert slot.weekdays == "1"
    assert slot.label.startswith("Wöchentlich: Dienstag,")


def test_the_dates_fall_on_each_of_the_days(offer):
    found = offer.occurrences(date(2025, 3, 3), date(2025, 3, 9))
    assert [item.day for item in found] == [date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 7)]


def test_every_second_week_on_two_days_counts_from_the_first_date():
    offer = make_offer(valid_from=date(2025, 3, 1))
    make_slot(offer, weekdays="13", interval=2, date=date(2025, 3, 4))
    found = offer.occurrences(date(2025, 3, 1), date(2025, 3, 23))
    assert [item.day.day for item in found] == [4, 6, 18, 20]


def test_the_weekday_filter_finds_the_slot_on_each_of_its_days(client, offer):
    make_offer(title="Dienstagstreff", slots=[(1, "09:00", "10:00")])
    for day, expected in [(0, {"Frühsport"}), (2, {"Frühsport"}), (1, {"Dienstagstreff"})]:
        response = client.get(reverse("offers:list"), {"weekday": day})
        titles = {offer.title for offer in response.context["page"].object_list}
        assert titles == expected, day


def test_the_weekly_plan_shows_the_slot_in_each_days_column(client, offer):
    response = client.get(reverse("offers:weekly-plan", kwargs={"slug": "boeckingen"}))
    columns = dict(response.context["columns"])
    with_offer = {day for day, entries in columns.items() if entries}
    assert with_offer == {Weekday.MONDAY, Weekday.WEDNESDAY, Weekday.FRIDAY}


def test_the_calendar_has_one_event_with_all_days_and_cancellations_on_any_of_them(client, offer):
    offer.cancellations.create(date=date(2025, 3, 5), reason="Ferien")
    offer.cancellations.create(date=date(2025, 3, 6), reason="Ein Donnerstag")
    response = client.get(reverse("offers:ical", kwargs={"kind": "angebot", "slug": offer.slug}))
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert event.decoded("DTSTART").date() == date(2025, 3, 3)
    exdates = {item.dt.date() for item in event["EXDATE"].dts}
    assert date(2025, 3, 5) in exdates
    assert date(2025, 3, 6) not in exdates


def test_monthly_on_two_days_is_the_nth_of_each():
    offer = make_offer(valid_from=date(2025, 3, 1))
    slot = make_slot(offer, Recurrence.MONTHLY, weekdays="13", week_of_month=2)
    found = offer.occurrences(date(2025, 3, 1), date(2025, 3, 31))
    assert [item.day for item in found] == [date(2025, 3, 11), date(2025, 3, 13)]
    assert "Dienstag und Donnerstag" in slot.label


@time_machine.travel(datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN), tick=False)
def test_json_ld_and_hsds_name_every_day(client, offer):
    html = client.get(offer.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    schedule = json.loads(raw)["eventSchedule"][0]
    assert schedule["byDay"] == [
        "https://schema.org/Monday",
        "https://schema.org/Wednesday",
        "https://schema.org/Friday",
    ]
    service = client.get(reverse("hsds:service", kwargs={"uid": offer.uid})).json()
    assert service["schedules"][0]["byday"] == "MO,WE,FR"


def _admin_post(client, offer, **slot):
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = change_form_data(client.get(url))
    data |= {
        "schedules-TOTAL_FORMS": "1",
        "schedules-0-recurrence": Recurrence.WEEKLY,
        "schedules-0-interval": "1",
        "schedules-0-start_time": "09:00",
        "schedules-0-end_time": "10:00",
    }
    data |= {f"schedules-0-{name}": value for name, value in slot.items()}
    return url, data


def test_the_editor_ticks_several_days_in_one_row(client, redaktion):
    offer = make_offer()
    client.force_login(redaktion)
    url, data = _admin_post(client, offer, weekdays=["0", "2", "4"])
    assert client.post(url, data).status_code == 302
    assert offer.schedules.get().weekdays == MON_WED_FRI
    page = client.get(url).content.decode()
    ticked = re.findall(r'name="schedules-0-weekdays" value="(\d)"[^>]*checked', page)
    assert ticked == ["0", "2", "4"]


def test_a_weekly_row_without_any_day_is_refused(client, redaktion):
    offer = make_offer()
    client.force_login(redaktion)
    url, data = _admin_post(client, offer)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "mindestens einen Wochentag" in response.content.decode()
    assert not offer.schedules.exists()


def _monday_in_a_week():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


# Ten dates from a week on without a public holiday among them (from early December on,
# Christmas Day would be one, cancelled as such).
@time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")), tick=False)
def test_the_live_preview_shows_the_unsaved_slots_and_saves_nothing(client, redaktion):
    offer = make_offer()
    client.force_login(redaktion)
    url, data = _admin_post(client, offer, weekdays=["0", "2", "4"])
    monday = _monday_in_a_week()
    data |= {
        "cancellations-TOTAL_FORMS": "1",
        "cancellations-0-date": monday.strftime("%d.%m.%Y"),
        "cancellations-0-reason_de": "Teamtag",
    }
    preview = reverse("admin:offers_offer_preview_dates") + f"?offer={offer.pk}"
    response = client.post(preview, data)
    assert response.status_code == 200
    dates = response.json()["dates"]
    assert len(dates) == 10
    assert {item["text"][:2] for item in dates} == {"Mo", "Mi", "Fr"}
    cancelled = [item["text"] for item in dates if item["cancelled"]]
    assert cancelled == [f"Mo, {monday:%d.%m.%Y}, 09:00–10:00 – fällt aus (Teamtag)"]
    assert not offer.schedules.exists() and not offer.cancellations.exists()


def test_the_live_preview_names_a_contradictory_row_instead_of_failing(client, redaktion):
    offer = make_offer()
    client.force_login(redaktion)
    url, data = _admin_post(client, offer, weekdays=["1"], interval="2")  # no first date
    preview = reverse("admin:offers_offer_preview_dates") + f"?offer={offer.pk}"
    body = client.post(preview, data).json()
    assert body["dates"] == []
    assert body["problems"] == ["Termin 1 ist unvollständig oder widersprüchlich."]
    assert body["message"].startswith("Keine Termine")


def test_the_live_preview_works_on_a_new_activity_and_only_for_staff(client, redaktion):
    client.force_login(redaktion)
    data = {
        "schedules-TOTAL_FORMS": "1",
        "schedules-INITIAL_FORMS": "0",
        "schedules-0-recurrence": Recurrence.SINGLE,
        "schedules-0-date": (_monday_in_a_week()).isoformat(),
        "schedules-0-interval": "1",
        "schedules-0-start_time": "18:00",
        "schedules-0-end_time": "20:00",
        "cancellations-TOTAL_FORMS": "0",
        "cancellations-INITIAL_FORMS": "0",
    }
    preview = reverse("admin:offers_offer_preview_dates")
    assert len(client.post(preview, data).json()["dates"]) == 1
    assert client.post(preview, {"schedules-TOTAL_FORMS": "x"}).status_code == 400
    assert client.get(preview).status_code == 405
    client.logout()
    assert client.post(preview, data).status_code == 302  # to the login


def test_the_form_loads_the_preview_script_from_a_file(client, redaktion, offer):
    client.force_login(redaktion)
    page = client.get(reverse("admin:offers_offer_change", args=[offer.pk])).content.decode()
    assert "offers/upcoming-dates.js" in page
    assert 'data-preview-url="/admin/offers/offer/preview-dates/?offer=' in page
