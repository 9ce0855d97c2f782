"""A resident on a phone: home → my neighbourhood → its centre → address, hours, phone, report."""

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import PHONE


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["de", "ar"])
def test_home_to_neighbourhood_to_centre_in_three_clicks_on_a_phone(
    live_server, browser, screenshot_dir, language
):
    call_command("load_demo", verbosity=0)
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    external = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    page.goto(f"{live_server.url}/{language}/")
    page.screenshot(path=screenshot_dir / f"centres-1-home-{language}.jpg", full_page=True)

    # Click 1: my neighbourhood, straight from the home page.
    page.locator('a[href$="/quartiere/kreuzgrund/"]').first.click()
    page.wait_for_url(re.compile(r"/quartiere/kreuzgrund/$"))
    assert page.locator("h1").inner_text() == "Kreuzgrund"
    page.screenshot(path=screenshot_dir / f"centres-2-quarter-{language}.jpg", full_page=True)

    # Click 2: its centre.
    page.locator('main a[href$="/quartierszentren/boeckingen/"]').first.click()
    page.wait_for_url(re.compile(r"/quartierszentren/boeckingen/$"))
    glance = page.locator("section.at-a-glance")
    assert glance.is_visible()
    text = glance.inner_text()
    assert "Ludwigsburger Straße 18" in text
    assert "09:00" in text
    assert glance.locator('a[href^="tel:+49"]').count() == 1
    page.screenshot(path=screenshot_dir / f"centres-3-centre-{language}.jpg", full_page=False)
    page.screenshot(path=screenshot_dir / f"centres-3-centre-{language}-full.jpg", full_page=True)

    # Click 3: the latest annual report is a real PDF.
    report = glance.locator('a[type="application/pdf"]')
    response = page.request.get(live_server.url + report.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")
    context.close()
    assert external == []
