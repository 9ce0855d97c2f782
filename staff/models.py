"""Staff members' profiles: their centres and the language the admin speaks to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class TranslationState(models.Model):
    """Which German text a translation was last confirmed against, per object, field, language.

    No row means nothing is known against which the translation could be outdated: it counts as
    up to date. A row is written when a translation is edited (or imported) and when the German
    text of an existing translation changes (then it keeps the previous German text's hash, so the
    translation shows as outdated until someone confirms or changes it).
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    source_hash = models.CharField(_("German source (hash)"), max_length=16)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation states")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_translation_state_per_field_and_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "language"])]

    def __str__(self):
        return f"{self.content_type} {self.object_id} {self.field} [{self.language}]"
