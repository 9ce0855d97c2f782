"""Staff preview of a draft on the public site, on a phone, in German and Arabic."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from demo.management.commands.create_demo_users import DEMO_PASSWORD
from offers.models import Offer
from portal.models import PublicationStatus
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
BANNER = {"de": "Vorschau", "ar": "معاينة"}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_quarter_manager_previews_a_draft_on_a_phone_and_residents_get_404(
    browser, live_server, screenshot_dir, language
):
    call_command("load_demo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("create_demo_users", verbosity=0)
    offer = Offer.objects.filter(centre__slug="boeckingen").first()
    Offer.objects.filter(pk=offer.pk).update(publication_status=PublicationStatus.DRAFT)

    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Benutzername").fill("qm-boeckingen")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    response = page.goto(f"{live_server.url}/{language}/angebote/{offer.slug}/")
    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    banner = page.locator(".preview-banner")
    assert BANNER[language] in banner.inner_text()
    assert page.locator("html").get_attribute("lang") == language
    page.screenshot(path=screenshot_dir / f"roles-preview-{language}.jpg", full_page=True)
    context.close()

    resident = browser.new_context(viewport=PHONE)
    assert (
        resident.new_page().goto(f"{live_server.url}/{language}/angebote/{offer.slug}/").status
        == 404
    )
    resident.close()
