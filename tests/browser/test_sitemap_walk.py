"""Every sitemap URL in all six languages: 200, right lang/dir, no axe violations, valid HTML,
no request to any host but the portal's own, and nothing the Content-Security-Policy blocks.

Later features only add pages to the sitemap; this walk then covers them without changes.
"""

import re
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import resolve
from django.utils import translation

LANGUAGES = {"de", "en", "ar", "ro", "ru", "tr"}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _sitemap_urls(page, base_url):
    response = page.request.get(f"{base_url}/sitemap.xml")
    assert response.status == 200
    root = ElementTree.fromstring(response.body())
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


# A browser renders every kind of page in every language; every single address is still fetched,
# checked for status, lang and dir, and validated. Axe findings come from templates, so a few
# pages per kind and language find them; more would only make the suite slower.
PAGES_PER_KIND_IN_BROWSER = 1


def _kind(path):
    with translation.override(path.split("/")[1]):
        match = resolve(path)
    return f"{match.namespace}:{match.url_name}"


def _browser_sample(paths):
    """A few pages of every kind (URL name) in every language; always in sitemap order."""
    taken, sample = {}, []
    for path in paths:
        key = (path.split("/")[1], _kind(path))
        if taken.get(key, 0) < PAGES_PER_KIND_IN_BROWSER:
            taken[key] = taken.get(key, 0) + 1
            sample.append(path)
    return sample


# Two halves, so that the two test workers (pytest-xdist, one module each) share the walk.
FIRST_HALF = {"de", "ar", "en"}


@pytest.mark.django_db(transaction=True)
def test_every_sitemap_page_is_accessible_and_valid(live_server, page, html_checker, tmp_path):
    walk(live_server, page, html_checker, tmp_path, FIRST_HALF)


def walk(live_server, page, html_checker, tmp_path, languages):
    call_command("load_demo", verbosity=0)
    urls = _sitemap_urls(page, live_server.url)
    assert {urlparse(url).path.split("/")[1] for url in urls} == LANGUAGES
    urls = [url for url in urls if urlparse(url).path.split("/")[1] in languages]
    paths = [urlparse(url).path for url in urls]

    problems, documents = [], {}
    for path in paths:
        response = page.request.get(live_server.url + path)
        if response.status != 200:
            problems.append(f"{path}: status {response.status}")
            continue
        text = response.text()
        language = path.split("/")[1]
        direction = "rtl" if language == "ar" else "ltr"
        opening = re.search(r"<html[^>]*>", text).group(0)
        if f'lang="{language}"' not in opening or f'dir="{direction}"' not in opening:
            problems.append(f"{path}: <html> says {opening}")
        documents[path] = text

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
    sample = _browser_sample(paths)
    for path in sample:
        page.goto(live_server.url + path, wait_until="load")
        results = axe.run(page)
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{path}: axe {violation['id']}: {violation['help']} {targets}")

    problems += [f"third-party request: {url}" for url in sorted(set(foreign_requests))]
    problems += sorted(set(csp_violations))
    problems += html_checker(documents, tmp_path)
    assert not problems, "\n".join(problems)
    assert len(documents) == len(urls)
    kinds = {_kind(path) for path in paths}
    assert {(path.split("/")[1], _kind(path)) for path in sample} == {
        (language, kind) for language in languages for kind in kinds
    }, "every kind of page is rendered in the browser in every language"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_home_page_renders_for_screenshots(
    live_server, browser, screenshot_dir, language, viewport
):
    from tests.browser.conftest import DESKTOP, PHONE

    context = browser.new_context(viewport=PHONE if viewport == "phone" else DESKTOP)
    page = context.new_page()
    external = []
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
    page.screenshot(path=screenshot_dir / f"home-{language}-{viewport}.png", full_page=True)
    context.close()
    assert external == []
