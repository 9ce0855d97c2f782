"""Which rows are demo content, so a real database is never mixed with made-up data."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from demo.models import DemoObject

# Content a city would enter itself; anything else hangs off these.
ROOT_MODELS = [
    "centers.Quarter",
    "centers.Centre",
    "centers.Document",
    "centers.StreetSection",
    "contacts.ContactPerson",
    "offers.Offer",
    "network.Actor",
    "network.Idea",
    "survey.Survey",
]


def mark(obj):
    """Records `obj` as demo content (idempotent) and returns it."""
    DemoObject.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    return obj


def is_demo(obj):
    return DemoObject.objects.of(type(obj)).filter(object_id=obj.pk).exists()


def real_content():
    """Labels of the root models that hold rows the demo did not create."""
    found = []
    for label in ROOT_MODELS:
        model = apps.get_model(label)
        demo_ids = DemoObject.objects.of(model).values("object_id")
        if model._default_manager.exclude(pk__in=demo_ids).exists():
            found.append(label)
    return found
