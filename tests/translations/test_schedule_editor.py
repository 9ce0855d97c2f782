"""The schedule editor in the offer's admin form: refused contradictions and a date preview."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Cancellation, Recurrence, Weekday
from tests.offers.factories import make_offer, make_slot
from tests.translations.conftest import change_form_data

pytestmark = pytest.mark.django_db


def _post_with_slot(client, offer, **slot):
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = change_form_data(client.get(url))
    data |= {
        "schedules-TOTAL_FORMS": "1",
        "schedules-0-recurrence": Recurrence.WEEKLY,
        "schedules-0-weekdays": [str(Weekday.TUESDAY)],
        "schedules-0-interval": "1",
        "schedules-0-start_time": "15:00",
        "schedules-0-end_time": "17:00",
    }
    data |= {f"schedules-0-{name}": value for name, value in slot.items()}
    return client.post(url, data)


def _errors(response):
    return [form.errors for form in response.context["inline_admin_formsets"][0].formset.forms]


def test_every_two_weeks_without_a_first_date_is_refused_in_plain_german(client, redaktion):
    offer = make_offer()
    client.force_login(redaktion)
    response = _post_with_slot(client, offer, interval="2")
    assert response.status_code == 200
    assert "bitte das Datum des ersten Termins" in str(_errors(response))
    assert not offer.schedules.exists()


def test_every_two_weeks_with_a_first_date_is_saved_and_previewed(client, redaktion):
    offer = make_offer(valid_from=date(2024, 1, 1))
    client.force_login(redaktion)
    first = timezone.localdate() + timedelta(days=(1 - timezone.localdate().weekday()) % 7)
    response = _post_with_slot(client, offer, interval="2", date=first.isoformat())
    assert response.status_code == 302
    page = client.get(reverse("admin:offers_offer_change", args=[offer.pk])).content.decode()
    assert "Die nächsten zehn Termine" in page
    preview = page.split('class="upcoming-dates"')[1].split("</ol>")[0]
    assert preview.count("<li") == 10
    assert first.strftime("%d.%m.%Y") in preview
    assert (first + timedelta(days=7)).strftime("%d.%m.%Y") not in preview
    assert (first + timedelta(days=14)).strftime("%d.%m.%Y") in preview


@pytest.mark.parametrize(
    ("slot", "field"),
    [
        ({"interval": "2", "recurrence": Recurrence.MONTHLY, "week_of_month": "2"}, "interval"),
        ({"week_of_month": "2"}, "week_of_month"),
        ({"date": "2026-06-03"}, "date"),  # a Wednesday for a Tuesday slot
        ({"start_time": "17:00", "end_time": "15:00"}, "end_time"),
    ],
)
def test_contradictory_slots_are_refused_with_a_message_at_the_field(
    client, redaktion, slot, field
):
    offer = make_offer()
    client.force_login(redaktion)
    response = _post_with_slot(client, offer, **slot)
    assert response.status_code == 200
    assert field in _errors(response)[0]


def test_a_cancelled_range_takes_out_every_date_inside_it():
    offer = make_offer(valid_from=date(2026, 1, 1))
    make_slot(offer, weekday=Weekday.TUESDAY)
    Cancellation.objects.create(
        offer=offer, date=date(2026, 8, 1), end_date=date(2026, 8, 31), reason="Sommerferien"
    )
    found = offer.occurrences(date(2026, 7, 27), date(2026, 9, 5))
    cancelled = [item.day for item in found if item.cancelled]
    held = [item.day for item in found if not item.cancelled]
    assert cancelled == [date(2026, 8, d) for d in (4, 11, 18, 25)]
    assert held == [date(2026, 7, 28), date(2026, 9, 1)]


def test_a_cancelled_range_ending_before_it_starts_is_refused(client, redaktion):
    offer = make_offer()
    client.force_login(redaktion)
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = change_form_data(client.get(url))
    data |= {
        "cancellations-TOTAL_FORMS": "1",
        "cancellations-0-date": "2026-08-31",
        "cancellations-0-end_date": "2026-08-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert not offer.cancellations.exists()
