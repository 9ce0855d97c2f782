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


def _last_changes(model, pks):
    """{pk: (user, time)} of the latest history row of each object, in one query."""
    latest = {}
    rows = (
        model.history.filter(id__in=pks)
        .select_related("history_user")
        .order_by("id", "-history_date", "-history_id")
    )
    for row in rows:
        latest.setdefault(row.id, (row.history_user, row.history_date))
    return latest


LIMIT = 20


@register_tasks
def editorial_tasks(user):
    """One review queue for every content type; the user's own drafts, returns and schedule."""
    from django.db.models import Q
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
        mine = model.history.filter(history_user=user).values("id")
        found = list(
            objects.filter(
                Q(publication_status=PublicationStatus.REVIEW)
                | Q(publication_status=PublicationStatus.DRAFT, pk__in=mine)
                | Q(publication_status=PublicationStatus.PUBLISHED, publish_from__gt=now)
            ).order_by("-pk")[: LIMIT * 3]
        )
        last = _last_changes(model, [obj.pk for obj in found])
        for obj in found:
            who, when = last.get(obj.pk, (None, None))
            if obj.publication_status == PublicationStatus.REVIEW:
                queue.append(_entry(obj, who, when, str(PublicationStatus.REVIEW.label)))
            elif obj.publication_status == PublicationStatus.DRAFT:
                drafts.append(_entry(obj, who, when))
            else:
                scheduled.append(_entry(obj, when=obj.publish_from))
    scheduled.sort(key=lambda item: item["when"])
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
