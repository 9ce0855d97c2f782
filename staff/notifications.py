"""E-mails of the editorial workflow, each in the recipient's admin language.

Sent through Django's mail framework (EMAIL_* settings); a staff member who switched
notifications off in their profile gets none. A failing mail server never undoes a decision.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def _wants_mail(user):
    if not (user and user.is_active and user.email):
        return False
    profile = getattr(user, "staff_profile", None)
    return profile is None or profile.email_notifications


def _language(user):
    profile = getattr(user, "staff_profile", None)
    return profile.language if profile is not None else settings.LANGUAGE_CODE


def _admin_link(revision):
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return base + reverse("admin:staff_revision_change", args=[revision.pk])


def _send(user, subject, body):
    try:
        send_mail(subject, body, None, [user.email], fail_silently=False)
    except Exception:
        logger.exception("notification to %s could not be sent", user.pk)


def editors():
    """Who decides: the editorial office (members of a group with the publish permission)."""
    from staff.permissions import EDITORS

    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return users.filter(
        Q(groups__name=EDITORS) | Q(groups__permissions__codename="publish_content")
    ).distinct()


def _name(user):
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()


def notify_submitted(revision):
    for user in editors():
        if not _wants_mail(user) or user == revision.submitted_by:
            continue
        with translation.override(_language(user)):
            subject = gettext("For review: %(entry)s") % {"entry": revision.object_repr}
            body = gettext(
                "%(name)s asks the editorial office to check a change.\n\n"
                "Request: %(action)s\nEntry: %(entry)s (%(type)s)\n\n"
                "Review it here: %(link)s\n"
            ) % {
                "name": _name(revision.submitted_by),
                "action": revision.get_action_display(),
                "entry": revision.object_repr,
                "type": revision.content_type.model_class()._meta.verbose_name,
                "link": _admin_link(revision),
            }
            _send(user, subject, body)


def notify_decided(revision):
    from staff.models import RevisionState

    user = revision.submitted_by
    if not _wants_mail(user):
        return
    with translation.override(_language(user)):
        if revision.state == RevisionState.APPROVED:
            subject = gettext("Published: %(entry)s") % {"entry": revision.object_repr}
            body = gettext(
                "The editorial office (%(name)s) approved your request.\n\n"
                "Request: %(action)s\nEntry: %(entry)s\n"
            )
        else:
            subject = gettext("Returned to you: %(entry)s") % {"entry": revision.object_repr}
            body = gettext(
                "The editorial office (%(name)s) returned your request.\n\n"
                "Request: %(action)s\nEntry: %(entry)s\n\nComment:\n%(comment)s\n\n"
                "Details: %(link)s\n"
            )
        body = body % {
            "name": _name(revision.decided_by),
            "action": revision.get_action_display(),
            "entry": revision.object_repr,
            "comment": revision.comment,
            "link": _admin_link(revision),
        }
        _send(user, subject, body)


# --- Status changes of drafts (no revision involved) ---------------------------------------


def _remember_status(sender, instance, raw=False, **kwargs):
    from portal.models import Publishable

    if raw or not isinstance(instance, Publishable):
        return
    instance._status_before_save = instance.live_publication_status()


def _status_changed(sender, instance, raw=False, **kwargs):
    from django.db import transaction

    from portal.models import PublicationStatus, Publishable

    if raw or not isinstance(instance, Publishable):
        return
    before = getattr(instance, "_status_before_save", None)
    after = instance.publication_status
    if before == after:
        return
    actor = getattr(instance, "_history_user", None)
    if after == PublicationStatus.REVIEW:
        transaction.on_commit(lambda: notify_review_requested(instance, actor))
    elif after == PublicationStatus.PUBLISHED and before == PublicationStatus.REVIEW:
        transaction.on_commit(lambda: notify_published(instance, actor))


def connect_status_notifications():
    from django.db.models.signals import post_save, pre_save

    pre_save.connect(_remember_status, dispatch_uid="staff-status-before")
    post_save.connect(_status_changed, dispatch_uid="staff-status-after")


def _change_link(obj):
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    opts = obj._meta
    return base + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def notify_review_requested(obj, actor):
    for user in editors():
        if not _wants_mail(user) or user == actor:
            continue
        with translation.override(_language(user)):
            subject = gettext("For review: %(entry)s") % {"entry": obj}
            body = gettext(
                "%(name)s asks the editorial office to check and publish an entry.\n\n"
                "Entry: %(entry)s (%(type)s)\n\nOpen it here: %(link)s\n"
            ) % {
                "name": _name(actor),
                "entry": obj,
                "type": obj._meta.verbose_name,
                "link": _change_link(obj),
            }
            _send(user, subject, body)


def notify_published(obj, publisher):
    """Tell whoever put the entry “in review” that it is now published."""
    from portal.models import PublicationStatus

    history = getattr(obj, "history", None)
    if history is None:
        return
    asked = (
        history.filter(publication_status=PublicationStatus.REVIEW)
        .exclude(history_user=None)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    user = asked.history_user if asked else None
    if user is None or user == publisher or not _wants_mail(user):
        return
    with translation.override(_language(user)):
        subject = gettext("Published: %(entry)s") % {"entry": obj}
        body = gettext(
            "The editorial office (%(name)s) published the entry you submitted.\n\n"
            "Entry: %(entry)s (%(type)s)\n\n%(link)s\n"
        ) % {
            "name": _name(publisher),
            "entry": obj,
            "type": obj._meta.verbose_name,
            "link": _change_link(obj),
        }
        _send(user, subject, body)
