"""Issue 17: an upload is stored under the extension of what it is, and active PDFs are refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from contacts.models import ContactPerson
from portal.lib.uploads import validate_pdf
from tests.factories import image_bytes, make_centre, make_contact, make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def test_a_pdf_named_html_is_stored_as_pdf():
    polyglot = pdf_bytes() + b"<html><script>alert(1)</script></html>"
    document = make_document(
        make_centre(), file=SimpleUploadedFile("bericht.html", polyglot, "text/html")
    )
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("image_format", "named", "extension"),
    [("PNG", "foto.html", ".png"), ("JPEG", "foto.svg", ".jpg"), ("WEBP", "foto", ".webp")],
)
def test_an_image_is_stored_with_the_extension_of_its_format(image_format, named, extension):
    contact = make_contact(photo=SimpleUploadedFile(named, image_bytes(image_format)))
    stored = ContactPerson.objects.get(pk=contact.pk).photo.name
    assert stored.startswith("contacts/") and stored.endswith(extension)


def _pdf_with(**catalogue_entries):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    for name, value in catalogue_entries.items():
        writer._root_object[NameObject(f"/{name}")] = value
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _javascript_action():
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hi')"),
        }
    )


def _refused(content):
    with pytest.raises(ValidationError) as error:
        validate_pdf(SimpleUploadedFile("bericht.pdf", content))
    return error.value


def test_a_pdf_that_runs_javascript_when_opened_is_refused():
    error = _refused(_pdf_with(OpenAction=_javascript_action()))
    assert error.code == "pdf_active_content"


def test_a_pdf_with_an_additional_action_is_refused():
    error = _refused(_pdf_with(AA=DictionaryObject({NameObject("/O"): _javascript_action()})))
    assert error.code == "pdf_active_content"


def test_a_pdf_with_an_attached_file_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("rechnung.exe", b"MZ\x90\x00")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _refused(buffer.getvalue()).code == "pdf_active_content"


def test_a_pdf_with_javascript_in_its_name_tree_is_refused():
    from pypdf.generic import ArrayObject

    scripts = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("start"), _javascript_action()])}
    )
    names = DictionaryObject({NameObject("/JavaScript"): scripts})
    assert _refused(_pdf_with(Names=names)).code == "pdf_active_content"


def test_the_refusal_is_explained_in_the_editors_language():
    error = _refused(_pdf_with(OpenAction=_javascript_action()))
    with translation.override("en"):
        english = str(error.messages[0])
    with translation.override("de"):
        german = str(error.messages[0])
    assert "scripts" in english
    assert german != english


def test_a_plain_pdf_that_opens_at_its_first_page_is_accepted():
    from pypdf.generic import ArrayObject, NumberObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [page.indirect_reference, NameObject("/XYZ"), NumberObject(0), NumberObject(0)]
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    validate_pdf(SimpleUploadedFile("bericht.pdf", buffer.getvalue()))
