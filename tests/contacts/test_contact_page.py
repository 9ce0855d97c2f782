import pytest

from portal.models import PublicationStatus
from tests.factories import make_centre, make_contact

pytestmark = pytest.mark.django_db


def test_contact_page_names_the_city_office_and_its_two_general_contacts(client, demo_content):
    html = client.get("/de/kontakt/").content.decode()
    assert "Amt für Familie, Jugend und Senioren" in html
    assert "Nora Zeltwanger" in html and 'href="tel:+497131561167"' in html
    assert "Mareike Siebert" in html and 'href="tel:+497131564415"' in html


def test_contact_page_lists_each_centres_team_but_not_draft_centres(client):
    centre = make_centre(name="Quartierszentrum Sichtbar")
    make_contact(centre, name="Sichtbare Person")
    hidden = make_centre(name="Zentrum Entwurf", publication_status=PublicationStatus.DRAFT)
    make_contact(hidden, name="Versteckte Person")
    html = client.get("/en/kontakt/").content.decode()
    assert "Sichtbare Person" in html
    assert "Versteckte Person" not in html


def test_arabic_contact_page_isolates_latin_phone_numbers(client):
    make_contact(name="Nora Zeltwanger", phone="07131 56-1167", email="n@example.org")
    html = client.get("/ar/kontakt/").content.decode()
    assert '<bdi dir="ltr">07131 56-1167</bdi>' in html
    assert '<bdi dir="ltr">n@example.org</bdi>' in html
