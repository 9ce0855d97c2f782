from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from contacts import phones
from portal.lib.uploads import RandomName, validate_image


class ContactPersonQuerySet(models.QuerySet):
    def city_office(self):
        return self.filter(centre__isnull=True)

    def for_centre(self, centre):
        return self.filter(centre=centre)


class ContactPerson(models.Model):
    """Someone residents can call: at a centre, or at the city office when no centre is set."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, help_text=_("e.g. neighbourhood manager"))
    centre = models.ForeignKey(
        "centers.Centre",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        help_text=_("Leave empty for the Amt für Familie, Jugend und Senioren."),
    )
    topics = models.CharField(
        _("ask about"),
        max_length=300,
        blank=True,
        help_text=_("What residents can ask this person about."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to=RandomName("contacts"), blank=True, validators=[validate_image]
    )
    photo_alt = models.CharField(_("photo description (alt text)"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Not confirmed by the city: invented for the demonstration."),
    )

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.role})"

    def save(self, *args, **kwargs):
        from centers.renditions import generate_renditions

        super().save(*args, **kwargs)
        generate_renditions(self.photo)

    def clean(self):
        from centers.models import alt_text_required

        super().clean()
        alt_text_required(self, "photo", "photo_alt")
        validate_phone(self, "phone")

    @property
    def is_city_office(self):
        return self.centre_id is None

    def structured_contact_point(self):
        point = {"@type": "ContactPoint", "name": self.name, "contactType": self.role}
        if self.phone:
            point["telephone"] = self.phone_uri.removeprefix("tel:")
        if self.email:
            point["email"] = self.email
        return point

    @property
    def phone_uri(self):
        """tel: URI in international form, from the German format on signs (07131 56-1167)."""
        return phones.tel_uri(self.phone)


def validate_phone(instance, field):
    value = getattr(instance, field)
    if value and not phones.e164(value):
        raise ValidationError(
            {field: _("Please enter a phone number with area code, e.g. 07131 56-1167.")}
        )


class Office(models.Model):
    """The city office that publishes the portal (Impressum) and answers general questions;
    one row. Its people are the contact persons without a centre."""

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=160, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, default="Heilbronn")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Not confirmed by the city: invented for the demonstration."),
    )

    class Meta:
        verbose_name = _("city office")
        verbose_name_plural = _("city office")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # only ever one publisher
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        validate_phone(self, "phone")

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).first()

    @property
    def address_lines(self):
        return [line for line in (self.street, f"{self.postcode} {self.city}".strip()) if line]
