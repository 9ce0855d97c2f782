"""Every page of the sitemap, fetched as a resident's phone asks for it (an Arabic browser that
still has the German cookie of an earlier visit), then checked for what residents met as
blockers: the page answers in the language of its address, names the same language versions as
the sitemap, its language switcher leads to the same page in the chosen language, every tel:
link dials the number it shows, and the HTML is valid.

Every page is fetched in German and Arabic (the two layouts) and in one of the other four
languages in turn; the first page of every kind in all six. The four share the left-to-right
layout and the templates, and each of them still answers for a quarter of all pages (a page's
content in one language is no different in kind from the next page's).

The browser walk (tests/browser/test_sitemap_walk.py) renders a sample of every kind of page in
Chromium for axe, the Content-Security-Policy and third-party requests.
"""

import re
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.signals import got_request_exception
from django.test import Client, override_settings
from django.urls import resolve
from django.utils import translation
from django.utils.html import strip_tags

from contacts.phones import e164
from tests.foundation.test_language_switch import _switcher_link

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
IN_TURN = [code for code in LANGUAGES if code not in {"de", "ar"}]
TEL_LINK = re.compile(r'<a href="tel:([^"]*)"[^>]*>(.*?)</a>', re.S)
SEED_NUMBERS = {"+497131561167", "+497131564415"}  # 07131 56-1167 and 56-4415 in the seed


@pytest.fixture(scope="module")
def sitemap(demo_content):
    """{path: {hreflang: path}} for every address in the sitemap."""
    root = ElementTree.fromstring(Client().get("/sitemap.xml").content)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        path = urlparse(url.find(f"{SITEMAP}loc").text).path
        entries[path] = {
            link.get("hreflang"): urlparse(link.get("href")).path
            for link in url.iter(f"{XHTML}link")
        }
    return entries


def _fetched_paths(sitemap):
    """Each German address with its Arabic version and one more in turn; every language of the
    first address of each kind (see the module's docstring)."""
    kinds, paths = set(), []
    german = [alternates for path, alternates in sitemap.items() if path.startswith("/de/")]
    for index, alternates in enumerate(german):
        with translation.override("de"):
            match = resolve(alternates["de"])
        kind = f"{match.namespace}:{match.url_name}"
        languages = LANGUAGES if kind not in kinds else ["de", "ar", IN_TURN[index % len(IN_TURN)]]
        kinds.add(kind)
        paths += [alternates[language] for language in languages]
    return paths


@pytest.fixture(scope="module")
def pages(sitemap):
    """{path: (status, html)} of the addresses _fetched_paths picks, with the shared fragments on
    as in production (a fragment kept from one language's page must not leak into another's)."""
    client = _WithoutTemplateCapture(HTTP_ACCEPT_LANGUAGE="ar")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    fetched = {}
    with override_settings(FRAGMENT_CACHE_SECONDS=3600):
        for path in _fetched_paths(sitemap):
            response = client.get(path)
            fetched[path] = (response.status_code, response.content.decode())
    return fetched


class _WithoutTemplateCapture(Client):
    """The test client without its copy of every template's context per response (a tenth of
    the walk's time; nothing here reads response.context)."""

    def request(self, **request):
        uid = f"request-exception-{id(request)}"
        got_request_exception.connect(self.store_exc_info, dispatch_uid=uid)
        try:
            response = self.handler(self._base_environ(**request))
        finally:
            got_request_exception.disconnect(dispatch_uid=uid)
        self.check_exception(response)  # a view's exception fails the walk with its traceback
        if response.cookies:
            self.cookies.update(response.cookies)
        return response


def _head_alternates(html):
    head = html.split("</head>")[0]
    return {
        language: urlparse(href).path
        for language, href in re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head
        )
    }


def test_the_sitemap_has_every_page_in_every_language(sitemap):
    languages = {path.split("/")[1] for path in sitemap}
    assert languages == set(LANGUAGES)
    german = [path for path in sitemap if path.startswith("/de/")]
    assert len(german) > 20
    assert len(sitemap) == len(german) * len(LANGUAGES)


def test_every_page_answers_in_the_language_of_its_address(pages):
    problems = []
    for path, (status, html) in pages.items():
        language = path.split("/")[1]
        direction = "rtl" if language == "ar" else "ltr"
        if status != 200:
            problems.append(f"{path}: status {status}")
            continue
        opening = re.search(r"<html[^>]*>", html).group(0)
        if f'lang="{language}"' not in opening or f'dir="{direction}"' not in opening:
            problems.append(f"{path}: <html> says {opening}")
    assert not problems, "\n".join(problems)


def test_every_page_names_the_same_language_versions_as_the_sitemap(sitemap, pages):
    for path, alternates in sitemap.items():
        assert set(alternates) == {*LANGUAGES, "x-default"}, path
        language = path.split("/")[1]
        assert alternates[language] == path
        assert path == f"/{language}" + alternates["x-default"]
    for path, (_status, html) in pages.items():
        assert _head_alternates(html) == sitemap[path], path


def test_every_page_is_fetched_in_german_and_arabic_and_every_language_answers(sitemap, pages):
    german = [path for path in sitemap if path.startswith("/de/")]
    for path in german:
        alternates = sitemap[path]
        assert {alternates["de"], alternates["ar"]} <= set(pages), path
        assert len([language for language in IN_TURN if alternates[language] in pages]) >= 1
    for language in IN_TURN:
        assert len([path for path in pages if path.startswith(f"/{language}/")]) >= len(german) // 4


def test_one_tap_in_the_language_switcher_reaches_the_same_page_in_that_language(sitemap, pages):
    """Whatever the cookie or the browser says: the Arabic browser with a German cookie gets the
    version the address names, and each switcher link is the sitemap's version of this page."""
    for path, (_status, html) in pages.items():
        alternates = sitemap[path]
        for language in LANGUAGES:
            assert _switcher_link(html, language) == alternates[language], (path, language)


def test_the_address_without_a_language_leads_to_the_browsers_language(sitemap):
    turkish_browser = Client(HTTP_ACCEPT_LANGUAGE="tr")
    for path, alternates in sitemap.items():
        if path.startswith("/de/"):
            neutral = alternates["x-default"]
            assert turkish_browser.get(neutral)["Location"] == "/tr" + neutral, neutral


def test_every_tel_link_dials_the_number_it_shows(pages):
    dialled = set()
    for path, (_status, html) in pages.items():
        for target, shown in TEL_LINK.findall(html):
            assert re.fullmatch(r"\+49\d{6,13}", target), (path, target)
            assert e164(strip_tags(shown)) == target, (path, shown, target)
            dialled.add(target)
    assert dialled >= SEED_NUMBERS


def test_every_page_is_valid_html(pages, html_checker):
    problems = html_checker({path: html for path, (_status, html) in pages.items()})
    assert not problems, "\n".join(problems)


def test_the_html_checker_finds_what_is_wrong_and_passes_what_is_right(html_checker):
    valid = '<!DOCTYPE html><html lang="de"><head><title>Test</title></head><body><p>Hallo</p>'
    broken = '<!DOCTYPE html><html lang="de"><head><title>Test</title></head><body><p></span>'
    errors = html_checker({"valid": valid, "broken": broken})  # one run of the checker
    assert errors
    assert all(error.startswith("broken: line 1: ") for error in errors)
