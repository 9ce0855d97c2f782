"""The admin as editors use it: German, translation tabs, inlines, uploads with clear errors."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from centers.models import Centre, Document
from tests.factories import image_upload, make_centre, make_site, pdf_upload

pytestmark = pytest.mark.django_db
INLINES = ["sites", "stage_changes", "contacts", "documents"]


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("redaktion", "r@example.org", "geheim-123")
    client.force_login(user)
    return client


def _centre_form(**extra):
    data = {
        "name": "Quartierszentrum Neu",
        "slug": "neu",
        "status": "operating",
        "stage": "neighbourhood_centre",
        "publication_status": "published",
        "summary_de": "Kurz",
    }
    for prefix in INLINES:
        total = 1 if any(key.startswith(f"{prefix}-0-") for key in extra) else 0
        data |= {
            f"{prefix}-TOTAL_FORMS": str(total),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | extra


def _document(file):
    return {
        "documents-0-kind": "annual_report",
        "documents-0-year": "2024",
        "documents-0-publication_status": "published",
        "documents-0-title_de": "Jahresbericht 2024",
        "documents-0-summary_de": "<p>Gut</p><script>x</script>",
        "documents-0-file": file,
    }


def test_admin_is_german_and_has_translation_tabs_served_locally(editor):
    html = editor.get("/admin/centers/centre/add/").content.decode()
    assert 'lang="de"' in html
    assert "Quartierszentrum" in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html
    assert "summary_ar" in html
    assert 'id="id_slug"' in html and "prepopulate" in html
    assert all(f'id="{prefix}-group"' in html for prefix in INLINES)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/centers/centre/",
        "/admin/centers/quarter/",
        "/admin/centers/site/",
        "/admin/centers/document/",
        "/admin/centers/processfacts/",
        "/admin/contacts/contactperson/",
        "/admin/centers/centre/?status__exact=planned&q=B%C3%B6ckingen",
        "/admin/contacts/contactperson/add/",
        "/admin/centers/quarter/add/",
    ],
)
def test_admin_pages_load(editor, path):
    make_centre()
    assert editor.get(path).status_code == 200


def test_centre_with_site_contact_and_good_pdf_is_saved_through_the_admin(editor):
    data = _centre_form(
        **_document(pdf_upload()),
        **{
            "sites-0-name": "Haupthaus",
            "sites-0-is_main": "on",
            "sites-0-street": "Teststraße 1",
            "sites-0-postcode": "74080",
            "sites-0-city": "Heilbronn",
            "sites-0-step_free_entrance": "yes",
            "sites-0-accessible_toilet": "unknown",
            "sites-0-hearing_loop": "no",
            "contacts-0-name": "Lena Hartmann",
            "contacts-0-role_de": "Quartiersmanagerin",
            "contacts-0-phone": "07131 56-2731",
            "contacts-0-sort_order": "0",
        },
    )
    response = editor.post("/admin/centers/centre/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    centre = Centre.objects.get(slug="neu")
    assert centre.sites.get().is_main
    assert centre.contacts.get().name == "Lena Hartmann"
    document = centre.documents.get()
    assert document.file_size > 0
    assert "script" not in document.summary_de


def test_a_fake_pdf_is_rejected_with_a_clear_message(editor):
    fake = SimpleUploadedFile("bericht.pdf", b"MZ this is no pdf", content_type="application/pdf")
    response = editor.post("/admin/centers/centre/add/", _centre_form(**_document(fake)))
    assert response.status_code == 200
    assert "Diese Datei ist kein PDF-Dokument" in response.content.decode()
    assert not Document.objects.exists()


def test_an_oversized_pdf_is_rejected_with_a_clear_message(editor):
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1))
    response = editor.post("/admin/centers/centre/add/", _centre_form(**_document(big)))
    assert response.status_code == 200
    assert "Die Datei ist zu groß" in response.content.decode()
    assert not Centre.objects.exists()


def test_a_broken_image_is_rejected_with_a_clear_message(editor):
    broken = SimpleUploadedFile("bild.png", b"\x89PNG\r\n\x1a\nkaputt", content_type="image/png")
    data = _centre_form(image=broken, image_alt_de="Ein Bild")
    response = editor.post("/admin/centers/centre/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "gültiges Bild" in html or "kein lesbares Bild" in html
    assert not Centre.objects.exists()


def test_an_image_without_alt_text_is_refused_in_the_admin(editor):
    response = editor.post("/admin/centers/centre/add/", _centre_form(image=image_upload()))
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Bild" in response.content.decode()
    assert not Centre.objects.exists()


def test_a_good_image_gets_a_preview_in_the_change_list(editor):
    data = _centre_form(image=image_upload(), image_alt_de="Das Haus von außen")
    assert editor.post("/admin/centers/centre/add/", data).status_code == 302
    html = editor.get("/admin/centers/centre/").content.decode()
    assert ".webp" in html


def test_editing_a_centre_keeps_its_existing_sites(editor):
    centre = make_centre(slug="alt")
    site = make_site(centre, is_main=True)
    html = editor.get(f"/admin/centers/centre/{centre.pk}/change/").content.decode()
    assert site.street in html


def test_the_fact_box_cannot_be_added_twice_or_deleted(editor):
    from tests.factories import make_process_facts

    assert editor.get("/admin/centers/processfacts/add/").status_code == 200
    facts = make_process_facts()
    assert editor.get("/admin/centers/processfacts/add/").status_code == 403
    assert editor.get(f"/admin/centers/processfacts/{facts.pk}/delete/").status_code == 403


def test_jquery_ui_for_the_tabs_is_served_from_our_own_static_files():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")
    assert finders.find("modeltranslation/js/tabbed_translation_fields.js")


def _site(index, is_main):
    data = {
        f"sites-{index}-name": f"Standort {index}",
        f"sites-{index}-street": "Teststraße 1",
        f"sites-{index}-postcode": "74080",
        f"sites-{index}-city": "Heilbronn",
        f"sites-{index}-step_free_entrance": "unknown",
        f"sites-{index}-accessible_toilet": "unknown",
        f"sites-{index}-hearing_loop": "unknown",
    }
    if is_main:
        data[f"sites-{index}-is_main"] = "on"
    return data


@pytest.mark.parametrize("mains", [(False, False), (True, True)])
def test_sites_need_exactly_one_main_site(editor, mains):
    data = _centre_form(**_site(0, mains[0]), **_site(1, mains[1]))
    data["sites-TOTAL_FORMS"] = "2"
    response = editor.post("/admin/centers/centre/add/", data)
    assert response.status_code == 200
    assert "Bitte markieren Sie genau einen Standort als Hauptstandort" in response.content.decode()
    assert not Centre.objects.exists()
