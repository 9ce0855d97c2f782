"""The weekly plan for the fridge: printed from the browser it is one A4 portrait page, in German,
Arabic and Turkish and in two languages, for the neighbourhood with the most activities, in
December (the Christmas holidays and a public holiday cancel many dates, each noted under its
activity); on a phone it needs no sideways scrolling."""

import io
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from tests.browser.conftest import PHONE

A4_PORTRAIT_POINTS = (595, 842)


@pytest.mark.django_db(transaction=True)
def test_the_printed_weekly_plan_is_one_a4_portrait_page_in_every_tried_language(
    live_server, browser, screenshot_dir, monkeypatch
):
    december = date(2026, 12, 3)
    moment = timezone.make_aware(datetime(2026, 12, 3, 9), timezone.get_default_timezone())
    monkeypatch.setattr(timezone, "localdate", lambda *args: december)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    call_command("load_demo", verbosity=0)
    context = browser.new_context()
    page = context.new_page()
    for path in (
        "/de/angebote/wochenplan/boeckingen/",
        "/ar/angebote/wochenplan/boeckingen/",
        "/tr/angebote/wochenplan/boeckingen/",
        "/de/angebote/wochenplan/boeckingen/?zweitsprache=ar",
        "/de/angebote/wochenplan/boeckingen/?zweitsprache=tr",
    ):
        page.goto(live_server.url + path)
        assert page.locator(".plan-entry").count() >= 15
        assert page.locator(".plan-qr img").count() == 1
        page.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) == 1, path
        box = pdf.pages[0].mediabox
        assert (round(box.width), round(box.height)) == A4_PORTRAIT_POINTS
        page.emulate_media(media="screen")
    context.close()

    # The QR code's caption (the live address) once pushed the page sideways on a phone.
    phone = browser.new_context(viewport=PHONE)
    page = phone.new_page()
    for path in (
        "/de/angebote/wochenplan/boeckingen/",
        "/ar/angebote/wochenplan/boeckingen/",
        "/de/angebote/wochenplan/boeckingen/?zweitsprache=ar",
    ):
        page.goto(live_server.url + path)
        width, shown = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width <= shown, (path, width, shown)
    page.screenshot(path=screenshot_dir / "weekly-plan-phone-de-ar.jpg", full_page=False)
    phone.close()
