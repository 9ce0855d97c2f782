"""Demo content for this app, loaded by `manage.py load_demo` (idempotent)."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile

from centers.models import (
    Centre,
    Document,
    DocumentKind,
    ProcessFacts,
    Quarter,
    Site,
    StageChange,
    StreetSection,
)
from centers.street_import import read_directory
from demo import centers_content as content
from demo.marks import mark
from portal.lib.html import rich_text
from portal.models import PublicationStatus

REPORT_YEAR = 2024
# Real Heilbronn street names, but which neighbourhood each (part) belongs to is made up for the
# demo: every section is marked as demo content. Also the sample file for the CSV import.
STREETS_CSV = Path(__file__).parent / "data" / "strassenverzeichnis-demo.csv"


def _translated(field, values):
    return {f"{field}_{language}": text for language, text in values.items()}


def _upsert(model, lookup, values):
    """Create, or update only what differs, so a second run changes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return mark(model.objects.create(**lookup, **values)), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save()
    return obj, False


def _date(value):
    return datetime.date.fromisoformat(value)


def make_pdf(title, lines):
    """A real, small PDF (German text; the documents are published in German)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("Stadt Heilbronn, Amt für Familie, Jugend und Senioren")
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(56, 780, title)
    pdf.setFont("Helvetica", 11)
    y = 750
    for line in lines:
        pdf.drawString(56, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _load_facts():
    values = {}
    for field, texts in content.FACTS.items():
        values.update(_translated(field, texts))
    _upsert(ProcessFacts, {"pk": 1}, values)


def _load_centre(data):
    values = {
        "name": data["name"],
        "status": data["status"],
        "stage": data["stage"],
        "opened_on": _date(data["opened_on"]),
        "provider": data["provider"],
        "publication_status": PublicationStatus.PUBLISHED,
        **_translated("summary", data["summary"]),
    }
    if data["description"]:
        # Stored as the editor stores it (HTML paragraphs), so a second run finds no change.
        values.update(
            _translated("description", {k: rich_text(v) for k, v in data["description"].items()})
        )
    centre, _created = _upsert(Centre, {"slug": data["slug"]}, values)
    for stage, since, note in data["history"]:
        _upsert(
            StageChange,
            {"centre": centre, "stage": stage, "since": _date(since)},
            _translated("note", note) if note else {},
        )
    for site in data["sites"]:
        step_free, toilet, loop = site["access"]
        _upsert(
            Site,
            {"centre": centre, "name": site["name"]},
            {
                "is_main": site["is_main"],
                "opened_on": _date(site["opened_on"]) if site.get("opened_on") else None,
                "street": site["street"],
                "postcode": site["postcode"],
                "latitude": Decimal(site["lat"]),
                "longitude": Decimal(site["lon"]),
                "opening_hours_spec": site["spec"],
                "step_free_entrance": step_free,
                "accessible_toilet": toilet,
                "hearing_loop": loop,
                **_translated("opening_hours", site["hours"]),
                **_translated("directions", site["directions"]),
            },
        )
    if centre.status == "operating":
        _load_documents(centre, data["name"].removeprefix("Quartierszentrum ").strip())
    return centre


def _load_document(centre, kind, year, texts, pdf_lines):
    document = Document.objects.filter(centre=centre, kind=kind, year=year).first()
    values = {
        "publication_status": PublicationStatus.PUBLISHED,
        **_translated("title", texts["title"]),
        **_translated("summary", texts["summary"]),
    }
    if document is None:
        pdf = make_pdf(texts["title"]["de"], pdf_lines)
        document = Document(centre=centre, kind=kind, year=year, **values)
        document.file.save(f"{kind}-{centre.slug}-{year}.pdf", ContentFile(pdf), save=False)
        document.save()
        mark(document)
        return
    _upsert(Document, {"pk": document.pk}, values)


def _load_documents(centre, place):
    _load_document(
        centre,
        DocumentKind.POSITION_PAPER,
        2023,
        content.position_paper(place),
        [
            f"Eckpunktepapier des {centre.name}",
            "Schwerpunkte: Angebote im Quartier sichtbar machen und an einem Ort bündeln.",
            "Geplante Maßnahmen: Ehrenamt stärken, Akteure vor Ort vernetzen,",
            "Angebote für Kinder und Jugendliche gemeinsam mit ihnen gestalten.",
        ],
    )
    _load_document(
        centre,
        DocumentKind.ANNUAL_REPORT,
        REPORT_YEAR,
        content.annual_report(place, REPORT_YEAR),
        [
            f"Jahresbericht {REPORT_YEAR} des {centre.name}",
            "Neue regelmäßige Treffs, mehr Ehrenamtliche, ein Stadtteilfest.",
            "Zahlen, Rückblick und Ausblick auf das kommende Jahr.",
        ],
    )


def load():
    _load_facts()
    centres = {data["slug"]: _load_centre(data) for data in content.CENTRES}
    for quarter in content.QUARTERS:
        _upsert(
            Quarter,
            {"slug": quarter["slug"]},
            {
                "name": quarter["name"],
                "centre": centres.get(quarter["centre"]),
                **_translated("description", quarter["description"]),
            },
        )
    for data in content.CENTRES:
        for site in data["sites"]:
            quarter = Quarter.objects.filter(slug=site.get("quarter")).first()
            _upsert(
                Site, {"centre": centres[data["slug"]], "name": site["name"]}, {"quarter": quarter}
            )
    streets = _load_streets()
    operating = sum(1 for centre in centres.values() if centre.status == "operating")
    return (
        f"{operating} operating and {len(centres) - operating} planned centres, "
        f"{len(content.QUARTERS)} neighbourhoods, {streets} street sections"
    )


def _load_streets():
    """The demo street directory, read by the same code as the editors' CSV import."""
    directory = read_directory(STREETS_CSV.read_bytes())
    if directory.errors:
        raise ValueError(f"{STREETS_CSV}: {directory.errors}")
    for section in directory.sections:
        _upsert(
            StreetSection,
            {
                "street": section.street,
                "number_from": section.number_from,
                "number_to": section.number_to,
                "parity": section.parity,
                "postcode": section.postcode,
            },
            {"quarter": section.quarter},
        )
    return len(directory.sections)
