"""A real calendar subscription: per activity, neighbourhood, centre and target group a page with a
webcal:// link, a copyable address, steps for iPhone, Android and Outlook and a QR code."""

import base64
from urllib.parse import unquote

import pytest
from django.urls import reverse

from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_offer, make_target_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def feeds():
    centre = make_centre(slug="boeckingen-abo")
    quarter = make_quarter(centre=centre, slug="kreuzgrund-abo")
    group = make_target_group(slug="kinder-abo")
    offer = make_offer(
        slots=[(2, "15:00", "17:00")], centre=centre, quarter=quarter, target_groups=[group]
    )
    return {
        "angebot": offer.slug,
        "quartier": quarter.slug,
        "zentrum": centre.slug,
        "zielgruppe": group.slug,
    }


@pytest.mark.parametrize("kind", ["angebot", "quartier", "zentrum", "zielgruppe"])
def test_every_feed_has_a_subscription_page_with_webcal_link_address_and_steps(client, feeds, kind):
    slug = feeds[kind]
    response = client.get(f"/de/angebote/kalender/{kind}/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="webcal://testserver/de/angebote/kalender/{kind}/{slug}.ics"' in html
    assert f'value="http://testserver/de/angebote/kalender/{kind}/{slug}.ics" readonly' in html
    for device in ("iPhone", "Android", "Outlook"):
        assert device in html


def test_the_qr_code_is_an_image_of_the_webcal_address(client, feeds):
    html = client.get(f"/de/angebote/kalender/quartier/{feeds['quartier']}/").content.decode()
    start = html.index('src="data:image/svg+xml')
    assert 'alt="QR-Code mit der Kalenderadresse"' in html[start - 200 : start + 20000]
    uri = html[start + 5 : html.index('"', start + 5)]
    svg = unquote(uri.split(",", 1)[1]) if ";base64" not in uri else base64.b64decode(uri)
    assert "<svg" in svg and "path" in svg


def test_an_unknown_feed_has_no_subscription_page(client, feeds):
    assert client.get("/de/angebote/kalender/quartier/gibt-es-nicht/").status_code == 404
    assert client.get(f"/de/angebote/kalender/unsinn/{feeds['quartier']}/").status_code == 404


def test_pages_link_the_subscription_instead_of_a_one_time_download(client, feeds):
    offer_page = client.get(f"/de/angebote/{feeds['angebot']}/").content.decode()
    assert reverse("offers:subscribe", kwargs={"kind": "angebot", "slug": feeds["angebot"]}) in (
        offer_page
    )
    quarter_page = client.get(f"/de/quartiere/{feeds['quartier']}/").content.decode()
    assert "/de/angebote/kalender/quartier/kreuzgrund-abo/" in quarter_page


def test_the_subscription_pages_are_in_the_sitemap(client, feeds):
    sitemap = client.get("/sitemap.xml").content.decode()
    for kind in ("quartier", "zentrum", "zielgruppe"):
        assert f"/de/angebote/kalender/{kind}/{feeds[kind]}/" in sitemap
