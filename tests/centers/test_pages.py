import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from centers.models import CentreStatus
from portal.models import PublicationStatus
from tests.factories import (
    make_centre,
    make_contact,
    make_document,
    make_process_facts,
    make_quarter,
    make_site,
)

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "ar", "ro", "ru", "tr"]


@pytest.fixture
def centre():
    centre = make_centre(slug="boeckingen", name="Quartierszentrum Böckingen", summary_de="Kurz")
    make_site(centre, is_main=True, latitude="49.1", longitude="9.2", name="Haupthaus")
    make_site(centre, name="Außenstelle Kreuzgrund")
    make_contact(centre, name="Lena Hartmann", phone="07131 56-2731", email="lena@example.org")
    make_document(centre, year=2024, title_de="Jahresbericht 2024")
    return centre


@pytest.fixture
def quarter(centre):
    return make_quarter(centre, name="Kreuzgrund", slug="kreuzgrund")


def _url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_every_language(client, centre, quarter, language):
    make_process_facts()
    for name, kwargs in [
        ("home", {}),
        ("centers:overview", {}),
        ("centers:quarter-list", {}),
        ("centers:quarter-detail", {"slug": "kreuzgrund"}),
        ("centers:centre-detail", {"slug": "boeckingen"}),
        ("contacts:list", {}),
    ]:
        response = client.get(_url(name, language, **kwargs))
        assert response.status_code == 200, name
        assert f'lang="{language}"' in response.content.decode()


def test_centre_page_shows_sites_team_and_reports_with_links(client, centre):
    html = client.get(_url("centers:centre-detail", "de", slug="boeckingen")).content.decode()
    assert "Außenstelle Kreuzgrund" in html
    assert 'href="tel:+497131562731"' in html
    assert 'href="mailto:lena@example.org"' in html
    assert "https://www.openstreetmap.org/directions" in html
    assert "Herunterladen (PDF, " in html
    assert "Stufenloser Eingang" in html or "stufenloser Eingang" in html.lower()
    assert "{# OFFERS-SECTION #}" not in html  # the marker is a template comment


def test_centre_page_json_ld_parses_and_cannot_break_out_of_the_script(client):
    centre = make_centre(slug="xss", name="Zentrum </script><script>alert(1)</script>")
    make_site(centre, is_main=True)
    html = client.get(_url("centers:centre-detail", "de", slug="xss")).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["name"] == "Zentrum </script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_draft_centre_is_not_found_for_residents(client):
    make_centre(slug="entwurf", publication_status=PublicationStatus.DRAFT)
    assert client.get(_url("centers:centre-detail", "de", slug="entwurf")).status_code == 404


def test_unknown_slugs_give_404(client):
    assert client.get(_url("centers:centre-detail", "de", slug="gibt-es-nicht")).status_code == 404
    assert client.get(_url("centers:quarter-detail", "de", slug="gibt-es-nicht")).status_code == 404


def test_planned_centre_is_visible_and_marked_as_planned(client):
    import datetime

    make_centre(slug="sontheim", status=CentreStatus.PLANNED, opened_on=datetime.date(2027, 1, 1))
    html = client.get(_url("centers:centre-detail", "de", slug="sontheim")).content.decode()
    assert "Geplant" in html
    assert "2027" in html
    overview = client.get(_url("centers:overview", "de")).content.decode()
    assert "Geplant für die Vision 2030" in overview


def test_quarter_page_leads_to_its_centre_with_address_hours_and_phone(client, quarter):
    html = client.get(_url("centers:quarter-detail", "en", slug="kreuzgrund")).content.decode()
    assert 'href="/en/quartierszentren/boeckingen/"' in html
    assert "Teststraße" in html
    assert "09:00–17:00" in html
    assert "tel:+497131562731" in html
    assert "Latest annual report" in html


def test_quarter_of_a_draft_centre_shows_no_centre(client):
    hidden = make_centre(publication_status=PublicationStatus.DRAFT, name="Geheimes Zentrum")
    make_quarter(hidden, slug="q-draft")
    html = client.get(_url("centers:quarter-detail", "de", slug="q-draft")).content.decode()
    assert "Geheimes Zentrum" not in html
    assert "noch kein Quartierszentrum" in html


def test_quarter_picker_redirects_without_javascript(client, quarter):
    response = client.get(_url("centers:quarter-list", "de"), {"quarter": "kreuzgrund"})
    assert response.status_code == 302
    assert response["Location"] == "/de/quartiere/kreuzgrund/"


def test_quarter_picker_explains_an_unknown_neighbourhood(client, quarter):
    response = client.get(_url("centers:quarter-list", "de"), {"quarter": "<b>nirgendwo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Quartier kennen wir nicht" in html
    assert 'aria-invalid="true"' in html
    assert "<b>nirgendwo" not in html


def test_missing_translation_falls_back_to_german_marked_with_lang_de(client, centre):
    centre.summary_ar = ""
    centre.summary_de = "Nur auf Deutsch vorhanden"
    centre.save()
    html = client.get(_url("centers:centre-detail", "ar", slug="boeckingen")).content.decode()
    assert '<p class="lead" lang="de">Nur auf Deutsch vorhanden</p>' in html
    centre.summary_ar = "نص عربي"
    centre.save()
    html = client.get(_url("centers:centre-detail", "ar", slug="boeckingen")).content.decode()
    assert '<p class="lead">نص عربي</p>' in html


def test_document_summary_html_is_shown_but_cleaned(client, centre):
    document = centre.documents.first()
    # Bypass save() to prove the template cleans on the way out as well.
    type(document).objects.filter(pk=document.pk).update(
        summary_de="<p><strong>Fett</strong><img src=x onerror=alert(1)></p>"
    )
    html = client.get(_url("centers:centre-detail", "de", slug="boeckingen")).content.decode()
    assert "<strong>Fett</strong>" in html
    assert "onerror" not in html


def test_overview_shows_the_four_tasks_timeline_and_fact_box(client, centre):
    make_process_facts(topics_de="Familie & Gesellschaft & Soziales, Kultur & Freizeit")
    html = client.get(_url("centers:overview", "de")).content.decode()
    assert (
        html.count(
            "<li>",
            html.index('class="task-list"'),
            html.index("</ol>", html.index('class="task-list"')),
        )
        == 4
    )
    assert "Januar 2020" in html
    assert "Familie &amp; Gesellschaft" in html
    assert "Quartierszentrum Böckingen" in html


def test_home_page_offers_the_neighbourhood_finder(client, quarter):
    html = client.get("/de/").content.decode()
    assert 'action="/de/quartiere/"' in html
    assert 'href="/de/quartiere/kreuzgrund/"' in html
    assert "Quartierszentrum Böckingen" in html


def test_quarter_and_centre_pages_list_their_published_activities(client, centre, quarter):
    from portal.models import PublicationStatus
    from tests.offers.factories import make_offer

    make_offer(
        title="Sprachcafé am Dienstag",
        centre=centre,
        quarter=quarter,
        slots=[(1, "15:00", "17:00")],
    )
    make_offer(
        title="Entwurf", centre=centre, quarter=quarter, publication_status=PublicationStatus.DRAFT
    )
    for url in [quarter.get_absolute_url(), centre.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "Sprachcafé am Dienstag" in html
        assert "Entwurf" not in html
        assert f"?{'quarter' if 'quartiere' in url else 'centre'}=" in html
    assert "/angebote/wochenplan/" in client.get(quarter.get_absolute_url()).content.decode()


def test_sitemap_lists_centres_neighbourhoods_and_contact_page(client, centre, quarter):
    make_centre(slug="entwurf", publication_status=PublicationStatus.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    for language in LANGUAGES:
        assert f"/{language}/quartierszentren/boeckingen/" in xml
        assert f"/{language}/quartiere/kreuzgrund/" in xml
        assert f"/{language}/quartierszentren/" in xml
        assert f"/{language}/quartiere/" in xml
        assert f"/{language}/kontakt/" in xml
    assert "entwurf" not in xml


def test_pages_do_not_accept_posts(client, centre):
    assert client.post(_url("centers:centre-detail", "de", slug="boeckingen")).status_code == 405
