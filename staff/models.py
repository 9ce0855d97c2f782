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
    email_notifications = models.BooleanField(
        _("e-mail notifications"),
        default=True,
        help_text=_("Tell me by e-mail when something waits for my review or mine was decided."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        permissions = [("publish_content", _("Can publish content"))]

    def __str__(self):
        return str(self.user)


class RevisionAction(models.TextChoices):
    ADD = "add", _("New entry")
    CHANGE = "change", _("Change")
    RESTORE = "restore", _("Restore of an earlier version")
    UNPUBLISH = "unpublish", _("Unpublishing")
    DELETE = "delete", _("Deletion")


class RevisionState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Published")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Replaced")


class Revision(models.Model):
    """A change to live content by someone who may not publish: it waits for the editorial office.

    `base` holds the live values when the change was made, `data` the proposed ones (every field
    incl. each language version, many-to-many values and inline rows); only what differs between
    the two is applied on approval, so changes made meanwhile by others are kept.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    object_repr = models.CharField(_("entry"), max_length=200)
    action = models.CharField(
        _("request"), max_length=10, choices=RevisionAction.choices, default=RevisionAction.CHANGE
    )
    data = models.JSONField(_("proposed values"), default=dict, blank=True)
    base = models.JSONField(_("live values at the time"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="submitted_revisions",
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=RevisionState.choices,
        default=RevisionState.PENDING,
        db_index=True,
    )
    comment = models.TextField(_("comment of the editorial office"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_revisions",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"

    @property
    def model(self):
        return self.content_type.model_class()

    def live_object(self):
        model = self.model
        if model is None or not self.object_id:
            return None
        return model._default_manager.filter(pk=self.object_id).first()


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
