import pytest

from contacts.models import Office
from portal.models import SitePage, SitePageKey

pytestmark = pytest.mark.django_db


def test_privacy_page_names_what_the_gdpr_requires(client):
    # The controller's address is stored contact data (contacts.Office), not typed into the page.
    Office.objects.create(name="Stadt Heilbronn", street="Marktplatz 7", postcode="74072")
    html = client.get("/de/datenschutz/").content.decode()
    for required in ["Art. 6", "LfDI", "Datenschutzbeauftragte", "Marktplatz 7"]:
        assert required in html


def test_an_editors_version_replaces_the_built_in_text(client):
    SitePage.objects.create(key=SitePageKey.PRIVACY, body_de="<p>Neue Fassung der Stadt.</p>")
    html = client.get("/de/datenschutz/").content.decode()
    assert "Neue Fassung der Stadt." in html
    assert "LfDI" not in html


def test_an_editors_text_is_sanitised_before_it_is_stored():
    page = SitePage.objects.create(
        key=SitePageKey.LEGAL_NOTICE,
        body_de='<p onclick="steal()">Text<script>alert(1)</script></p>'
        '<a href="javascript:x">l</a>',
    )
    page.refresh_from_db()
    assert "script" not in page.body_de
    assert "onclick" not in page.body_de
    assert "javascript:" not in page.body_de
    assert "Text" in page.body_de


def test_a_missing_translation_shows_german_marked_as_german(client):
    SitePage.objects.create(key=SitePageKey.PRIVACY, body_de="<p>Nur deutsch.</p>")
    html = client.get("/ru/datenschutz/").content.decode()
    assert '<div class="site-page" lang="de" dir="ltr">' in html
    assert "Nur deutsch." in html


def test_a_translated_text_is_not_marked_as_german(client):
    SitePage.objects.create(
        key=SitePageKey.PRIVACY, body_de="<p>Deutsch.</p>", body_tr="<p>Türkçe metin.</p>"
    )
    html = client.get("/tr/datenschutz/").content.decode()
    assert '<div class="site-page">' in html
    assert "Türkçe metin." in html
