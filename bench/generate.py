"""City-scale data for the benchmarks: 30 quarters, 12 centres, and what the apps add on top."""

import random
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from centers.models import Centre, CentreStatus, DocumentKind, Quarter, Site
from contacts.models import ContactPerson
from portal.models import PublicationStatus

CENTRES = 12
QUARTERS = 30


def generate(offers=2000, responses=10000, seed=2024):
    rng = random.Random(seed)
    _write_report_pdf()
    centres = _centres(rng)
    quarters = _quarters(centres)
    summary = {"centres": len(centres), "quarters": len(quarters)}
    for name, extension in _EXTENSIONS:
        summary[name] = extension(rng, centres, quarters, offers=offers, responses=responses)
    return summary


def _write_report_pdf():
    """One real PDF that all generated documents point at."""
    from pypdf import PdfWriter

    path = Path(settings.MEDIA_ROOT) / "documents" / "bench.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)


def _centres(rng):
    centres = []
    for number in range(1, CENTRES + 1):
        centre = Centre.objects.create(
            name=f"Quartierszentrum Bench {number}",
            slug=f"bench-{number}",
            status=CentreStatus.OPERATING if number <= 9 else CentreStatus.PLANNED,
            publication_status=PublicationStatus.PUBLISHED,
            opened_on=date(2020 + number % 5, 1 + number % 12, 1),
            description="Ein Zentrum für alle Menschen im Quartier. " * 8,
        )
        Site.objects.create(
            centre=centre,
            name=f"Hauptstandort {number}",
            is_main=True,
            street=f"Beispielstraße {number}",
            postcode="74072",
            opening_hours="Mo–Fr 09:00–17:00",
            latitude=49.14 + number / 1000,
            longitude=9.21 + number / 1000,
        )
        for branch in range(2):
            Site.objects.create(
                centre=centre,
                name=f"Außenstelle {number}.{branch}",
                street=f"Nebenweg {branch}",
                postcode="74074",
            )
        for person in range(3):
            ContactPerson.objects.create(
                centre=centre,
                name=f"Person {number}.{person}",
                role="Quartiersmanagerin",
                phone=f"07131 56-{rng.randint(1000, 9999)}",
                email=f"p{number}{person}@example.org",
            )
        for year in (2023, 2024, 2025):
            centre.documents.create(
                kind=DocumentKind.ANNUAL_REPORT,
                year=year,
                title=f"Jahresbericht {year}",
                summary="<p>Rückblick auf das Jahr.</p>",
                file="documents/bench.pdf",
                publication_status=PublicationStatus.PUBLISHED,
            )
        centres.append(centre)
    return centres


def _quarters(centres):
    return [
        Quarter.objects.create(
            name=f"Bench-Quartier {number}",
            slug=slugify(f"bench-quartier-{number}"),
            centre=centres[number % len(centres)],
            description="Ein Quartier in Heilbronn.",
        )
        for number in range(1, QUARTERS + 1)
    ]


# Apps register (name, function(rng, centres, quarters, offers=, responses=)) here.
_EXTENSIONS = []
