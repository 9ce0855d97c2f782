from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoObjectQuerySet(models.QuerySet):
    def of(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class DemoObject(models.Model):
    """Marks a row as demo content: made up for demonstration, not stated by the city."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")

    objects = DemoObjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("demo object")
        verbose_name_plural = _("demo objects")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_demo_mark")
        ]

    def __str__(self):
        return f"{self.content_type.model} #{self.object_id}"
