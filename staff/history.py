"""Change history (django-simple-history) for everything editors maintain.

Each domain app registers its own models from its AppConfig.ready(), so the historical tables
live in that app and a field added to a model makes a migration in that app alone. Registering
in ready() (not with a model attribute) comes after modeltranslation has added the translated
columns (its app comes first), so every language version of a text is kept.
"""


def register_history(app_config, model_names, **options_by_model):
    from simple_history import register
    from simple_history.models import HistoricalRecords

    for name in model_names:
        model = app_config.get_model(name)
        if getattr(model._meta, "simple_history_manager_attribute", None):
            continue
        register(
            model,
            app=app_config.label,
            records_class=HistoricalRecords,
            **{**history_names(model), **options_by_model.get(name, {})},
        )


def history_names(model):
    """German-first names of the historical model: "Angebot – Fassung", not "historical Angebot"
    (simple_history's default is an untranslatable English prefix)."""
    from django.utils.text import format_lazy
    from django.utils.translation import gettext_lazy as _

    return {
        "verbose_name": format_lazy(_("{name} – version"), name=model._meta.verbose_name),
        "verbose_name_plural": format_lazy(
            _("{name} – versions"), name=model._meta.verbose_name_plural
        ),
    }


def display_value(field, value):
    """A stored value as the form shows it: the label of a choice, yes/no, a date in the
    active language; a field may bring its own `value_label(value)` (e.g. several weekdays)."""
    from datetime import date, datetime, time

    from django.utils import formats
    from django.utils.translation import gettext

    if value is None or value == "":
        return "–"
    if hasattr(field, "value_label"):
        return field.value_label(value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime | date | time):
        return formats.localize(value)
    return value


def m2m_values(record):
    """{field name: [pks]} of the many-to-many values a history row kept (`m2m_fields`)."""
    found = {}
    for field in getattr(record, "_history_m2m_fields", []):
        reverse = field.m2m_reverse_field_name()
        rows = getattr(record, field.name).values_list(f"{reverse}_id", flat=True)
        found[field.name] = sorted(rows)
    return found


def m2m_values_before_deletion(model, deleted_record):
    """The many-to-many values just before an entry was deleted: the deletion's own history row
    has none (the links are gone by the time it is written)."""
    before = (
        model.history.filter(id=deleted_record.id, history_id__lt=deleted_record.history_id)
        .exclude(history_type="-")
        .order_by("-history_id")
        .first()
    )
    return m2m_values(before) if before is not None else {}
