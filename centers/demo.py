"""Minimal demo centres so the activities can be seen (placeholder until the centres app's own)."""

from centers.models import Centre, Quarter, Site
from contacts.models import ContactPerson
from heilbronn_quartier.models import PublicationStatus

CENTRES = [
    (
        "boeckingen",
        "Quartierszentrum Böckingen",
        [("Böckingen", "boeckingen"), ("Kreuzgrund", "kreuzgrund")],
        [
            ("Quartierszentrum Böckingen", True, "Ludwigsburger Straße 12", "74080"),
            ("Außenstelle Kreuzgrund", False, "Kreuzgrundweg 5", "74080"),
        ],
    ),
    (
        "heilbronner-sueden",
        "Quartierszentrum Heilbronner Süden",
        [("Südstadt", "suedstadt"), ("Hoover-Siedlung", "hoover-siedlung")],
        [
            ("Quartierszentrum Heilbronner Süden", True, "Wilhelmstraße 40", "74074"),
            ("Außenstelle Hoover-Siedlung", False, "Herbert-Hoover-Straße 3", "74074"),
        ],
    ),
    (
        "augaertle",
        "Quartierszentrum Augärtle",
        [("Augärtle", "augaertle")],
        [("Quartierszentrum Augärtle", True, "Augärtlestraße 8", "74076")],
    ),
    (
        "nordstadt",
        "Quartierszentrum Nordstadt-Mehrgenerationenhaus",
        [("Nordstadt", "nordstadt")],
        [("Quartierszentrum Nordstadt", True, "Karlstraße 60", "74076")],
    ),
]


def load():
    created = 0
    for slug, name, quarters, sites in CENTRES:
        centre, new = Centre.objects.get_or_create(
            slug=slug, defaults={"name": name, "publication_status": PublicationStatus.PUBLISHED}
        )
        created += new
        for quarter_name, quarter_slug in quarters:
            Quarter.objects.get_or_create(
                slug=quarter_slug, defaults={"name": quarter_name, "centre": centre}
            )
        for site_name, is_main, street, postcode in sites:
            Site.objects.get_or_create(
                centre=centre,
                name=site_name,
                defaults={"is_main": is_main, "street": street, "postcode": postcode},
            )
        ContactPerson.objects.get_or_create(
            centre=centre,
            defaults={
                "name": "Quartiersmanagement",
                "role": "Quartiersmanagement",
                "phone": "07131 56-0",
                "email": f"{slug}@quartier.example.org",
            },
        )
    return f"{created} centres created"
