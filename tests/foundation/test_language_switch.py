"""The language switcher leads to the same page in the chosen language, whatever the cookie or
the browser says. Every sitemap page in every language is walked in
tests/foundation/test_every_page.py (switcher links, hreflang versions)."""

import re

import pytest
from django.conf import settings
from django.test import Client


def _switcher_link(html, language):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    href = re.search(rf'<a href="([^"]*)" hreflang="{language}"', nav).group(1)
    return href.replace("&amp;", "&")


def _head_alternates(html):
    head = html.split("</head>")[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))


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
