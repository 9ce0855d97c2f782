import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.lib.uploads import RandomName, validate_image, validate_pdf
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
    assert name.startswith("documents/")
    assert "Müller" not in name and "Geheimer" not in name and not name.endswith(".PDF")


def _jpeg_with_gps():
    from PIL import Image

    image = Image.new("RGB", (200, 120), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    gps = {1: "N", 2: (49.0, 8.0, 30.0), 3: "E", 4: (9.0, 13.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_saved_photo_keeps_no_exif_location():
    from PIL import Image

    from tests.factories import make_contact

    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)
    contact = make_contact(
        photo=SimpleUploadedFile("me.jpg", original, "image/jpeg"), photo_alt="Porträt"
    )
    contact.refresh_from_db()
    with contact.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif().get(0x8825)
        assert not image.getexif().get(0x010F)
        assert image.size == (200, 120)


def test_it_rejects_an_image_over_10_mb():
    upload = image_upload()
    upload.size = 10 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        validate_image(upload)
    assert error.value.code == "image_too_large"


def test_it_rejects_a_decompression_bomb():
    # A small file that unpacks to 50 megapixels.
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (10000, 5000)).save(buffer, format="PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue())
    assert bomb.size < 10 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        validate_image(bomb)
    assert error.value.code in {"image_too_many_pixels", "broken_image"}
