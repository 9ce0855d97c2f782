"""Live and draft apart, in a real browser: a quarter manager changes the time of a published
activity, residents keep seeing the old time, the office approves, residents see the new one."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from offers.models import Offer
from staff.models import Revision, RevisionState
from tests.browser.conftest import DESKTOP
from tests.browser.test_roles_workflow import _log_in

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "sozialberatung-boeckingen"


def test_a_changed_time_waits_for_the_office_and_then_goes_live(
    browser, live_server, screenshot_dir
):
    call_command("load_demo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("create_demo_users", verbosity=0)
    offer = Offer.objects.get(slug=SLUG)
    slot = offer.schedules.get()
    old, new = slot.start_time.strftime("%H:%M"), "10:00"
    assert old != new

    # 1. The quarter manager of Böckingen changes the time and saves.
    context, page = _log_in(browser, live_server, "qm-boeckingen")
    page.goto(f"{live_server.url}/admin/offers/offer/{offer.pk}/change/")
    page.locator("input[name=schedules-0-start_time]").fill(new)
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ihre Änderung wartet auf die Prüfung durch die Redaktion").is_visible()
    page.screenshot(path=screenshot_dir / "editorial-1-qm-saved.jpg", full_page=True)
    context.close()

    # 2. Residents still see the published time.
    resident = browser.new_context(viewport=DESKTOP)
    public = resident.new_page()
    public.goto(f"{live_server.url}/de/angebote/{SLUG}/")
    assert f"{old}–" in public.content() and f"{new}–" not in public.content()
    public.screenshot(path=screenshot_dir / "editorial-2-public-unchanged.jpg", full_page=True)

    # 3. The office finds it in the review queue, reads the difference and approves.
    context, page = _log_in(browser, live_server, "redaktion")
    queue = page.locator("#editorial-queue")
    assert queue.get_by_text("qm-boeckingen").is_visible()
    page.screenshot(path=screenshot_dir / "editorial-3-office-home.jpg", full_page=True)
    queue.get_by_role("link", name=offer.title).click()
    page.wait_for_load_state()
    assert page.locator("del", has_text=old).is_visible()
    assert page.locator("ins", has_text=new).is_visible()
    page.screenshot(path=screenshot_dir / "editorial-4-review.jpg", full_page=True)
    page.get_by_role("button", name="Freigeben und veröffentlichen").click()
    page.wait_for_load_state()
    assert Revision.objects.get().state == RevisionState.APPROVED
    context.close()

    # 4. Residents see the new time at once.
    public.goto(f"{live_server.url}/de/angebote/{SLUG}/")
    assert f"{new}–" in public.content() and f"{old}–" not in public.content()
    public.screenshot(path=screenshot_dir / "editorial-5-public-changed.jpg", full_page=True)
    resident.close()
