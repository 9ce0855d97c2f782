"""An offer happens at a site (or another place); a site lies in a neighbourhood; a centre
serves several neighbourhoods. Every neighbourhood finds what happens in it or is run for it."""

import pytest

from centers.models import Quarter
from offers.models import Offer
from tests.factories import make_centre, make_quarter, make_site
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

FORMERLY_EMPTY = ["suedstadt", "nordstadt", "innenstadt-nord", "innenstadt-sued"]


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for the module; each test's changes are rolled back."""


@pytest.fixture
def two_quarters_one_centre():
    centre = make_centre()
    first = make_quarter(centre, name="Aquartier", slug="aquartier")
    second = make_quarter(centre, name="Bquartier", slug="bquartier")
    site = make_site(centre, quarter=second)
    offer = make_offer(title="Sprachcafé", centre=centre, site=site, slots=[(2, "15:00", "17:00")])
    return first, second, offer


@pytest.mark.parametrize("slug", FORMERLY_EMPTY)
def test_every_quarter_of_an_operating_centre_lists_its_offers(demo, client, slug):
    quarter = Quarter.objects.get(slug=slug)
    expected = Offer.objects.published().filter(centre=quarter.centre)
    assert expected.count() >= 16
    title = expected.order_by("title").first().title

    assert title in client.get(f"/de/quartiere/{slug}/").content.decode()
    assert title in client.get(f"/de/angebote/?quarter={slug}").content.decode()
    assert title in client.get(f"/de/angebote/wochenplan/{slug}/").content.decode()
    feed = client.get(f"/de/angebote/kalender/quartier/{slug}.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") >= expected.count()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/de/angebote/wochenplan/{slug}/" in sitemap


def test_demo_offers_happen_at_sites_in_the_quarters_where_the_sites_lie(demo):
    offers = Offer.objects.published().select_related("site__quarter", "quarter")
    assert offers.exists()
    for offer in offers:
        assert offer.site is not None
        assert offer.site.quarter is not None
        assert offer.quarter == offer.site.quarter
        if offer.centre is not None:  # an actor may run an offer at a centre's site alone
            assert offer.site.quarter.centre == offer.centre
    branch = Offer.objects.published().filter(site__is_main=False, centre__slug="boeckingen")
    assert {offer.quarter.slug for offer in branch} == {"kreuzgrund"}


def test_an_offer_at_a_site_is_found_in_every_quarter_its_centre_serves(
    two_quarters_one_centre, client
):
    first, second, offer = two_quarters_one_centre
    offer.refresh_from_db()
    assert offer.quarter == second
    for quarter in (first, second):
        assert list(Offer.objects.published().for_quarter(quarter)) == [offer]
        assert "Sprachcaf" in client.get(f"/de/angebote/?quarter={quarter.slug}").content.decode()


def test_an_offer_at_a_site_in_another_centres_quarter_is_listed_there_too(client):
    home, elsewhere = make_centre(), make_centre()
    theirs = make_quarter(elsewhere, slug="theirs")
    make_quarter(home, slug="ours")
    site = make_site(home, quarter=theirs)
    offer = make_offer(title="Ausflug", centre=home, site=site)
    assert list(Offer.objects.published().for_quarter(theirs)) == [offer]
    assert "Ausflug" in client.get("/de/quartiere/theirs/").content.decode()


def test_an_offer_at_another_place_is_listed_in_the_quarter_chosen_for_it(client):
    quarter = make_quarter(make_centre(), slug="park")
    offer = make_offer(
        title="Picknick",
        venue_name="Stadtpark",
        street="Parkweg 1",
        quarter=quarter,
        slots=[(5, "11:00", "13:00")],
    )
    assert list(Offer.objects.published().for_quarter(quarter)) == [offer]
    assert "Picknick" in client.get("/de/angebote/wochenplan/park/").content.decode()


def test_an_offer_of_another_centre_is_not_listed(client, two_quarters_one_centre):
    first, _second, _offer = two_quarters_one_centre
    other = make_offer(title="Woanders", centre=make_centre())
    assert other not in Offer.objects.published().for_quarter(first)
