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


def _publishable_admins():
    """(model, model admin) for every content type with a publication status, in admin order."""
    from django.contrib import admin

    from portal.models import Publishable

    found = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if issubclass(model, Publishable)
    ]
    return sorted(found, key=lambda pair: str(pair[0]._meta.verbose_name_plural))


def _entry(obj, user=None, when=None, note=""):
    from django.urls import reverse

    opts = obj._meta
    return {
        "kind": opts.verbose_name,
        "name": str(obj),
        "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        "user": user,
        "when": when,
        "note": note,
    }


def _last_change(obj):
    history = getattr(obj, "history", None)
    record = history.select_related("history_user").first() if history is not None else None
    return (record.history_user, record.history_date) if record else (None, None)


LIMIT = 20


@register_tasks
def editorial_tasks(user):
    """One review queue for every content type; the user's own drafts, returns and schedule."""
    from django.urls import reverse
    from django.utils import timezone

    from portal.models import PublicationStatus
    from staff.models import Revision, RevisionState
    from staff.permissions import may_publish, scope_queryset

    admins = _publishable_admins()
    if not any(
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        for model, _admin in admins
    ):
        return {}
    revisions = Revision.objects.select_related("content_type", "submitted_by")
    queue, drafts, scheduled = [], [], []
    now = timezone.now()
    for model, model_admin in admins:
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        objects = scope_queryset(
            user, model._default_manager.all(), getattr(model_admin, "centre_path", "")
        )
        for obj in objects.filter(publication_status=PublicationStatus.REVIEW)[:LIMIT]:
            who, when = _last_change(obj)
            queue.append(_entry(obj, who, when, str(PublicationStatus.REVIEW.label)))
        mine = model.history.filter(history_user=user).values("id")
        for obj in objects.filter(publication_status=PublicationStatus.DRAFT, pk__in=mine)[:LIMIT]:
            who, when = _last_change(obj)
            drafts.append(_entry(obj, who, when))
        for obj in objects.filter(
            publication_status=PublicationStatus.PUBLISHED, publish_from__gt=now
        ).order_by("publish_from")[:LIMIT]:
            scheduled.append(_entry(obj, when=obj.publish_from))
    pending = revisions.filter(state=RevisionState.PENDING)
    if not may_publish(user):
        pending = pending.filter(submitted_by=user)
    for revision in pending[:LIMIT]:
        queue.append(
            {
                "kind": revision.content_type.name,
                "name": revision.object_repr,
                "url": reverse("admin:staff_revision_change", args=[revision.pk]),
                "user": revision.submitted_by,
                "when": revision.created_at,
                "note": revision.get_action_display(),
            }
        )
    queue.sort(key=lambda item: item["when"] or now, reverse=True)
    latest_by_object = {}
    for revision in revisions.filter(submitted_by=user).order_by("created_at"):
        latest_by_object[(revision.content_type_id, revision.object_id)] = revision
    returned = [
        {
            "kind": revision.content_type.name,
            "name": revision.object_repr,
            "url": reverse("admin:staff_revision_change", args=[revision.pk]),
            "user": revision.decided_by,
            "when": revision.decided_at,
            "note": revision.comment,
        }
        for revision in latest_by_object.values()
        if revision.state == RevisionState.RETURNED
    ]
    return {
        "editorial": {
            "queue": queue,
            "returned": returned,
            "drafts": drafts,
            "scheduled": scheduled,
            "may_publish": may_publish(user),
        }
    }
