"""Small factory functions for test data; each takes overrides as keyword arguments."""

import io
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from centers.models import Centre, CentreStatus, Document, DocumentKind, Quarter, Site
from contacts.models import ContactPerson
from portal.models import PublicationStatus

_sequence = count(1)


def _next():
    return next(_sequence)


def make_centre(**fields):
    n = _next()
    defaults = {
        "name": f"Quartierszentrum Test {n}",
        "slug": f"test-{n}",
        "status": CentreStatus.OPERATING,
        "publication_status": PublicationStatus.PUBLISHED,
        "description": "Ein Zentrum für alle im Quartier.",
    }
    return Centre.objects.create(**(defaults | fields))


def make_quarter(centre=None, **fields):
    n = _next()
    defaults = {"name": f"Quartier {n}", "slug": f"quartier-{n}", "centre": centre}
    return Quarter.objects.create(**(defaults | fields))


def make_site(centre, **fields):
    n = _next()
    defaults = {
        "centre": centre,
        "name": f"Standort {n}",
        "street": f"Teststraße {n}",
        "postcode": "74072",
        "opening_hours": "Mo–Fr 09:00–17:00",
    }
    return Site.objects.create(**(defaults | fields))


def make_contact(centre=None, **fields):
    n = _next()
    defaults = {
        "name": f"Person {n}",
        "role": "Quartiersmanagerin",
        "centre": centre,
        "phone": "07131 56-1167",
        "email": f"person{n}@example.org",
    }
    return ContactPerson.objects.create(**(defaults | fields))


def pdf_bytes(text="Jahresbericht"):
    """A small, real one-page PDF."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="bericht.pdf", content=None):
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf")


def image_bytes(image_format="PNG", size=(320, 200), color=(0, 80, 122)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(name="bild.png", image_format="PNG", size=(320, 200)):
    return SimpleUploadedFile(name, image_bytes(image_format, size), content_type="image/png")


def make_document(centre, kind=DocumentKind.ANNUAL_REPORT, **fields):
    n = _next()
    defaults = {
        "centre": centre,
        "kind": kind,
        "year": 2000 + n % 100,
        "title": f"Jahresbericht {n}",
        "summary": "<p>Was wir erreicht haben.</p>",
        "file": pdf_upload(),
        "publication_status": PublicationStatus.PUBLISHED,
    }
    return Document.objects.create(**(defaults | fields))


def make_stage_change(centre, **fields):
    import datetime

    from centers.models import Stage, StageChange

    defaults = {
        "centre": centre,
        "stage": Stage.NEIGHBOURHOOD_CENTRE,
        "since": datetime.date(2020, 1, 1),
    }
    return StageChange.objects.create(**(defaults | fields))


def make_process_facts(**fields):
    from centers.models import ProcessFacts

    defaults = {
        "topics_de": "Familie, Gesellschaft und Soziales",
        "period_de": "fortlaufender Prozess",
        "target_group_de": "alle Heilbronnerinnen und Heilbronner",
        "participation_de": "informelle Beteiligung",
        "state_de": "offen",
    }
    facts = ProcessFacts(**(defaults | fields))
    facts.save()
    return facts


def make_street_section(quarter, street="Ludwigsburger Straße", **fields):
    from centers.models import StreetSection

    return StreetSection.objects.create(quarter=quarter, street=street, **fields)
