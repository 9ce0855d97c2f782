"""Demo content for this app, loaded by `manage.py load_demo`.

Placeholder from the survey branch (a few quarters for the survey's quarter question); the
centres branch replaces it with the full demo.
"""

from centers.models import Quarter

QUARTERS = [
    ("Augärtle", "augaertle"),
    ("Biberach", "biberach"),
    ("Böckingen", "boeckingen"),
    ("Nordstadt", "nordstadt"),
    ("Sontheim", "sontheim"),
    ("Südstadt", "suedstadt"),
]


def load():
    created = 0
    for name, slug in QUARTERS:
        _quarter, new = Quarter.objects.get_or_create(slug=slug, defaults={"name": name})
        created += new
    return f"{created} neighbourhoods created" if created else ""
