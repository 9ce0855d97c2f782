"""Building blocks shared by the content apps."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """What residents may see: published and inside the optional publication window."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(publish_until__isnull=True) | Q(publish_until__gt=now),
            publication_status=PublicationStatus.PUBLISHED,
        )

    def next_publication_change(self, now=None):
        """When the clock alone next shows or hides one of these rows (a publication window
        begins or ends), or None."""
        now = now or timezone.now()
        found = self.aggregate(
            begins=models.Min("publish_from", filter=Q(publish_from__gt=now)),
            ends=models.Min("publish_until", filter=Q(publish_until__gt=now)),
        )
        return min((moment for moment in found.values() if moment is not None), default=None)


class Publishable(models.Model):
    """Draft → (in review) → published, with an optional window that needs no button press."""

    publication_status = models.CharField(
        _("publication status"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Optional: becomes visible at this time."),
    )
    publish_until = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_("Optional: is hidden again from this time."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    # The permission lives with the staff machinery (staff.StaffProfile); named, not imported.
    PUBLISH_PERMISSION = "staff.publish_content"

    @classmethod
    def may_publish(cls, user):
        return bool(user and (user.is_superuser or user.has_perm(cls.PUBLISH_PERMISSION)))

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError({"publish_until": _("This time is not after “publish from”.")})

    @property
    def is_scheduled(self):
        """Published, but residents see it only from a later time."""
        return (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.publish_from is not None
            and self.publish_from > timezone.now()
        )

    def publication_label(self):
        """The status as editors read it: “Scheduled from …” and “Expired” included."""
        from django.utils import formats

        now = timezone.now()
        if self.is_scheduled:
            return _("Scheduled from %(date)s") % {
                "date": formats.localize(timezone.localtime(self.publish_from))
            }
        if (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.publish_until is not None
            and self.publish_until <= now
        ):
            return _("Expired")
        return self.get_publication_status_display()

    publication_label.short_description = _("publication status")

    def save_as(self, user, *, reason=""):
        """Save through the workflow: the history row names who did it and why."""
        if user is not None and user.is_authenticated:
            self._history_user = user
        if reason:
            self._change_reason = reason
        self.save()

    def submit_for_review(self, user):
        """Draft → in review. Returns whether anything changed."""
        if self.publication_status != PublicationStatus.DRAFT:
            return False
        self.publication_status = PublicationStatus.REVIEW
        self.save_as(user)
        return True

    def publish(self, user):
        """→ published, by the editorial office only. Returns whether anything changed."""
        if not self.may_publish(user):
            raise PermissionDenied(_("Only the editorial office can publish."))
        if self.publication_status == PublicationStatus.PUBLISHED:
            return False
        self.publication_status = PublicationStatus.PUBLISHED
        self.save_as(user)
        return True

    def live_publication_status(self):
        """The status stored in the database, whatever this instance (e.g. an old version) says."""
        if self._state.adding or self.pk is None:
            return None
        return (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .values_list("publication_status", flat=True)
            .first()
        )

    def is_public(self, now=None):
        now = now or timezone.now()
        return (
            self.publication_status == PublicationStatus.PUBLISHED
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or self.publish_until > now)
        )


class SitePageKey(models.TextChoices):
    LEGAL_NOTICE = "legal-notice", _("Legal notice")
    PRIVACY = "privacy", _("Privacy")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


class SitePage(models.Model):
    """An editor's version of a legal page; without one the portal shows its built-in text."""

    key = models.CharField(_("page"), max_length=20, choices=SitePageKey.choices, unique=True)
    body = models.TextField(
        _("text"),
        help_text=_("Headings, paragraphs, lists and links are kept; everything else is removed."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        ordering = ["key"]

    def __str__(self):
        return self.get_key_display()

    def save(self, *args, **kwargs):
        from portal.lib.html import clean_rich_text_fields

        clean_rich_text_fields(self, ["body"])
        super().save(*args, **kwargs)

    @property
    def body_has_translation(self):
        """Whether the active language has its own text (otherwise German is shown)."""
        from django.utils.translation import get_language

        return bool(getattr(self, f"body_{get_language()}", ""))
