"""“Which neighbourhood do I live in?” on a phone, in German and Arabic: a resident types their
street, sees the neighbourhood, its centre and phone number; every state of the page passes axe
and the HTML checker and loads nothing from another host."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_resident_finds_their_neighbourhood_by_street_on_a_phone(
    live_server, page, html_checker, screenshot_dir, language
):
    call_command("load_demo", verbosity=0)
    external = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    axe, problems, documents = Axe(), [], {}

    def check(state):
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        for violation in axe.run(page).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{state}: axe {violation['id']}: {violation['help']} {targets}")
        documents[state] = page.content()
        page.screenshot(path=screenshot_dir / f"street-{state}-{language}.jpg", full_page=True)

    page.goto(f"{live_server.url}/{language}/quartiere/mein-quartier/")
    check("empty")
    page.goto(f"{live_server.url}/{language}/quartiere/")
    check("quarter-list")
    page.fill("#lookup-street", "Fleiner Str. 45")
    page.locator("#lookup-street").press("Enter")
    page.wait_for_load_state()
    assert "/quartiere/mein-quartier/?street=" in page.url
    assert "Südstadt" in page.locator("#result-heading").inner_text()
    assert page.locator('a[href="tel:+497131562741"]').count() == 1
    check("result")

    page.fill("#id_street", "kaiserstrasse")
    page.fill("#id_number", "")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_number").get_attribute("aria-invalid") == "true"
    check("needs-number")

    page.fill("#id_number", "13")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "Innenstadt-Nord" in page.locator("#result-heading").inner_text()

    page.fill("#id_street", "Ludwigsburgr Strase")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_street").input_value() == "Ludwigsburgr Strase"
    check("unknown")
    page.locator(".street-suggestions a").first.click()
    page.wait_for_load_state()
    assert "Böckingen" in page.locator("#result-heading").inner_text()

    problems += html_checker(documents)
    assert not problems, "\n".join(problems)
    assert external == []
