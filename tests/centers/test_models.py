import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from centers.models import Centre, CentreStatus, DocumentKind, ProcessFacts
from centers.templatetags.centres import human_size
from portal.lib.translations import is_fallback
from portal.models import PublicationStatus
from tests.factories import (
    image_upload,
    make_centre,
    make_contact,
    make_document,
    make_process_facts,
    make_site,
)

pytestmark = pytest.mark.django_db


def _detailed(centre):
    return Centre.objects.with_public_details().get(pk=centre.pk)


def test_main_site_and_branches_come_from_the_prefetched_sites():
    centre = make_centre()
    main = make_site(centre, is_main=True, name="Haupthaus")
    branch = make_site(centre, name="Außenstelle Kreuzgrund")
    centre = _detailed(centre)
    assert centre.main_site == main
    assert centre.branch_sites == [branch]


def test_a_centre_cannot_have_two_main_sites():
    from django.db import IntegrityError

    centre = make_centre()
    make_site(centre, is_main=True)
    with pytest.raises(IntegrityError):
        make_site(centre, is_main=True)


def test_annual_reports_are_newest_first_and_drafts_stay_hidden():
    centre = make_centre()
    make_document(centre, year=2023, title="Bericht 2023")
    make_document(centre, year=2025, title="Bericht 2025")
    make_document(centre, year=2024, publication_status=PublicationStatus.DRAFT)
    make_document(centre, kind=DocumentKind.POSITION_PAPER, year=2022, title="Eckpunkte")
    centre = _detailed(centre)
    assert [d.year for d in centre.annual_reports] == [2025, 2023]
    assert centre.latest_annual_report.title == "Bericht 2025"
    assert [d.title for d in centre.position_papers] == ["Eckpunkte"]


def test_document_summary_is_sanitised_on_save_and_file_size_recorded():
    centre = make_centre()
    document = make_document(
        centre, summary_de='<p onclick="x()">Gut <script>alert(1)</script><b>fett</b></p>'
    )
    document.refresh_from_db()
    assert "script" not in document.summary_de
    assert "onclick" not in document.summary_de
    assert "<b>fett</b>" in document.summary_de
    assert document.file_size > 0


def test_an_image_without_alt_text_is_refused():
    centre = make_centre(image=image_upload())
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "image_alt_de" in error.value.message_dict


def test_an_image_with_alt_text_is_accepted_and_renditions_are_made(settings):
    centre = make_centre(image=image_upload(), image_alt_de="Das Haus von außen")
    centre.full_clean()
    webp_files = list((settings.MEDIA_ROOT / "centres").glob("*.webp"))
    assert len(webp_files) == 3  # small, large and the admin preview


def test_a_contact_photo_needs_alt_text_too():
    contact = make_contact(photo=image_upload())
    with pytest.raises(ValidationError):
        contact.full_clean()


def test_phone_numbers_become_international_tel_links():
    assert make_contact(phone="07131 56-1167").phone_uri == "tel:+497131561167"


def test_site_route_link_points_to_openstreetmap_only_with_coordinates():
    centre = make_centre()
    with_coordinates = make_site(centre, latitude="49.138120", longitude="9.190540")
    without = make_site(centre)
    assert with_coordinates.route_url.startswith("https://www.openstreetmap.org/directions")
    assert "49.138120%2C9.190540" in with_coordinates.route_url
    assert without.route_url == ""


def test_structured_data_describes_address_geo_hours_and_contact_points():
    centre = make_centre(name="Quartierszentrum Test")
    make_site(
        centre,
        is_main=True,
        street="Ludwigsburger Straße 18",
        postcode="74080",
        latitude="49.1",
        longitude="9.2",
        opening_hours_spec="Mo-Th 09:00-16:00",
    )
    make_site(centre, name="Außenstelle")
    make_contact(centre, phone="07131 56-2731", email="lena@example.org")
    data = _detailed(centre).structured_data("https://example.org")
    assert "GovernmentOrganization" in data["@type"]
    assert data["address"]["streetAddress"] == "Ludwigsburger Straße 18"
    assert data["geo"]["latitude"] == 49.1
    assert data["openingHours"] == ["Mo-Th 09:00-16:00"]
    assert data["contactPoint"][0]["telephone"] == "+497131562731"
    assert data["department"][0]["name"] == "Außenstelle"
    json.dumps(data)  # serialisable as it is


def test_there_is_only_ever_one_fact_box():
    make_process_facts()
    make_process_facts(state_de="abgeschlossen")
    assert ProcessFacts.objects.count() == 1
    assert ProcessFacts.current().state_de == "abgeschlossen"


def test_planned_and_operating_querysets():
    planned = make_centre(status=CentreStatus.PLANNED, opened_on=datetime.date(2028, 1, 1))
    operating = make_centre()
    assert list(Centre.objects.planned()) == [planned]
    assert list(Centre.objects.operating()) == [operating]
    assert planned.is_planned and not operating.is_planned


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "1,2 MB"),
        ("en", "1.2 MB"),
        ("ar", "1.2 ميغابايت"),
        ("ru", "1,2 МБ"),
        ("tr", "1,2 MB"),
    ],
)
def test_file_sizes_use_the_decimal_separator_of_the_language(language, expected):
    with translation.override(language):
        assert human_size(1_234_567) == expected


def test_fallback_is_detected_only_when_the_language_field_is_empty():
    centre = make_centre(summary_de="Nur deutsch", summary_en="English too")
    with translation.override("ar"):
        assert is_fallback(centre, "summary")
    with translation.override("en"):
        assert not is_fallback(centre, "summary")
    with translation.override("de"):
        assert not is_fallback(centre, "summary")
