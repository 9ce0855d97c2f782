from datetime import date

import pytest
from django.urls import reverse

from offers.models import Recurrence
from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_offer, make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter():
    return make_quarter(make_centre(name="Quartierszentrum Böckingen"), slug="boeckingen")


def test_the_weekly_plan_lists_each_weekday_with_its_slots_in_time_order(client, quarter):
    make_offer(title="Spätes Angebot", quarter=quarter, slots=[(2, "17:00", "19:00")])
    make_offer(title="Frühes Angebot", quarter=quarter, slots=[(2, "09:00", "10:00")])
    monthly = make_offer(title="Repair-Café", quarter=quarter)
    make_slot(monthly, Recurrence.MONTHLY, weekday=5, week_of_month=-1)
    make_offer(title="Woanders", slots=[(2, "09:00", "10:00")])
    make_offer(
        title="Entwurf", quarter=quarter, publication_status="draft", slots=[(2, "9:00", "10:00")]
    )
    response = client.get(reverse("offers:weekly-plan", kwargs={"slug": "boeckingen"}))
    assert response.status_code == 200
    columns = dict(response.context["columns"])
    wednesday = [entry.offer.title for entry in columns[2]]
    assert wednesday == ["Frühes Angebot", "Spätes Angebot"]
    assert [entry.offer.title for entry in columns[5]] == ["Repair-Café"]
    html = response.content.decode()
    assert "Woanders" not in html and "Entwurf" not in html
    assert "Wochenplan drucken" in html
    assert 'media="print"' in html


def test_the_weekly_plan_of_an_unknown_quarter_is_a_404(client):
    assert client.get("/de/angebote/wochenplan/gibt-es-nicht/").status_code == 404


def test_the_sitemap_lists_every_public_page_of_the_directory(client, quarter):
    offer = make_offer(quarter=quarter, slots=[(1, "10:00", "11:00")])
    draft = make_offer(publication_status="draft")
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        reverse("offers:list"),
        reverse("offers:this-week"),
        reverse("offers:propose"),
        reverse("offers:open-data"),
        offer.get_absolute_url(),
        reverse("offers:weekly-plan", kwargs={"slug": quarter.slug}),
    ]:
        assert path in xml, path
    assert draft.get_absolute_url() not in xml
    assert "/ar/angebote/" in xml


def test_the_navigation_links_the_directory(client):
    html = client.get("/de/").content.decode()
    assert f'href="{reverse("offers:list")}"' in html
    assert date.today()
