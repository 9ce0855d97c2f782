"""The editor's task list on the admin home page, scoped to a quarter manager's centres."""


def translation_gaps(queryset, fields):
    """Objects with a German text in one of `fields` but an empty translation in some language."""
    from django.conf import settings
    from django.db.models import Q

    languages = [code for code, _name in settings.LANGUAGES if code != "de"]
    condition = Q()
    for field in fields:
        for language in languages:
            condition |= ~Q(**{f"{field}_de": ""}) & (
                Q(**{f"{field}_{language}": ""}) | Q(**{f"{field}_{language}__isnull": True})
            )
    return queryset.filter(condition)


_PROVIDERS = []


def register_tasks(provider):
    """A domain app adds its part of the task list: provider(user) -> dict of entries."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def editor_tasks(user):
    if not (user.is_active and user.is_staff):
        return {}
    tasks = {}
    for provider in _PROVIDERS:
        tasks.update(provider(user))
    tasks.update(translation_status_links(user))
    return tasks


def translation_status_links(user):
    """Links to the status page of each language, for whoever may edit translated content."""
    from django.urls import reverse

    from staff.translation_status import language_name, target_languages, tracked_models

    if not any(
        user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}") for m in tracked_models()
    ):
        return {}
    return {
        "translation_status": [
            (language_name(code), reverse("admin:translation-status", args=[code]))
            for code in target_languages()
        ]
    }
