"""The weekly plan for the fridge names each entry's place, the places' addresses, phone and
opening hours, the date it was printed and a QR code to the live page; in two languages if asked."""

from datetime import date

import pytest
from django.utils import timezone

from tests.factories import make_centre, make_contact, make_quarter, make_site
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 11, 23))
    centre = make_centre(name="Quartierszentrum Böckingen")
    quarter = make_quarter(centre=centre, slug="boeckingen-plan")
    main = make_site(
        centre,
        name="Quartierszentrum Böckingen",
        is_main=True,
        street="Ludwigsburger Straße 18",
        opening_hours="Mo–Do 09:00–16:00",
        quarter=quarter,
    )
    make_contact(centre, phone="07131 56-2731")
    make_offer(
        slots=[(0, "14:30", "16:00")],
        title="Hausaufgabenhilfe",
        title_tr="Ödev yardımı",
        centre=centre,
        site=main,
    )
    return quarter


def test_the_plan_shows_place_address_phone_hours_date_and_qr_code(client, quarter):
    html = client.get(f"/de/angebote/wochenplan/{quarter.slug}/").content.decode()
    assert "Ludwigsburger Straße 18" in html
    assert 'href="tel:+49713156273' in html and "07131 56-2731" in html
    assert "Öffnungszeiten: Mo–Do 09:00–16:00" in html
    assert "Stand: 23.11.2026" in html
    assert 'class="plan-qr"' in html and 'src="data:image/svg+xml' in html
    assert '<span class="plan-mark"' in html  # the entry names its place by its letter


def test_the_plan_can_be_printed_in_german_and_turkish(client, quarter):
    html = client.get(
        f"/de/angebote/wochenplan/{quarter.slug}/", {"zweitsprache": "tr"}
    ).content.decode()
    assert "Hausaufgabenhilfe" in html
    assert '<span class="plan-second" lang="tr" dir="ltr">Ödev yardımı</span>' in html
    assert '<span class="plan-second" lang="tr" dir="ltr">Pazartesi</span>' in html


def test_an_unknown_second_language_is_refused_with_a_message_not_an_error(client, quarter):
    response = client.get(f"/de/angebote/wochenplan/{quarter.slug}/", {"zweitsprache": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hausaufgabenhilfe" in html and 'class="plan-second"' not in html
    assert "invalid-feedback" in html
