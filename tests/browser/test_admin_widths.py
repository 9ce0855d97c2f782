"""The admin at 1366 px (a common office laptop) and on a tablet (820 × 1180): no sideways
scrolling of the page, and none inside the inlines and lists, on the forms and lists of activities,
centres and surveys. The live preview of the next ten dates follows a ticked weekday."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from centers.models import Centre
from demo.management.commands.create_demo_users import DEMO_PASSWORD
from offers.models import Offer
from survey.models import Survey

pytestmark = pytest.mark.django_db(transaction=True)
SIZES = [{"width": 1366, "height": 768}, {"width": 820, "height": 1180}]
OVERFLOWING = """() => [...document.querySelectorAll('.inline-group, #changelist .results')]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => (e.id || e.className) + ': ' + e.scrollWidth + ' > ' + e.clientWidth)"""
# A time slot's repetition: the width its chosen word takes, and the room inside its select.
REPETITION = """() => [...document.querySelectorAll('#schedules-group td.field-recurrence select')]
    .filter(select => select.offsetParent).map(select => {
      const style = getComputedStyle(select);
      const canvas = document.createElement('canvas').getContext('2d');
      canvas.font = style.font;
      return [canvas.measureText(select.options[select.selectedIndex].text).width,
              select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
    })"""
ARROW = 20  # px the select's own arrow takes beside the word


def _log_in(browser, live_server, viewport):
    context = browser.new_context(
        viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin", device_scale_factor=1
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    return context, page


def test_the_admin_needs_no_sideways_scrolling_at_1366_px_and_on_a_tablet(
    browser, live_server, screenshot_dir
):
    call_command("load_demo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("create_demo_users", verbosity=0)
    offer = Offer.objects.filter(schedules__isnull=False).first()
    centre = Centre.objects.filter(sites__isnull=False).first()
    survey = Survey.objects.filter(questions__isnull=False).first()
    pages = [
        "/admin/offers/offer/",
        f"/admin/offers/offer/{offer.pk}/change/",
        "/admin/centers/centre/",
        f"/admin/centers/centre/{centre.pk}/change/",
        "/admin/survey/survey/",
        f"/admin/survey/survey/{survey.pk}/change/",
    ]
    found = {}
    context, page = _log_in(browser, live_server, SIZES[0])
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        for viewport in SIZES:  # the same page laid out again at each size
            page.set_viewport_size(viewport)
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            inner_width = page.evaluate("innerWidth")
            overflowing = page.evaluate(OVERFLOWING)
            if scroll_width > inner_width or overflowing:
                found[(viewport["width"], path)] = (scroll_width, inner_width, overflowing)
        page.set_viewport_size(SIZES[0])
    page.goto(f"{live_server.url}/admin/offers/offer/{offer.pk}/change/")
    repetitions = page.evaluate(REPETITION)  # at 1366 px
    for viewport in SIZES:
        page.set_viewport_size(viewport)
        page.locator("#schedules-group").scroll_into_view_if_needed()
        page.screenshot(path=screenshot_dir / f"admin-slots-{viewport['width']}.jpg")
    context.close()
    assert found == {}
    assert repetitions and all(room >= word + ARROW for word, room in repetitions), repetitions


def test_ticking_a_weekday_updates_the_next_ten_dates_without_saving(
    browser, live_server, screenshot_dir
):
    call_command("load_demo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("create_demo_users", verbosity=0)
    offer = Offer.objects.filter(schedules__recurrence="weekly", schedules__interval=1).first()
    slot = offer.schedules.get() if offer.schedules.count() == 1 else offer.schedules.first()
    other_day = (slot.days[0] + 1) % 7
    context, page = _log_in(browser, live_server, SIZES[0])
    page.goto(f"{live_server.url}/admin/offers/offer/{offer.pk}/change/")
    preview = page.locator(".upcoming-preview")
    before = preview.inner_text()
    index = list(offer.schedules.all()).index(slot)
    page.locator(f"input[name='schedules-{index}-weekdays'][value='{other_day}']").check()
    page.wait_for_function(
        "text => document.querySelector('.upcoming-preview').innerText !== text", arg=before
    )
    weekday_short = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"][other_day]
    assert f"\n{weekday_short}, " in "\n" + preview.inner_text()
    preview.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "admin-live-preview.jpg")
    context.close()
    assert offer.schedules.get(pk=slot.pk).weekdays == slot.weekdays  # nothing saved
