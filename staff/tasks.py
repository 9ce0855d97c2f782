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
    return tasks
