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
