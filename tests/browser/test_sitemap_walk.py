"""Every kind of page of the sitemap rendered in Chromium: no axe violations, no request to any
host but the portal's own, and nothing the Content-Security-Policy blocks.

Every single address in all six languages is fetched and checked (status, language, language
versions, tel: links, valid HTML) without a browser in tests/foundation/test_every_page.py.
Later features only add pages to the sitemap; both walks then cover them without changes.
"""

import re
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import resolve
from django.utils import translation

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Every kind of page in the left-to-right and the right-to-left layout, with axe; the other
# languages share those layouts and templates, so each kind is also rendered in one of them, in
# turn, for the Content-Security-Policy and third-party requests, and their home pages with axe
# (the language switcher, lang attributes).
EVERY_KIND = ("de", "ar")
IN_TURN = ("en", "ro", "ru", "tr")


def _sitemap_paths(page, base_url):
    response = page.request.get(f"{base_url}/sitemap.xml")
    assert response.status == 200
    root = ElementTree.fromstring(response.body())
    return [urlparse(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def _kind(path):
    with translation.override(path.split("/")[1]):
        match = resolve(path)
    return f"{match.namespace}:{match.url_name}"


def _browser_sample(paths):
    """The first page of every kind in German and Arabic and in one more language each, and the
    home page in every language."""
    first = {}
    for path in paths:
        first.setdefault((path.split("/")[1], _kind(path)), path)
    kinds = sorted({kind for _language, kind in first})
    wanted = [(language, kind) for kind in kinds for language in EVERY_KIND]
    wanted += [(IN_TURN[index % len(IN_TURN)], kind) for index, kind in enumerate(kinds)]
    wanted += [(language, ":home") for language in IN_TURN if (language, ":home") not in wanted]
    return [first[key] for key in wanted]


@pytest.mark.django_db(transaction=True)
def test_every_kind_of_page_is_accessible_in_the_browser(live_server, page):
    call_command("load_demo", verbosity=0)
    paths = _sitemap_paths(page, live_server.url)
    axe = Axe()
    own_host = urlparse(live_server.url).netloc
    foreign_requests = []
    page.on(
        "request",
        lambda request: (
            foreign_requests.append(request.url)
            if urlparse(request.url).scheme in {"http", "https", "ws", "wss"}
            and urlparse(request.url).netloc != own_host
            else None
        ),
    )
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    problems = []
    sample = _browser_sample(paths)
    for path in sample:
        response = page.goto(live_server.url + path, wait_until="load")
        if response.status != 200:
            problems.append(f"{path}: status {response.status}")
        width, shown = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if width > shown:
            problems.append(f"{path}: {width} px wide on a {shown}-px phone (scrolls sideways)")
        if path.split("/")[1] not in EVERY_KIND and _kind(path) != ":home":
            continue
        results = axe.run(page)
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{path}: axe {violation['id']}: {violation['help']} {targets}")

    problems += [f"third-party request: {url}" for url in sorted(set(foreign_requests))]
    problems += sorted(set(csp_violations))
    assert not problems, "\n".join(problems)
    languages = {path.split("/")[1] for path in sample}
    assert languages == {*EVERY_KIND, *IN_TURN}
    assert {_kind(path) for path in sample} == {_kind(path) for path in paths}


@pytest.mark.django_db(transaction=True)
def test_home_page_renders_for_screenshots(live_server, browser, screenshot_dir):
    """German and Arabic, phone and desktop: one test, so that the database is emptied once."""
    from tests.browser.conftest import DESKTOP, PHONE

    external = []
    for language in ("de", "ar"):
        for viewport, size in (("phone", PHONE), ("desktop", DESKTOP)):
            context = browser.new_context(viewport=size)
            page = context.new_page()
            page.on(
                "request",
                lambda request: (
                    external.append(request.url)
                    if not re.match(rf"^{re.escape(live_server.url)}/", request.url)
                    and not request.url.startswith("data:")
                    else None
                ),
            )
            page.goto(f"{live_server.url}/{language}/")
            assert page.locator("h1").first.is_visible()
            # Keyboard: the first Tab lands on the skip link, Enter moves focus into <main>.
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.className") == "skip-link"
            page.screenshot(path=screenshot_dir / f"home-{language}-{viewport}.jpg", full_page=True)
            context.close()
    assert external == []
