"""A quarter manager adds an activity and asks for review; the office publishes it; a change is
undone from the history — all in a real browser, as a newcomer would try it."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from demo.management.commands.create_demo_users import DEMO_PASSWORD
from offers.models import Offer
from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Spielenachmittag für Groß und Klein"


def _log_in(browser, live_server, username):
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    return context, page


def _run_action(page, live_server, query, action, title):
    page.goto(f"{live_server.url}/admin/offers/offer/{query}")
    page.get_by_role("row").filter(has_text=title).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").first.click()
    page.wait_for_load_state()


def test_a_quarter_manager_proposes_the_office_publishes_and_a_version_is_restored(
    browser, live_server, screenshot_dir
):
    call_command("load_demo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("create_demo_users", verbosity=0)

    # 1. The quarter manager of Böckingen adds an activity: only Böckingen can be chosen.
    context, page = _log_in(browser, live_server, "qm-boeckingen")
    assert page.get_by_role("heading", name="Was zu tun ist").is_visible()
    page.screenshot(path=screenshot_dir / "roles-1-qm-home.jpg", full_page=True)
    page.goto(f"{live_server.url}/admin/offers/offer/add/")
    page.locator("#id_title_de").fill(TITLE)
    page.locator("#id_summary_de").fill("Brettspiele und Kartenspiele für alle Generationen.")
    # Languages without a text yet are marked in the tabs.
    assert page.locator('a.translation-missing[href="#tab_id_title_en"]').count() == 1
    page.locator('a[href="#tab_id_title_en"]').click()
    page.locator("#id_title_en").fill("Games afternoon for young and old")
    assert page.locator('a.translation-missing[href="#tab_id_title_en"]').count() == 0
    page.locator('a[href="#tab_id_title_de"]').click()
    centre_options = page.locator("#id_centre option").all_inner_texts()
    assert [option.strip() for option in centre_options] == ["Quartierszentrum Böckingen"]
    publication_options = page.locator("#id_publication_status option").all_inner_texts()
    assert "Veröffentlicht" in publication_options  # shown, but refused on saving:
    page.locator("#id_publication_status").select_option("published")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nur die Redaktion kann veröffentlichen").is_visible()
    page.screenshot(path=screenshot_dir / "roles-2-qm-cannot-publish.jpg", full_page=True)
    page.locator("#id_publication_status").select_option("draft")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    offer = Offer.objects.get(title_de=TITLE)
    assert offer.centre.slug == "boeckingen"

    # ... sees the draft as a preview on the public site ...
    page.goto(f"{live_server.url}/de/angebote/{offer.slug}/")
    assert page.locator(".preview-banner").is_visible()
    page.screenshot(path=screenshot_dir / "roles-3-qm-preview.jpg", full_page=True)

    # ... and submits it for review.
    _run_action(page, live_server, "?publication_status__exact=draft", "submit_for_review", TITLE)
    assert page.get_by_text("wartet auf die Prüfung durch die Redaktion").is_visible()
    page.screenshot(path=screenshot_dir / "roles-4-qm-submitted.jpg", full_page=True)
    offer.refresh_from_db()
    assert offer.publication_status == "review"
    context.close()

    # Residents do not see it yet.
    resident = browser.new_context(viewport={"width": 390, "height": 844})
    public = resident.new_page()
    response = public.goto(f"{live_server.url}/de/angebote/{offer.slug}/")
    assert response.status == 404

    # 2. The editorial office publishes it.
    context, page = _log_in(browser, live_server, "redaktion")
    page.get_by_role("link", name=re.compile("„In Prüfung“")).click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name=TITLE).is_visible()
    _run_action(page, live_server, "?publication_status__exact=review", "publish", TITLE)
    page.screenshot(path=screenshot_dir / "roles-5-office-published.jpg", full_page=True)
    offer.refresh_from_db()
    assert offer.publication_status == "published"

    # 3. Residents see it on the public page, without a preview banner.
    response = public.goto(f"{live_server.url}/de/angebote/{offer.slug}/")
    assert response.status == 200
    assert public.get_by_role("heading", name=TITLE).is_visible()
    assert public.locator(".preview-banner").count() == 0
    public.screenshot(path=screenshot_dir / "roles-6-public.jpg", full_page=True)

    # 4. A wrong change is undone from the history.
    page.goto(f"{live_server.url}/admin/offers/offer/{offer.pk}/change/")
    page.locator("#id_title_de").fill("Falscher Titel")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/admin/offers/offer/{offer.pk}/history/")
    page.screenshot(path=screenshot_dir / "roles-7-history.jpg", full_page=True)
    versions = page.locator("#change-history a[href*='/history/']")
    versions.nth(1).click()  # newest first: the version before the wrong change
    page.wait_for_load_state()
    assert page.locator("#id_title_de").input_value() == TITLE
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    offer.refresh_from_db()
    assert offer.title_de == TITLE
    public.goto(f"{live_server.url}/de/angebote/{offer.slug}/")
    assert public.get_by_role("heading", name=TITLE).is_visible()
    page.screenshot(path=screenshot_dir / "roles-8-restored.jpg", full_page=True)
    context.close()
    resident.close()
