from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heilbronn_quartier.lib.uploads import RandomName, validate_image, validate_pdf
from heilbronn_quartier.models import Publishable, PublishableQuerySet


class Stage(models.TextChoices):
    FAMILY_CENTRE = "family_centre", _("Family centre")
    YOUTH_FAMILY_CENTRE = "youth_family_centre", _("Youth and family centre")
    NEIGHBOURHOOD_CENTRE = "neighbourhood_centre", _("Neighbourhood centre")


class CentreStatus(models.TextChoices):
    OPERATING = "operating", _("In operation")
    PLANNED = "planned", _("Planned")


class Availability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class CentreQuerySet(PublishableQuerySet):
    def operating(self):
        return self.filter(status=CentreStatus.OPERATING)

    def planned(self):
        return self.filter(status=CentreStatus.PLANNED)


class Centre(Publishable):
    """A Quartierszentrum (or a planned one, for the city-wide coverage of Vision 2030)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    stage = models.CharField(
        _("development stage"),
        max_length=24,
        choices=Stage.choices,
        default=Stage.NEIGHBOURHOOD_CENTRE,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CentreStatus.choices,
        default=CentreStatus.OPERATING,
        db_index=True,
    )
    opened_on = models.DateField(
        _("opened on"),
        null=True,
        blank=True,
        help_text=_("Opening as a neighbourhood centre; planned date for planned centres."),
    )
    provider = models.CharField(_("run by"), max_length=200, blank=True)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description of its work"), blank=True)
    image = models.ImageField(
        _("image"),
        upload_to=RandomName("centres"),
        blank=True,
        validators=[validate_image],
    )
    image_title = models.CharField(_("image title"), max_length=200, blank=True)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("neighbourhood centre")
        verbose_name_plural = _("neighbourhood centres")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:centre-detail", kwargs={"slug": self.slug})


class StageChange(models.Model):
    """One step of a centre's history, e.g. pilot neighbourhood centre since January 2020."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(_("stage"), max_length=24, choices=Stage.choices)
    since = models.DateField(_("since"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage history")
        ordering = ["centre", "since"]

    def __str__(self):
        return f"{self.centre} · {self.get_stage_display()} · {self.since:%Y-%m}"


class Quarter(models.Model):
    """A Quartier or Stadtteil: the resident's entry point ("my neighbourhood")."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("short description"), blank=True)
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("serving centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quarters",
    )

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:quarter-detail", kwargs={"slug": self.slug})


class Site(models.Model):
    """A main site or a branch (Außenstelle) of a centre."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="sites"
    )
    name = models.CharField(_("name"), max_length=160)
    is_main = models.BooleanField(_("main site"), default=False)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    street = models.CharField(_("street and number"), max_length=160)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=80, default="Heilbronn")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per day or time range, 24-hour clock."),
    )
    directions = models.TextField(
        _("how to get there"), blank=True, help_text=_("Bus stops and lines, parking, entrance.")
    )
    step_free_entrance = models.CharField(
        _("step-free entrance"),
        max_length=8,
        choices=Availability.choices,
        default=Availability.UNKNOWN,
    )
    accessible_toilet = models.CharField(
        _("accessible toilet"),
        max_length=8,
        choices=Availability.choices,
        default=Availability.UNKNOWN,
    )
    hearing_loop = models.CharField(
        _("hearing loop"),
        max_length=8,
        choices=Availability.choices,
        default=Availability.UNKNOWN,
    )

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["centre", "-is_main", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre"], condition=models.Q(is_main=True), name="one_main_site_per_centre"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.centre})"

    @property
    def address_line(self):
        return f"{self.street}, {self.postcode} {self.city}"


class DocumentKind(models.TextChoices):
    POSITION_PAPER = "position_paper", _("Key principles paper")
    ANNUAL_REPORT = "annual_report", _("Annual report")


class Document(Publishable):
    """A centre's position paper (Eckpunktepapier) or an annual report (Jahresbericht)."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Shown on the page; simple formatting is kept.")
    )
    file = models.FileField(
        _("PDF file"), upload_to=RandomName("documents"), validators=[validate_pdf]
    )
    file_size = models.PositiveIntegerField(_("file size in bytes"), default=0, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["centre", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year"],
                condition=models.Q(kind="annual_report"),
                name="one_annual_report_per_centre_and_year",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def save(self, *args, **kwargs):
        if self.file:
            self.file_size = self.file.size
        super().save(*args, **kwargs)
