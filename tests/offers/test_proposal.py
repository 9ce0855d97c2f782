import pytest
from django.core.cache import cache
from django.urls import reverse

from offers.models import Offer
from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_target_group

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _data(**overrides):
    return {
        "name": "Aylin Beispiel",
        "contact": "aylin@example.org",
        "title": "Spieleabend für Familien",
        "description": "Brettspiele für Groß und Klein.",
        "when": "jeden zweiten Freitag 18:00–20:00",
        "where": "Gemeinschaftsraum",
        "website_url": "",
    } | overrides


def test_the_form_page_shows_every_field_with_a_label(client):
    html = client.get(reverse("offers:propose")).content.decode()
    for name in ["name", "contact", "title", "description", "when", "where", "quarter"]:
        assert f'for="id_{name}"' in html
    assert "Mit * markierte Felder sind Pflichtfelder." in html


def test_a_suggestion_arrives_as_an_unpublished_draft_with_the_residents_details(client):
    quarter = make_quarter(make_centre())
    group = make_target_group()
    response = client.post(
        reverse("offers:propose"),
        _data(quarter=quarter.pk, target_groups=[group.pk]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:propose-thanks")
    offer = Offer.objects.get()
    assert offer.publication_status == PublicationStatus.DRAFT
    assert offer.is_proposal
    assert offer.title_de == "Spieleabend für Familien"
    assert offer.proposer_name == "Aylin Beispiel"
    assert offer.proposer_contact == "aylin@example.org"
    assert "jeden zweiten Freitag" in offer.proposal_details
    assert offer.quarter == quarter and offer.centre == quarter.centre
    assert list(offer.target_groups.all()) == [group]
    assert not Offer.objects.published().exists()
    thanks = client.get(response["Location"]).content.decode()
    assert "Vielen Dank! Ihr Vorschlag wurde gesendet." in thanks


def test_an_error_keeps_everything_the_resident_typed(client):
    response = client.post(reverse("offers:propose"), _data(name="", when=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte korrigieren Sie die markierten Angaben." in html
    assert 'value="aylin@example.org"' in html
    assert 'value="Spieleabend für Familien"' in html
    assert "Brettspiele für Groß und Klein." in html
    assert 'href="#id_name"' in html
    assert 'aria-invalid="true"' in html
    assert not Offer.objects.exists()


def test_the_honeypot_silently_drops_bots(client):
    response = client.post(reverse("offers:propose"), _data(website_url="http://spam.example"))
    assert response.status_code == 302
    assert not Offer.objects.exists()


def test_too_many_suggestions_from_one_address_are_refused_but_keep_the_input(client, settings):
    settings.OFFER_PROPOSAL_RATE_LIMIT = "2/h"
    for _ in range(2):
        assert client.post(reverse("offers:propose"), _data()).status_code == 302
    response = client.post(reverse("offers:propose"), _data(title="Dritter Versuch"))
    assert response.status_code == 429
    assert 'value="Dritter Versuch"' in response.content.decode()
    assert Offer.objects.count() == 2
    other = client.post(reverse("offers:propose"), _data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_the_rate_limit_can_be_switched_off(client, settings):
    settings.OFFER_PROPOSAL_RATE_LIMIT = "off"
    for _ in range(4):
        assert client.post(reverse("offers:propose"), _data()).status_code == 302
    assert Offer.objects.count() == 4


def test_the_cache_never_holds_the_ip_address(client, settings):
    settings.OFFER_PROPOSAL_RATE_LIMIT = "5/h"
    client.post(reverse("offers:propose"), _data(), REMOTE_ADDR="203.0.113.77")
    from django.core.cache.backends.locmem import _caches

    stored = repr([(key, value) for store in _caches.values() for key, value in store.items()])
    assert "203.0.113.77" not in stored


def test_absurd_input_is_a_form_error_not_a_500(client):
    response = client.post(
        reverse("offers:propose"),
        _data(title="x" * 5000, quarter="abc", target_groups=["999999"], description="\x00"),
    )
    assert response.status_code == 200
    assert not Offer.objects.exists()


def test_a_get_never_creates_anything(client):
    client.get(reverse("offers:propose"), _data())
    assert not Offer.objects.exists()
