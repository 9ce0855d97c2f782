"""The legal pages say what the law asks for: the accessibility statement its date, conformity
status, how it was checked, feedback by e-mail, post and phone and the enforcement body of
Baden-Württemberg; the Impressum an e-mail address; the privacy notice every cookie and why.
Contact data come from contacts.Office, never typed into a template."""

import pytest

from contacts.models import ContactPerson, Office
from portal.models import SitePage, SitePageKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    office = Office.objects.create(
        name="Stadt Heilbronn, Amt für Familie, Jugend und Senioren",
        street="Marktplatz 7",
        postcode="74072",
        email="quartiere@stadt.example",
        phone="07131 56-2000",
    )
    ContactPerson.objects.create(
        name="Nora Zeltwanger", role="Quartiersentwicklung", phone="07131 56-1167"
    )
    return office


def test_the_accessibility_statement_has_every_required_part(client, office):
    html = client.get("/de/barrierefreiheit/").content.decode()
    assert "zuletzt überprüft" in html and "01.12.2026" in html
    assert "Stand der Vereinbarkeit" in html and "teilweise" in html
    assert "Wie wir geprüft haben" in html and "axe-core" in html
    assert 'href="mailto:quartiere@stadt.example"' in html
    assert "Marktplatz 7" in html
    assert 'href="tel:+4971315611' in html
    assert "Schlichtungsstelle" in html and "Landeszentrum Barrierefreiheit" in html
    assert "Else-Josenhans-Straße 6" in html


def test_the_accessibility_statement_is_complete_in_arabic_too(client, office):
    html = client.get("/ar/barrierefreiheit/").content.decode()
    assert "حالة المطابقة" in html and "LZ-BARR" in html


def test_the_legal_notice_has_an_email_address_and_the_supervisory_authority(client, office):
    html = client.get("/de/impressum/").content.decode()
    assert 'href="mailto:quartiere@stadt.example"' in html
    assert "Regierungspräsidium Stuttgart" in html


def test_the_privacy_notice_names_every_cookie_the_portal_sets_and_why(client, office, settings):
    html = client.get("/de/datenschutz/").content.decode()
    for cookie in (
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        settings.SESSION_COOKIE_NAME,
        "messages",
    ):
        assert f'<dt lang="en">{cookie}</dt>' in html
    assert "Bürgerinnen und Bürger erhalten dieses Cookie nie" in html


def test_an_editors_accessibility_statement_replaces_the_built_in_one_sanitised(client, office):
    SitePage.objects.create(
        key=SitePageKey.ACCESSIBILITY,
        body_de="<h2>Erklärung</h2><p>Geprüft am 02.02.2027.</p><script>x()</script>",
    )
    html = client.get("/de/barrierefreiheit/").content.decode()
    assert "Geprüft am 02.02.2027." in html
    assert "<script>x()" not in html
