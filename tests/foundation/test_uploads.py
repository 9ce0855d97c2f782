import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from heilbronn_quartier.lib.uploads import RandomName, validate_image, validate_pdf
from tests.factories import image_bytes, image_upload, pdf_upload


def test_it_accepts_a_real_pdf():
    validate_pdf(pdf_upload())


def test_it_rejects_a_text_file_named_pdf():
    fake = SimpleUploadedFile("bericht.pdf", b"Hello, I am not a PDF", "application/pdf")
    with pytest.raises(ValidationError) as error:
        validate_pdf(fake)
    assert error.value.code == "not_pdf"


def test_it_rejects_a_pdf_header_with_garbage_behind_it():
    broken = SimpleUploadedFile("x.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(ValidationError) as error:
        validate_pdf(broken)
    assert error.value.code == "broken_pdf"


def test_it_rejects_a_pdf_over_20_mb():
    upload = pdf_upload()
    upload.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        validate_pdf(upload)
    assert error.value.code == "pdf_too_large"


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_it_accepts_jpeg_png_and_webp(image_format):
    validate_image(SimpleUploadedFile("a", image_bytes(image_format)))


def test_it_rejects_a_gif():
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("a.gif", image_bytes("GIF")))
    assert error.value.code == "image_format"


def test_it_rejects_a_broken_image():
    truncated = image_bytes("PNG")[:60]
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("a.png", truncated))
    assert error.value.code == "broken_image"


def test_it_rejects_an_image_with_more_than_40_megapixels():
    with pytest.raises(ValidationError) as error:
        validate_image(image_upload(size=(8000, 5001)))
    assert error.value.code in {"image_too_many_pixels", "broken_image"}


def test_random_names_keep_nothing_of_the_original_name():
    name = RandomName("documents")(None, "Geheimer Bericht Müller.PDF")
    assert name.startswith("documents/") and name.endswith(".pdf")
    assert "Müller" not in name and "Geheimer" not in name
