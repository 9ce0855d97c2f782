"""Validation and naming of uploaded files: judged by content, never by file name."""

import io
import secrets

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MIN_IMAGE_SIDE = 64
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def detected_extension(fileobj):
    """The extension of what the file really is: .pdf, .jpg, .png, .webp, or .bin otherwise."""
    head = _read_head(fileobj, 1024)
    if head.lstrip().startswith(b"%PDF-"):
        return ".pdf"
    try:
        with Image.open(fileobj) as image:
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        image_format = None
    finally:
        fileobj.seek(0)
    return f".{IMAGE_FORMATS[image_format]}" if image_format in IMAGE_FORMATS else ".bin"


@deconstructible
class RandomName:
    """upload_to that keeps no part of the uploader's file name: `<folder>/<random>.<ext>`.

    The extension is that of the detected type (bericht.html holding a PDF is stored as .pdf),
    so the web server never serves an upload as anything but what it was validated as.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = self._extension(instance, filename)
        return f"{self.folder}/{secrets.token_urlsafe(16)}{extension}"

    def _extension(self, instance, filename):
        from django.db.models import FileField

        fields = instance._meta.concrete_fields if instance is not None else []
        for field in fields:
            if not isinstance(field, FileField) or field.upload_to != self:
                continue
            field_file = getattr(instance, field.attname)
            if field_file and not field_file._committed and field_file.name == filename:
                return detected_extension(field_file.file)
        return ".bin"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def _read_head(upload, size):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def validate_pdf(upload):
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). PDF files may be at most %(max)s."),
            code="pdf_too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(MAX_PDF_BYTES)},
        )
    if not _read_head(upload, 1024).lstrip().startswith(b"%PDF-"):
        raise ValidationError(
            _("This file is not a PDF document. Please upload a PDF file."), code="not_pdf"
        )
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(upload, strict=False)
        if len(reader.pages) < 1:
            raise PdfReadError("no pages")
        active = active_pdf_content(reader)
    except Exception as error:  # pypdf raises many types for broken files
        raise ValidationError(
            _("The PDF file is damaged and cannot be read."), code="broken_pdf"
        ) from error
    finally:
        upload.seek(0)
    if active:
        raise ValidationError(
            _(
                "This PDF contains scripts, automatic actions or attached files, which are not "
                "accepted. Please save or print it again as a plain PDF and upload that."
            ),
            code="pdf_active_content",
        )


# Names that make a PDF run something or carry other files. An /OpenAction that is only a
# destination (open at page 1, fit width) is harmless; as an action dictionary it is refused.
ACTIVE_PDF_NAMES = {
    "/JavaScript",
    "/JS",
    "/AA",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
}
MAX_PDF_OBJECTS = 200_000


def active_pdf_content(reader):
    """The names of active content found anywhere in the PDF's object graph (empty if none)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found = set()
    seen = set()
    pending = [reader.trailer]
    visited = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            reference = (item.idnum, item.generation)
            if reference in seen:
                continue
            seen.add(reference)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise ValueError("too many objects to inspect")
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in ACTIVE_PDF_NAMES:
                    found.add(str(name))
                if name == "/S" and value in {"/JavaScript", "/Launch", "/ImportData"}:
                    found.add(str(value))
                if name == "/OpenAction" and isinstance(value.get_object(), DictionaryObject):
                    found.add("/OpenAction")
                pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return found


def validate_image(upload):
    """JPEG, PNG or WebP that really decodes; at most 10 MB and 40 megapixels."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)s). Images may be at most %(max)s."),
            code="image_too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(MAX_IMAGE_BYTES)},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (at most 40 megapixels)."),
                    code="image_too_many_pixels",
                )
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a readable image. Please upload a JPEG, PNG or WebP image."),
            code="broken_image",
        ) from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG and WebP images are accepted."), code="image_format"
        )
    if min(width, height) < MIN_IMAGE_SIDE:
        raise ValidationError(
            _("The image is too small (at least %(min)s pixels on each side)."),
            code="image_too_small",
            params={"min": MIN_IMAGE_SIDE},
        )


def without_metadata(upload):
    """The image re-encoded without EXIF, XMP or comments (camera GPS positions included).

    Orientation is applied to the pixels first, so a photo taken upright stays upright.
    """
    from django.core.files.base import ContentFile
    from PIL import ImageOps

    upload.seek(0)
    with Image.open(upload) as image:
        image_format = image.format
        cleaned = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and cleaned.mode not in {"RGB", "L"}:
            cleaned = cleaned.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": 88, "optimize": True} if image_format in {"JPEG", "WEBP"} else {}
        cleaned.save(buffer, format=image_format, **options)
    return ContentFile(buffer.getvalue(), name=upload.name)


def strip_image_metadata(sender, instance, **kwargs):
    """pre_save receiver: every newly uploaded image of any model is stored without metadata."""
    from django.db.models import ImageField

    for field in instance._meta.concrete_fields:
        if not isinstance(field, ImageField):
            continue
        field_file = getattr(instance, field.attname)
        if not field_file or getattr(field_file, "_committed", True):
            continue
        try:
            cleaned = without_metadata(field_file.file)
        except (OSError, ValueError, Image.DecompressionBombError):
            continue  # validation reports broken images; nothing to clean here
        field_file.file = cleaned


# What a spreadsheet or other binary file starts with; a CSV upload holding one is refused.
_BINARY_STARTS = {
    b"PK\x03\x04": _("This is an Excel (XLSX) or other ZIP file, not a CSV file."),
    b"\xd0\xcf\x11\xe0": _("This is an old Excel (XLS) file, not a CSV file."),
    b"%PDF-": _("This is a PDF file, not a CSV file."),
}


def read_text_upload(upload, max_bytes):
    """The text of an uploaded CSV or text file, judged by its content.

    UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") and Windows-1252 (what
    Excel saves as "CSV" on a German Windows) are read; binaries, oversized files and bytes that
    are text in none of these encodings raise a ValidationError that says what to do instead.
    """
    size = upload.size if hasattr(upload, "size") else len(upload)
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). It may be at most %(max)s."),
            code="text_too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
        )
    if isinstance(upload, bytes):
        data = upload
    else:
        upload.seek(0)
        data = upload.read(max_bytes + 1)
        upload.seek(0)
    for start, message in _BINARY_STARTS.items():
        if data.startswith(start):
            raise ValidationError(
                [message, _("Please save it as CSV (semicolon separated) and upload that.")],
                code="not_text",
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ValidationError(
        _("This file is not a text file. Please save it as CSV (semicolon separated)."),
        code="not_text",
    )
