"""An actor's contact person suggests an activity through their personal link on a phone, in
German and Arabic, corrects a mistake; the quarter manager of Böckingen finds it in the queue."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import override_settings

from network.models import Actor
from offers.models import Offer
from tests.browser.conftest import PHONE
from tests.browser.test_roles_workflow import _log_in

pytestmark = pytest.mark.django_db(transaction=True)
ADMIN = {"width": 1366, "height": 900}


def _axe(page):
    violations = Axe().run(page).response["violations"]
    return [f"{page.url}: axe {item['id']}: {item['help']}" for item in violations]


def _suggest(page, url, title, language, screenshot_dir, problems):
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == language
    page.screenshot(path=screenshot_dir / f"suggest-{language}-1-empty.jpg", full_page=True)
    page.locator("#id_title").fill(title)
    page.locator("#id_description").fill("Ehrenamtliche helfen bei Handys und Tablets.")
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_end_time").fill("11:30")
    page.locator("#id_site").select_option(
        label="Quartierszentrum Böckingen, Ludwigsburger Straße 18, 74080 Heilbronn"
    )
    # The mistake: a weekly activity without a weekday.
    page.locator("form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    errors = page.locator("#form-errors")
    assert errors.is_visible()
    assert page.locator("#id_title").input_value() == title  # nothing lost
    page.screenshot(path=screenshot_dir / f"suggest-{language}-2-error.jpg", full_page=True)
    problems += _axe(page)
    page.locator("#id_weekdays_1").check()
    page.locator("form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert not page.locator("#form-errors").count()
    assert page.locator("#suggestions-heading").is_visible()
    assert page.get_by_text(title).is_visible()
    page.screenshot(path=screenshot_dir / f"suggest-{language}-3-sent.jpg", full_page=True)
    problems += _axe(page)


def test_a_contact_person_suggests_on_a_phone_and_the_quarter_manager_finds_it(
    browser, live_server, screenshot_dir, html_checker
):
    call_command("load_demo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("create_demo_users", verbosity=0)
    actor = Actor.objects.get(slug="repair-initiative-neckarufer")
    key = actor.issue_suggestion_link(None)

    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    problems = []
    _suggest(
        page,
        f"{live_server.url}/de/angebote/vorschlagen/akteur/{key}/",
        "Handy-Hilfe am Dienstag",
        "de",
        screenshot_dir,
        problems,
    )
    _suggest(
        page,
        f"{live_server.url}/ar/angebote/vorschlagen/akteur/{key}/",
        "مساعدة في استخدام الهاتف",
        "ar",
        screenshot_dir,
        problems,
    )
    assert page.locator("html").get_attribute("dir") == "rtl"
    offers = Offer.objects.filter(actor=actor, is_proposal=True, title_de__startswith="Handy-Hilfe")
    assert offers.count() == 1 and offers.get().publication_status == "draft"

    # A revoked link: a friendly page, not an error.
    actor.revoke_suggestion_link(None)
    response = page.goto(f"{live_server.url}/ar/angebote/vorschlagen/akteur/{key}/")
    assert response.status == 404
    page.screenshot(path=screenshot_dir / "suggest-ar-4-revoked.jpg", full_page=True)
    problems += _axe(page)
    key = actor.issue_suggestion_link(None)
    documents = {
        path: page.request.get(live_server.url + path).text()
        for path in (
            f"/de/angebote/vorschlagen/akteur/{key}/",
            f"/ar/angebote/vorschlagen/akteur/{key}/",
            "/de/angebote/vorschlagen/akteur/widerrufen/",
        )
    }
    problems += html_checker(documents)
    assert not problems, "\n".join(problems)
    context.close()

    # The quarter manager of Böckingen sees both in the task list and the queue.
    admin, page = _log_in(browser, live_server, "qm-boeckingen")
    page.set_viewport_size(ADMIN)
    task = page.get_by_role("link", name="von Akteuren im Quartier vorgeschlagene Angebote")
    assert task.is_visible()
    page.screenshot(path=screenshot_dir / "suggest-admin-1-home.jpg", full_page=True)
    task.click()
    page.wait_for_load_state()
    row = page.get_by_role("row").filter(has_text="Handy-Hilfe am Dienstag")
    assert row.get_by_text("vorgeschlagen von Repair-Initiative Neckarufer (Demo)").is_visible()
    page.screenshot(path=screenshot_dir / "suggest-admin-2-queue.jpg", full_page=True)
    admin.close()
