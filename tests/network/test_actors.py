import json
import re

import pytest
from django.urls import reverse

from network.models import ActorKind
from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter, make_site
from tests.network.factories import make_actor
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def boeckingen():
    centre = make_centre(name="Quartierszentrum Böckingen", slug="qz-boeckingen")
    return make_quarter(centre, name="Böckingen", slug="boeckingen")


def test_the_quarter_page_lists_the_published_actors_active_there(client, boeckingen):
    make_actor([boeckingen], name="TSV Böckingen", kind=ActorKind.CLUB)
    make_actor([boeckingen], name="Geheimer Entwurf", publication_status=PublicationStatus.DRAFT)
    make_actor([make_quarter()], name="Verein anderswo")
    html = client.get(boeckingen.get_absolute_url()).content.decode()
    assert "TSV Böckingen" in html
    assert "Geheimer Entwurf" not in html
    assert "Verein anderswo" not in html
    assert reverse("network:actor-register") in html


def test_the_actor_list_of_a_quarter_filters_by_kind_and_text(client, boeckingen):
    make_actor([boeckingen], name="TSV Böckingen", kind=ActorKind.CLUB)
    make_actor([boeckingen], name="Pfarrei St. Pankratius", kind=ActorKind.PARISH)
    make_actor([make_quarter()], name="Schachclub Süd", kind=ActorKind.CLUB)
    url = reverse("network:quarter-actors", kwargs={"slug": "boeckingen"})
    html = client.get(url).content.decode()
    assert "TSV Böckingen" in html and "Pfarrei St. Pankratius" in html
    assert "Schachclub Süd" not in html
    clubs = client.get(url, {"kind": "club"}).content.decode()
    assert "TSV Böckingen" in clubs and "Pfarrei" not in clubs
    found = client.get(reverse("network:actor-list"), {"q": "schach"}).content.decode()
    assert "Schachclub Süd" in found and "TSV" not in found


def test_an_unknown_filter_value_gives_an_empty_list_not_an_error(client):
    make_actor(name="TSV Böckingen")
    response = client.get(reverse("network:actor-list"), {"kind": "<script>"})
    assert response.status_code == 200
    assert "TSV Böckingen" not in response.content.decode()


def test_the_actor_page_shows_its_published_offers_and_contact(client, boeckingen):
    actor = make_actor(
        [boeckingen],
        name="Moscheeverein Böckingen",
        kind=ActorKind.ASSOCIATION,
        contact_name="Ayşe Demir",
        phone="07131 123456",
        languages="de,tr,ar",
    )
    make_offer(title="Hausaufgabenhilfe", actor=actor)
    make_offer(title="Noch ein Entwurf", actor=actor, publication_status=PublicationStatus.DRAFT)
    html = client.get(actor.get_absolute_url()).content.decode()
    assert "Hausaufgabenhilfe" in html
    assert "Noch ein Entwurf" not in html
    assert "Ayşe Demir" in html
    assert "Türkisch" in html and "Arabisch" in html


def test_a_draft_actor_is_not_found_by_residents(client):
    actor = make_actor(publication_status=PublicationStatus.DRAFT)
    assert client.get(actor.get_absolute_url()).status_code == 404


def test_the_actor_page_describes_an_organization_for_search_engines(client, boeckingen):
    actor = make_actor([boeckingen], name="Repair-Café Böckingen", website="https://example.org")
    html = client.get(actor.get_absolute_url()).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(payload.group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == "Repair-Café Böckingen"
    assert data["sameAs"] == ["https://example.org"]
    assert data["areaServed"][0]["name"] == "Böckingen, Heilbronn"


def test_an_offer_run_by_an_actor_with_a_centre_says_in_cooperation_with(client, boeckingen):
    actor = make_actor([boeckingen], name="TSV Böckingen")
    offer = make_offer(title="Kinderturnen", actor=actor, centre=boeckingen.centre)
    alone = make_offer(title="Lauftreff", actor=actor)
    detail = client.get(offer.get_absolute_url()).content.decode()
    assert "in Kooperation mit" in detail
    assert actor.get_absolute_url() in detail
    assert "Angebot von" in client.get(alone.get_absolute_url()).content.decode()
    listing = client.get(reverse("offers:list")).content.decode()
    assert listing.count(actor.get_absolute_url()) == 2


def test_an_offer_of_a_draft_actor_names_no_actor(client):
    actor = make_actor(name="Unveröffentlicht e.V.", publication_status=PublicationStatus.DRAFT)
    offer = make_offer(actor=actor)
    assert "Unveröffentlicht" not in client.get(offer.get_absolute_url()).content.decode()


def test_actor_pages_and_lists_are_in_the_sitemap(client, boeckingen):
    actor = make_actor([boeckingen])
    make_actor([make_quarter()], publication_status=PublicationStatus.DRAFT, slug="entwurf")
    index = client.get(reverse("sitemap")).content.decode()
    assert actor.get_absolute_url() in index
    assert reverse("network:quarter-actors", kwargs={"slug": "boeckingen"}) in index
    assert reverse("network:actor-register") in index
    assert "/akteure/entwurf/" not in index


def test_an_actor_can_meet_at_a_centre_site(client, boeckingen):
    site = make_site(boeckingen.centre, name="Bürgerhaus Böckingen")
    actor = make_actor([boeckingen])
    actor.sites.set([site])
    assert "Bürgerhaus Böckingen" in client.get(actor.get_absolute_url()).content.decode()
