"""Change history (django-simple-history) for everything editors maintain.

The historical models are registered here, after modeltranslation has added the translated
columns (its app comes first), so every language version of a text is kept. They live in this
app, so the content apps' migrations stay untouched.
"""

from django.apps import apps

HISTORY_MODELS = [
    "centers.Centre",
    "centers.Site",
    "centers.Document",
    "contacts.ContactPerson",
    "offers.Offer",
    "offers.Schedule",
    "survey.Survey",
    "survey.Question",
    "survey.Choice",
    "survey.Response",
]


def register_history():
    from simple_history import register
    from simple_history.models import HistoricalRecords

    for label in HISTORY_MODELS:
        model = apps.get_model(label)
        if getattr(model._meta, "simple_history_manager_attribute", None):
            continue
        register(model, app="heilbronn_quartier", records_class=HistoricalRecords)
