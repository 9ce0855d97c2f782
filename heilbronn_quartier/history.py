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


# Responses: never the one-time token of an online form, and a deleted (e.g. purged) response
# takes its history with it; the survey's own ResponseChange log records who deleted it.
OPTIONS = {
    "survey.Response": {"excluded_fields": ["submission_token"], "cascade_delete_history": True}
}


def _only_paper_responses(sender, instance, **kwargs):
    """Online responses are anonymous and never edited: only paper ones get a history."""
    from survey.models import Channel

    if instance.channel != Channel.PAPER:
        instance.skip_history_when_saving = True
    elif hasattr(instance, "skip_history_when_saving"):
        del instance.skip_history_when_saving


def register_history():
    from django.db.models.signals import pre_save
    from simple_history import register
    from simple_history.models import HistoricalRecords

    for label in HISTORY_MODELS:
        model = apps.get_model(label)
        if getattr(model._meta, "simple_history_manager_attribute", None):
            continue
        register(
            model,
            app="heilbronn_quartier",
            records_class=HistoricalRecords,
            **OPTIONS.get(label, {}),
        )
    pre_save.connect(
        _only_paper_responses,
        sender=apps.get_model("survey.Response"),
        dispatch_uid="history-paper",
    )
