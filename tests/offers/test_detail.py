import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from offers.models import CostType, OfferState, Recurrence
from tests.factories import image_upload, make_centre, make_contact, make_quarter, make_site
from tests.offers.factories import make_language, make_offer, make_slot, make_target_group

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def offer():
    centre = make_centre(name="Quartierszentrum Böckingen", slug="boeckingen")
    site = make_site(centre, is_main=True, latitude="49.1400", longitude="9.1800")
    contact = make_contact(centre, name="Nora Beispiel", phone="07131 56-1167")
    offer = make_offer(
        title="Hausaufgabenhilfe",
        description="Erster Absatz.\n\n<script>alert(1)</script>",
        centre=centre,
        quarter=make_quarter(centre),
        site=site,
        contact=contact,
        min_age=6,
        max_age=12,
        registration_required=True,
        registration_note="Im Quartierszentrum",
        slots=[(2, "14:30", "16:00")],
        target_groups=[make_target_group(name="Kinder")],
        languages=[make_language("ar")],
        cancelled=[date(2025, 3, 12)],
    )
    make_slot(offer, Recurrence.MONTHLY, weekday=4, week_of_month=1)
    return offer


@time_machine.travel(datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN), tick=False)
def test_the_page_shows_details_next_dates_and_contact(client, offer):
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Hausaufgabenhilfe</h1>" in html
    assert "<p>Erster Absatz.</p>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="tel:+49713156-1167"' in html or 'href="tel:+497131561167"' in html
    assert "mailto:" in html
    assert "openstreetmap.org" in html
    assert "Anmeldung erforderlich" in html
    upcoming = response.context["upcoming"]
    assert upcoming[0].day == date(2025, 3, 12) and upcoming[0].cancelled
    assert upcoming[1].day == date(2025, 3, 19)
    assert date(2025, 4, 4) in [item.day for item in upcoming]  # 1st Friday of April
    assert reverse("offers:ical", kwargs={"kind": "angebot", "slug": offer.slug}) in html


@time_machine.travel(datetime(2025, 3, 10, 8, 0, tzinfo=BERLIN), tick=False)
def test_the_page_carries_schema_org_event_json_ld(client, offer):
    html = client.get(offer.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["postalCode"] == "74072"
    assert data["organizer"]["name"] == "Quartierszentrum Böckingen"
    schedules = data["eventSchedule"]
    assert schedules[0]["byDay"] == "https://schema.org/Wednesday"
    assert schedules[0]["repeatFrequency"] == "P1W"
    assert schedules[0]["exceptDate"] == ["2025-03-12"]
    assert {"repeatFrequency": "P1M", "byMonthWeek": 1}.items() <= schedules[1].items()
    assert data["isAccessibleForFree"] is True
    assert data["startDate"].startswith("2025-03-12T14:30:00+01:00")


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, offer):
    offer.title = "</script><script>alert(1)</script>"
    offer.save()
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html


def test_a_paused_offer_says_so_and_an_ended_or_draft_one_is_not_found(client, offer):
    offer.state = OfferState.PAUSED
    offer.save()
    assert "pausiert" in client.get(offer.get_absolute_url()).content.decode()
    offer.state = OfferState.ENDED
    offer.save()
    assert client.get(offer.get_absolute_url()).status_code == 404
    draft = make_offer(publication_status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_a_404(client):
    assert client.get("/de/angebote/gibt-es-nicht/").status_code == 404


def test_a_german_only_text_is_marked_lang_de_on_the_arabic_page(client, offer):
    html = client.get(f"/ar/angebote/{offer.slug}/").content.decode()
    assert '<h1 lang="de">Hausaufgabenhilfe</h1>' in html
    offer.title_ar = "المساعدة في الواجبات"
    offer.save()
    html = client.get(f"/ar/angebote/{offer.slug}/").content.decode()
    assert "<h1>المساعدة في الواجبات</h1>" in html


def test_an_image_is_shown_as_a_rendition_with_alt_text(client, offer):
    offer.image = image_upload()
    offer.image_alt = "Kinder am Tisch"
    offer.save()
    html = client.get(offer.get_absolute_url()).content.decode()
    assert 'alt="Kinder am Tisch"' in html
    assert re.search(r'src="/media/offers/[^"]+\.png\.480x270[^"]*\.webp"', html)


def test_cost_is_shown_as_an_amount(client, offer):
    offer.cost_type = CostType.AMOUNT
    offer.cost_amount = "2.50"
    offer.save()
    assert "2,50 €" in client.get(offer.get_absolute_url()).content.decode()
