"""Building blocks shared by the content apps."""

from django.conf import settings
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
        from modeltranslation.utils import get_translation_fields

        from heilbronn_quartier.lib.html import sanitise

        for field_name in ["body", *get_translation_fields("body")]:
            setattr(self, field_name, sanitise(getattr(self, field_name, "")))
        super().save(*args, **kwargs)

    @property
    def body_has_translation(self):
        """Whether the active language has its own text (otherwise German is shown)."""
        from django.utils.translation import get_language

        return bool(getattr(self, f"body_{get_language()}", ""))


class StaffProfile(models.Model):
    """What the admin needs to know about a staff member: their centres and their language."""

    user = models.OneToOneField(
        "auth.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    centres = models.ManyToManyField(
        "centers.Centre",
        verbose_name=_("centres"),
        blank=True,
        related_name="staff_profiles",
        help_text=_("Quarter managers see and edit only the content of these centres."),
    )
    language = models.CharField(
        _("admin language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="de",
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        permissions = [("publish_content", _("Can publish content"))]

    def __str__(self):
        return str(self.user)
