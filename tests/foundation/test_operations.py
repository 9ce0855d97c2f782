from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_reports_a_reachable_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_is_unreachable(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_every_page_in_every_language(client):
    xml = client.get("/sitemap.xml").content.decode()
    for language in ["de", "en", "ar", "ro", "ru", "tr"]:
        assert f"<loc>http://testserver/{language}/</loc>" in xml
        assert f"<loc>http://testserver/{language}/datenschutz/</loc>" in xml
    assert 'hreflang="x-default"' in xml


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/meinQuartier", "/meinquartier"])
def test_flyer_address_leads_to_the_survey_in_the_visitors_language(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 302
    assert response["Location"].startswith("/tr/befragung/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "ar"])
def test_404_is_friendly_and_in_the_visitors_language(client, language):
    response = client.get(f"/{language}/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert "Traceback" not in html
    assert 'href="#main-content"' in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_500_is_friendly_and_has_no_stack_trace(client):
    client.raise_request_exception = False
    with mock.patch("portal.views.render", wraps=None) as fake_render:
        fake_render.side_effect = [RuntimeError("boom"), RuntimeError("again")]
        response = client.get("/ar/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Traceback" not in html and "boom" not in html
    assert 'lang="ar" dir="rtl"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/de/", "/de/impressum/", "/de/datenschutz/", "/de/barrierefreiheit/", "/de/leichte-sprache/"],
)
def test_base_layout_is_on_every_page(client, path):
    html = client.get(path).content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert '<nav class="site-nav" aria-label=' in html
    for footer_target in [
        "/de/impressum/",
        "/de/datenschutz/",
        "/de/barrierefreiheit/",
        "/de/leichte-sprache/",
    ]:
        assert f'href="{footer_target}"' in html
    assert '<meta name="description"' in html
    assert 'media="print"' in html


@pytest.mark.django_db
def test_easy_read_page_is_marked_german_in_other_languages(client):
    html = client.get("/ru/leichte-sprache/").content.decode()
    assert '<div lang="de" dir="ltr" class="easy-read">' in html
