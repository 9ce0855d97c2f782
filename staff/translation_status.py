"""Translation status of every translatable content field: missing, outdated or up to date.

Every model registered with django-modeltranslation takes part. A translation is *outdated* when
the German text changed after the translation was last edited or confirmed; the German hash a
translation was confirmed against lives in `TranslationState` (the survey's models keep the same
hash in their own `translation_state` field, see survey.models.TranslationTracked).

An editor who only fixes a typo in German ticks "minor change" (`minor_change(obj)`): then no
translation of that object becomes outdated.
"""

import hashlib
from collections import defaultdict

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

MISSING = "missing"
OUTDATED = "outdated"
CURRENT = "current"

STATUS_LABELS = {
    MISSING: _("missing"),
    OUTDATED: _("outdated"),
    CURRENT: _("up to date"),
}

# Field kinds as the status page counts them; fields are sorted by name, a few by model and name.
FIELD_KINDS = {
    "titles": _("titles and names"),
    "summaries": _("summaries"),
    "descriptions": _("descriptions and texts"),
    "alt_texts": _("alt texts"),
    "cost_registration": _("cost and registration notes"),
    "slot_notes": _("slot notes"),
    "cancellation_reasons": _("cancellation reasons"),
    "other": _("other texts"),
}
_KIND_BY_MODEL_FIELD = {
    "offers.schedule.note": "slot_notes",
    "offers.cancellation.reason": "cancellation_reasons",
}
_KIND_BY_FIELD = {
    "title": "titles",
    "name": "titles",
    "label": "titles",
    "image_title": "titles",
    "role": "titles",
    "summary": "summaries",
    "introduction": "summaries",
    "description": "descriptions",
    "body": "descriptions",
    "text": "descriptions",
    "image_alt": "alt_texts",
    "photo_alt": "alt_texts",
    "cost_note": "cost_registration",
    "registration_note": "cost_registration",
}


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


def digest(text):
    """The same short hash as the survey's own tracking, so both can be compared alike."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def translated_fields(model):
    from modeltranslation.translator import NotRegistered, translator

    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def tracked_models():
    from modeltranslation.translator import translator

    models = translator.get_registered_models(abstract=False)
    return sorted(models, key=lambda m: (m._meta.app_label, m._meta.model_name))


def tracks_itself(model):
    """The survey's models keep the source hashes in a JSON field of their own."""
    return any(f.name == "translation_state" for f in model._meta.concrete_fields)


def field_kind(model, field):
    key = f"{model._meta.app_label}.{model._meta.model_name}.{field}"
    return _KIND_BY_MODEL_FIELD.get(key) or _KIND_BY_FIELD.get(field, "other")


def minor_change(obj):
    """Marks the next save of `obj` as a minor change: its translations stay up to date."""
    obj.translation_minor_change = True
    return obj


# --- Keeping the states on save -------------------------------------------------------------


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def _column_names(fields):
    return [f"{field}_{code}" for field in fields for code, _n in settings.LANGUAGES]


def _remember_previous(sender, instance, raw=False, **kwargs):
    if raw or not translated_fields(sender):
        return
    previous = None
    if instance.pk is not None:
        previous = (
            sender._base_manager.filter(pk=instance.pk)
            .values(*_column_names(translated_fields(sender)))
            .first()
        )
    instance._translation_previous = previous


def _record_states(sender, instance, created=False, raw=False, **kwargs):
    if raw or not hasattr(instance, "_translation_previous"):
        return
    previous = instance.__dict__.pop("_translation_previous")
    minor = instance.__dict__.pop("translation_minor_change", False)
    if tracks_itself(sender):
        if minor and previous:
            _confirm_minor_change_in_own_state(sender, instance, previous)
        return
    from staff.models import TranslationState

    content_type = _content_type(sender)
    states = {
        (state.field, state.language): state
        for state in TranslationState.objects.filter(
            content_type=content_type, object_id=instance.pk
        )
    }
    for field in translated_fields(sender):
        new_source = digest(getattr(instance, f"{field}_{SOURCE_LANGUAGE}"))
        old_source = (
            digest(previous[f"{field}_{SOURCE_LANGUAGE}"]) if previous is not None else new_source
        )
        for language in target_languages():
            name = f"{field}_{language}"
            value = getattr(instance, name) or ""
            state = states.get((field, language))
            edited = previous is None or (previous.get(name) or "") != value
            if edited and not value:
                if state is not None:
                    state.delete()
                continue
            if edited or minor and (state is None or state.source_hash == old_source):
                wanted = new_source
            elif state is None and value and old_source != new_source:
                # A translation from before the German change: made for the previous German text.
                wanted = old_source
            else:
                continue
            if state is None:
                TranslationState.objects.create(
                    content_type=content_type,
                    object_id=instance.pk,
                    field=field,
                    language=language,
                    source_hash=wanted,
                )
            elif state.source_hash != wanted:
                state.source_hash = wanted
                state.save(update_fields=["source_hash", "updated_at"])


def _confirm_minor_change_in_own_state(sender, instance, previous):
    state = instance.translation_state
    for field in translated_fields(sender):
        old_source = digest(previous[f"{field}_{SOURCE_LANGUAGE}"])
        new_source = digest(getattr(instance, f"{field}_{SOURCE_LANGUAGE}"))
        for language, stored in state.get(field, {}).items():
            if stored == old_source:
                state[field][language] = new_source
    sender._base_manager.filter(pk=instance.pk).update(translation_state=state)


def _forget_states(sender, instance, **kwargs):
    if not translated_fields(sender) or tracks_itself(sender):
        return
    from staff.models import TranslationState

    TranslationState.objects.filter(
        content_type=_content_type(sender), object_id=instance.pk
    ).delete()


def connect_signals():
    for model in tracked_models():
        uid = f"translation-status-{model._meta.label_lower}"
        pre_save.connect(_remember_previous, sender=model, dispatch_uid=uid)
        post_save.connect(_record_states, sender=model, dispatch_uid=uid)
        post_delete.connect(_forget_states, sender=model, dispatch_uid=uid)


# --- Reading the states ---------------------------------------------------------------------


def statuses(queryset, language, fields=None):
    """{pk: {field: MISSING|OUTDATED|CURRENT}} for the objects of `queryset` in `language`.

    Fields whose German text is empty have nothing to translate and are left out.
    """
    model = queryset.model
    fields = fields or translated_fields(model)
    columns = ["pk"]
    for field in fields:
        columns += [f"{field}_{SOURCE_LANGUAGE}", f"{field}_{language}"]
    own = tracks_itself(model)
    if own:
        columns.append("translation_state")
    stored = defaultdict(dict)
    if not own:
        from staff.models import TranslationState

        rows = TranslationState.objects.filter(
            content_type=_content_type(model), language=language
        ).values_list("object_id", "field", "source_hash")
        for object_id, field, source_hash in rows:
            stored[object_id][field] = source_hash
    result = {}
    for row in queryset.order_by().values(*columns):
        fields_status = {}
        for field in fields:
            source = row[f"{field}_{SOURCE_LANGUAGE}"]
            if not (source or "").strip():
                continue
            if not (row[f"{field}_{language}"] or "").strip():
                fields_status[field] = MISSING
                continue
            if own:
                confirmed = (row["translation_state"] or {}).get(field, {}).get(language)
            else:
                confirmed = stored.get(row["pk"], {}).get(field)
            fields_status[field] = (
                OUTDATED if confirmed is not None and confirmed != digest(source) else CURRENT
            )
        result[row["pk"]] = fields_status
    return result


def object_statuses(obj):
    """{field: {language: status}} for one object (the admin's change form)."""
    model = type(obj)
    queryset = model._base_manager.filter(pk=obj.pk)
    result = defaultdict(dict)
    for language in target_languages():
        for field, status in statuses(queryset, language).get(obj.pk, {}).items():
            result[field][language] = status
    return result


def with_status(queryset, language, status):
    """The objects of `queryset` with at least one field in `status` in `language`."""
    pks = [pk for pk, fields in statuses(queryset, language).items() if status in fields.values()]
    return queryset.filter(pk__in=pks)


def missing_anywhere(queryset):
    """Objects with a German text whose translation is empty in at least one language."""
    from django.db.models import Q

    condition = Q()
    for field in translated_fields(queryset.model):
        for language in target_languages():
            condition |= ~Q(**{f"{field}_{SOURCE_LANGUAGE}": ""}) & (
                Q(**{f"{field}_{language}": ""}) | Q(**{f"{field}_{language}__isnull": True})
            )
    return queryset.filter(condition)


def confirm(obj, field, language):
    """Marks one translation as made for the current German text (import, editor's confirm)."""
    model = type(obj)
    source = digest(getattr(obj, f"{field}_{SOURCE_LANGUAGE}"))
    if tracks_itself(model):
        obj.translation_state.setdefault(field, {})[language] = source
        model._base_manager.filter(pk=obj.pk).update(translation_state=obj.translation_state)
        return
    from staff.models import TranslationState

    TranslationState.objects.update_or_create(
        content_type=_content_type(model),
        object_id=obj.pk,
        field=field,
        language=language,
        defaults={"source_hash": source},
    )
