"""A resident searches the whole portal on a phone, in German and Arabic: a synonym, a word
without its accent, a misspelt neighbourhood and a word nothing matches. Every page is checked
with axe and the Nu HTML checker (results pages are not in the sitemap: their query string; the
empty search page and the home page's search box are checked with every sitemap page, in
tests/browser/test_sitemap_walk.py and tests/foundation/test_every_page.py)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

SEARCHES = [
    ("Deutschkurs", "", "Sprachcafé", "مقهى اللغة"),
    ("sprachcafe", "", "Sprachcafé", "مقهى اللغة"),
    ("Bökingen", "", "Böckingen", "Böckingen"),
    ("Xylophonorchester", "boeckingen", None, None),
]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_resident_searches_the_portal_on_a_phone(
    live_server, page, html_checker, screenshot_dir, language
):
    call_command("load_demo", verbosity=0)
    axe, problems, documents = Axe(), [], {}
    for query, quarter, first_de, first_ar in SEARCHES:
        page.goto(f"{live_server.url}/{language}/suche/")
        page.fill("#id_q", query)
        if quarter:
            page.select_option("#id_quarter", quarter)
        page.click("main button[type=submit]")
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        first = first_de if language == "de" else first_ar
        if first:
            assert page.locator("ol.search-results h3").first.inner_text() == first
        else:
            # Nothing found: the neighbourhood management's phone, as a tel: link.
            assert page.locator("main a[href^='tel:+49']").count() >= 1
        page.screenshot(
            path=str(screenshot_dir / f"search-{language}-{query[:10]}.jpg"), full_page=True
        )
        for violation in axe.run(page).response["violations"]:
            problems.append(f"{page.url}: axe {violation['id']}: {violation['help']}")
        documents[page.url] = page.content()
    problems += html_checker(documents)
    assert not problems, "\n".join(problems)
