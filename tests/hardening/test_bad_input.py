"""Issue 17: a visitor's bad input is answered 400 in their language, never "database down"."""

import json
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/ar/angebote/?q=%00", 200),
        ("/ar/angebote/?quarter=a%00b&category=%00", 200),
        ("/ar/angebote/diese-woche/?quarter=%00", 200),
        ("/ar/quartiere/?quarter=%00", 200),
        ("/api/hsds/services?page=%00", 404),
    ],
)
def test_a_nul_byte_in_a_filter_is_validated_away_before_any_query(client, address, status):
    """On PostgreSQL a NUL byte reaching a query is a DataError; run this file there too."""
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == status
    assert "Retry-After" not in response
    assert "Traceback" not in response.content.decode()


def test_a_nul_byte_in_a_posted_form_is_a_form_error_that_keeps_the_text(client):
    response = client.post(
        reverse("offers:propose"), {"title": "Spieleabend", "description": "Brett\x00spiele"}
    )
    assert response.status_code == 200
    assert "Spieleabend" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.foundation.failing_urls", DEBUG=False)
def test_a_value_the_database_refuses_is_a_400_not_an_outage(client):
    client.raise_request_exception = False
    response = client.get("/tr/data-error/")
    assert response.status_code == 400
    assert "Retry-After" not in response
    html = response.content.decode()
    assert '<html lang="tr"' in html and "varying" not in html


@pytest.fixture
def messy_offer():
    return make_offer(
        title="Kochen\r\nX-INJECTED:1 für\x07 alle",
        summary="Erste Zeile\nzweite\x01 Zeile\x1b[31m",  # PostgreSQL refuses NUL itself
        venue_name="Raum\n2",
        slots=[(1, "10:00", "11:00")],
    )


def test_a_line_break_in_an_offer_title_does_not_break_its_calendar_feed(client, messy_offer):
    response = client.get(
        reverse("offers:ical", kwargs={"kind": "angebot", "slug": messy_offer.slug})
    )
    assert response.status_code == 200
    assert b"\r\nX-INJECTED" not in response.content
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", response.content)
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Kochen X-INJECTED:1 für alle"
    assert str(event["DESCRIPTION"]) == "Erste Zeile\nzweite Zeile[31m"
    assert str(event["LOCATION"]).startswith("Raum 2")
    calendar = Calendar.from_ical(response.content)
    assert "\n" not in str(calendar["X-WR-CALNAME"])


def test_the_csv_export_holds_no_control_characters(client, messy_offer):
    body = client.get(reverse("offers:csv")).content.decode()
    assert "Kochen\r\nX-INJECTED:1 für alle" in body or "Kochen\nX-INJECTED:1 für alle" in body
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", body)


def test_the_json_ld_of_an_offer_holds_its_title_on_one_line(client, messy_offer):
    html = client.get(messy_offer.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(script.group(1))
    assert data["name"] == "Kochen X-INJECTED:1 für alle"
    assert "\x1b" not in data["description"] and "\x01" not in data["description"]
