"""The office writes an activity's description with the editor (bold, list, link) under the
strict CSP; residents read it on the phone in German and Arabic; a quarter manager restoring an
old version with other target groups only asks for it."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from demo.management.commands.create_demo_users import DEMO_PASSWORD
from offers.models import Offer, TargetGroup
from portal.models import PublicationStatus
from staff.models import Revision, RevisionState

pytestmark = pytest.mark.django_db(transaction=True)
ADMIN = {"width": 1366, "height": 900}


def _log_in(browser, live_server, username, violations):
    context = browser.new_context(viewport=ADMIN, device_scale_factor=1)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    return context, page


def test_the_office_writes_rich_text_and_a_quarter_managers_restore_waits(
    browser, live_server, screenshot_dir
):
    call_command("load_demo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("create_demo_users", verbosity=0)
    offer = Offer.objects.filter(
        centre__slug="boeckingen", publication_status=PublicationStatus.PUBLISHED
    ).first()
    assert offer is not None

    # 1. The office opens the activity: the editor loads with no CSP violation.
    violations = []
    context, page = _log_in(browser, live_server, "redaktion", violations)
    page.goto(f"{live_server.url}/admin/offers/offer/{offer.pk}/change/")
    editor = page.locator("#id_description_de").locator("xpath=..").locator(".tiptap")
    editor.wait_for()
    assert page.locator(".prose-editor .tiptap").count() == 6  # one per language tab
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("Ein ")
    page.keyboard.press("Control+B")
    page.keyboard.type("wichtiger")
    page.keyboard.press("Control+B")
    page.keyboard.type(" Nachmittag.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Spiele")
    page.keyboard.press("Enter")
    page.keyboard.type("Kuchen")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Mehr unter https://www.heilbronn.de ")
    page.screenshot(path=screenshot_dir / "rich-text-1-editor.jpg", full_page=False)
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    offer.refresh_from_db()
    assert "<strong>wichtiger</strong>" in offer.description_de
    assert "<ul><li><p>Spiele</p></li><li><p>Kuchen</p></li></ul>" in offer.description_de
    assert 'href="https://www.heilbronn.de"' in offer.description_de
    assert violations == []
    context.close()

    # 2. Residents read it on the phone, in German and in Arabic (German text, marked so).
    resident = browser.new_context(viewport={"width": 390, "height": 844})
    public = resident.new_page()
    public.goto(f"{live_server.url}{offer.get_absolute_url()}")
    assert public.locator("main strong", has_text="wichtiger").is_visible()
    assert public.locator("main li", has_text="Kuchen").is_visible()
    public.screenshot(path=screenshot_dir / "rich-text-2-public-de.jpg", full_page=True)
    public.goto(f"{live_server.url}/ar{offer.get_absolute_url()[3:]}")
    assert public.locator("html[dir=rtl]").count() == 1
    assert public.locator("main h1").is_visible()
    public.screenshot(path=screenshot_dir / "rich-text-3-public-ar.jpg", full_page=True)
    resident.close()

    # 3. The office changes the target groups; the quarter manager restores the version before.
    version = offer.history.order_by("-history_id").first()
    old_groups = set(offer.target_groups.all())
    other = TargetGroup.objects.exclude(pk__in=[g.pk for g in old_groups]).first()
    offer.target_groups.set([other])
    violations = []
    context, page = _log_in(browser, live_server, "qm-boeckingen", violations)
    page.goto(f"{live_server.url}/admin/offers/offer/{offer.pk}/history/{version.history_id}/")
    page.screenshot(path=screenshot_dir / "rich-text-4-qm-old-version.jpg", full_page=True)
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert page.locator("li.success", has_text="wartet auf die Prüfung").is_visible()
    page.screenshot(path=screenshot_dir / "rich-text-5-qm-restore-pending.jpg", full_page=True)
    assert set(offer.target_groups.all()) == {other}  # live unchanged
    revision = Revision.objects.get(state=RevisionState.PENDING, object_id=str(offer.pk))
    assert sorted(revision.data["fields"]["target_groups"]) == sorted(g.pk for g in old_groups)
    assert violations == []
    context.close()
