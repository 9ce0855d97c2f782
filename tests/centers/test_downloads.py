import pytest

from portal.models import PublicationStatus
from tests.factories import make_centre, make_document

pytestmark = pytest.mark.django_db


def test_a_document_downloads_as_a_pdf_attachment(client):
    document = make_document(make_centre(name="Quartierszentrum Böckingen"), year=2024)
    response = client.get(f"/de/dokumente/{document.pk}/herunterladen/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "quartierszentrum-bockingen" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_draft_document_cannot_be_downloaded(client):
    document = make_document(make_centre(), publication_status=PublicationStatus.DRAFT)
    assert client.get(f"/de/dokumente/{document.pk}/herunterladen/").status_code == 404


def test_a_document_of_a_draft_centre_cannot_be_downloaded(client):
    document = make_document(make_centre(publication_status=PublicationStatus.DRAFT))
    assert client.get(f"/de/dokumente/{document.pk}/herunterladen/").status_code == 404


def test_the_centre_page_links_the_download(client):
    centre = make_centre()
    document = make_document(centre)
    html = client.get(centre.get_absolute_url()).content.decode()
    assert f"/de/dokumente/{document.pk}/herunterladen/" in html
