from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from offers.models import Recurrence
from offers.schedule import describe_slot, occurrences_for
from tests.offers.factories import make_offer, make_slot

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def _days(occurrences):
    return [item.day for item in occurrences]


def test_a_weekly_slot_occurs_on_its_weekday_in_berlin_time():
    offer = make_offer(slots=[(1, "15:00", "17:00")])
    found = occurrences_for(offer, date(2025, 3, 24), date(2025, 4, 6))
    assert _days(found) == [date(2025, 3, 25), date(2025, 4, 1)]
    # Summer time starts on 30 March: both are 15:00 on the wall clock.
    assert [item.start.astimezone(BERLIN).hour for item in found] == [15, 15]
    assert found[0].end - found[0].start == (datetime(2025, 1, 1, 17) - datetime(2025, 1, 1, 15))


def test_a_monthly_slot_occurs_on_the_nth_weekday():
    offer = make_offer()
    make_slot(offer, Recurrence.MONTHLY, weekday=4, week_of_month=1)  # 1st Friday
    found = occurrences_for(offer, date(2025, 1, 1), date(2025, 3, 31))
    assert _days(found) == [date(2025, 1, 3), date(2025, 2, 7), date(2025, 3, 7)]


def test_a_monthly_slot_can_be_the_last_weekday_of_the_month():
    offer = make_offer()
    make_slot(offer, Recurrence.MONTHLY, weekday=5, week_of_month=-1)  # last Saturday
    found = occurrences_for(offer, date(2025, 1, 1), date(2025, 2, 28))
    assert _days(found) == [date(2025, 1, 25), date(2025, 2, 22)]


def test_a_single_date_occurs_once_and_gets_its_weekday():
    offer = make_offer()
    slot = make_slot(offer, Recurrence.SINGLE, date=date(2025, 5, 3))
    assert slot.weekday == 5
    assert _days(occurrences_for(offer, date(2025, 5, 1), date(2025, 5, 31))) == [date(2025, 5, 3)]
    assert occurrences_for(offer, date(2025, 6, 1), date(2025, 6, 30)) == []


def test_cancelled_dates_are_marked_not_dropped():
    offer = make_offer(slots=[(2, "14:30", "16:00")], cancelled=[date(2025, 3, 12)])
    found = occurrences_for(offer, date(2025, 3, 10), date(2025, 3, 23))
    assert [(item.day, item.cancelled) for item in found] == [
        (date(2025, 3, 12), True),
        (date(2025, 3, 19), False),
    ]
    assert found[0].reason == "Ferien"


def test_nothing_occurs_outside_valid_from_and_valid_until():
    offer = make_offer(
        slots=[(0, "10:00", "11:00")], valid_from=date(2025, 3, 10), valid_until=date(2025, 3, 17)
    )
    found = occurrences_for(offer, date(2025, 3, 1), date(2025, 3, 31))
    assert _days(found) == [date(2025, 3, 10), date(2025, 3, 17)]


def test_every_two_weeks_skips_a_week():
    offer = make_offer(valid_from=date(2025, 3, 3))
    make_slot(offer, weekday=0, interval=2)
    found = occurrences_for(offer, date(2025, 3, 1), date(2025, 3, 31))
    assert _days(found) == [date(2025, 3, 3), date(2025, 3, 17), date(2025, 3, 31)]


def test_slots_describe_themselves_in_the_page_language(settings):
    from django.utils import translation

    offer = make_offer()
    weekly = make_slot(offer, weekday=1, start_time="15:00", end_time="17:00")
    monthly = make_slot(offer, Recurrence.MONTHLY, weekday=4, week_of_month=1)
    with translation.override("de"):
        assert describe_slot(weekly) == "Wöchentlich: Dienstag, 15:00–17:00 Uhr"
        assert "Freitag" in describe_slot(monthly)
    with translation.override("en"):
        assert describe_slot(weekly) == "Weekly: Tuesday, 15:00–17:00"


@time_machine.travel(datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN), tick=False)
def test_this_week_lists_seven_days_with_monthly_dates_and_cancellations(client):
    weekly = make_offer(
        title="Hausaufgabenhilfe", slots=[(2, "14:30", "16:00")], cancelled=[date(2025, 3, 12)]
    )
    monthly = make_offer(title="Repair-Café")
    make_slot(monthly, Recurrence.MONTHLY, weekday=5, week_of_month=2)  # 2nd Saturday: 8 March
    make_offer(title="Entwurf", publication_status="draft", slots=[(0, "10:00", "11:00")])
    response = client.get(reverse("offers:this-week"))
    assert response.status_code == 200
    days = response.context["days"]
    assert [day for day, _items in days][0] == date(2025, 3, 10)
    assert len(days) == 7
    entries = {(item.offer.title, item.day, item.cancelled) for _d, items in days for item in items}
    assert entries == {("Hausaufgabenhilfe", date(2025, 3, 12), True)}
    # The 2nd Saturday of April is outside the window; in the next week it shows up.
    assert monthly.occurrences(date(2025, 4, 7), date(2025, 4, 13))[0].day == date(2025, 4, 12)
    assert "Hausaufgabenhilfe" in response.content.decode()
    assert weekly.pk


def test_this_week_can_be_narrowed_to_a_neighbourhood_and_ignores_unknown_ones(client):
    from tests.factories import make_quarter

    quarter = make_quarter()
    make_offer(
        title="Im Quartier", quarter=quarter, slots=[(d, "10:00", "11:00") for d in range(7)]
    )
    make_offer(title="Anderswo", slots=[(d, "10:00", "11:00") for d in range(7)])
    response = client.get(reverse("offers:this-week"), {"quarter": quarter.slug})
    assert "Im Quartier" in response.content.decode()
    assert "Anderswo" not in response.content.decode()
    response = client.get(reverse("offers:this-week"), {"quarter": "gibt-es-nicht" * 50})
    assert response.status_code == 200
    assert "Im Quartier" not in response.content.decode()
