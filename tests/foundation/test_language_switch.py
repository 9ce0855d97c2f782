"""The language switcher leads to the same page in the chosen language, whatever the cookie or
the browser says, and every page names its versions in all languages (hreflang)."""

import re
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _sitemap(client):
    """{German address: {hreflang: address}} for every page in the sitemap."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    pages = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        if urlparse(loc).path.startswith("/de/"):
            pages[loc] = {
                link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
            }
    return pages


def _switcher_link(html, language):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    href = re.search(rf'<a href="([^"]*)" hreflang="{language}"', nav).group(1)
    return href.replace("&amp;", "&")


def _head_alternates(html):
    head = html.split("</head>")[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def arabic_phone_with_german_cookie():
    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    return client


def test_one_tap_on_arabic_reaches_the_arabic_version_of_every_sitemap_page(
    demo, arabic_phone_with_german_cookie
):
    client = arabic_phone_with_german_cookie
    pages = _sitemap(client)
    assert len(pages) > 20
    for german, alternates in pages.items():
        html = client.get(german).content.decode()
        assert '<html lang="de"' in html, german
        target = _switcher_link(html, "ar")
        response = client.get(target)
        assert response.status_code == 200, target
        assert '<html lang="ar" dir="rtl">' in response.content.decode(), target
        assert "http://testserver" + target == alternates["ar"], german


def test_every_sitemap_page_lists_the_same_hreflang_alternates_as_the_sitemap(demo, client):
    pages = _sitemap(client)
    for german, alternates in pages.items():
        assert set(alternates) == {*LANGUAGES, "x-default"}, german
        neutral = alternates["x-default"].removeprefix("http://testserver")
        assert german == "http://testserver/de" + neutral
        redirect = Client(HTTP_ACCEPT_LANGUAGE="tr").get(neutral)
        assert redirect["Location"] == "/tr" + neutral, neutral
        for language in LANGUAGES:
            assert urlparse(alternates[language]).path.startswith(f"/{language}/")
            html = client.get(alternates[language]).content.decode()
            assert _head_alternates(html) == alternates, alternates[language]


def test_switching_language_keeps_the_filters_a_resident_chose(db, client):
    html = client.get("/de/angebote/?q=Sprachcaf%C3%A9&free=on", HTTP_ACCEPT_LANGUAGE="ar").content
    assert _switcher_link(html.decode(), "tr") == "/tr/angebote/?q=Sprachcaf%C3%A9&free=on"


def test_a_missing_page_offers_the_same_address_in_other_languages_but_no_alternates(db, client):
    response = client.get("/de/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert _switcher_link(html, "ru") == "/ru/gibt-es-nicht/"
    assert _head_alternates(html) == {}


@pytest.mark.parametrize("accept_language", ["ar", "tr", "de"])
def test_the_set_language_endpoint_also_ignores_the_browser_language(db, accept_language):
    client = Client(HTTP_ACCEPT_LANGUAGE=accept_language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/de/impressum/?a=1"})
    assert response["Location"] == "/ar/impressum/?a=1"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
