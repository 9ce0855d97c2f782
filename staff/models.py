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
