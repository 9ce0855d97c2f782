from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centers import streets
from centers.renditions import generate_renditions
from portal.lib.html import clean_rich_text_fields
from portal.lib.uploads import RandomName, validate_image, validate_pdf
from portal.models import Publishable, PublishableQuerySet


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

    def with_public_details(self):
        """Everything a centre page shows, in a fixed number of queries however much there is."""
        return self.prefetch_related(*public_details())


def public_details():
    """The related rows a centre page shows (prefetch lookups; the documents published now)."""
    return [
        "sites",
        "stage_changes",
        "quarters",
        "contacts",
        Prefetch(
            "documents",
            queryset=Document.objects.published().order_by("-year", "kind", "pk"),
            to_attr="public_documents",
        ),
    ]


def alt_text_required(instance, image_field, alt_field):
    """An image without a description excludes people who cannot see it: refuse to save it."""
    if (
        getattr(instance, image_field)
        and not (getattr(instance, f"{alt_field}_de", "") or "").strip()
    ):
        raise ValidationError(
            {f"{alt_field}_de": _("Please describe the image (alt text) when you add one.")}
        )


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
    description = models.TextField(
        _("description of its work"),
        blank=True,
        help_text=_("Paragraphs, lists, bold and links are kept; everything else is removed."),
    )
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

    def clean(self):
        super().clean()
        alt_text_required(self, "image", "image_alt")

    def save(self, *args, **kwargs):
        clean_rich_text_fields(self, ["description"])
        super().save(*args, **kwargs)
        generate_renditions(self.image)

    @property
    def is_planned(self):
        return self.status == CentreStatus.PLANNED

    # The helpers below read prefetched relations (see with_public_details): no extra queries.
    @property
    def main_site(self):
        return next((site for site in self.sites.all() if site.is_main), None)

    def site_for(self, quarter):
        """The site that lies in `quarter`, else the main site: where its residents go."""
        here = next((site for site in self.sites.all() if site.quarter_id == quarter.pk), None)
        return here or self.main_site

    @property
    def branch_sites(self):
        return [site for site in self.sites.all() if not site.is_main]

    @property
    def annual_reports(self):
        return [d for d in self.public_documents if d.kind == DocumentKind.ANNUAL_REPORT]

    @property
    def position_papers(self):
        return [d for d in self.public_documents if d.kind == DocumentKind.POSITION_PAPER]

    @property
    def phone_contact(self):
        return next((contact for contact in self.contacts.all() if contact.phone), None)

    @property
    def latest_annual_report(self):
        reports = self.annual_reports
        return reports[0] if reports else None

    def structured_data(self, base_url):
        """schema.org description for search engines and assistants (JSON-LD)."""
        data = {
            "@context": "https://schema.org",
            "@type": ["GovernmentOrganization", "CivicStructure"],
            "name": self.name,
            "url": base_url + self.get_absolute_url(),
            "description": self.summary or "",
            "parentOrganization": {
                "@type": "GovernmentOrganization",
                "name": "Stadt Heilbronn, Amt für Familie, Jugend und Senioren",
            },
        }
        sites = list(self.sites.all())
        main = self.main_site or (sites[0] if sites else None)
        if main:
            data.update(main.structured_place())
        branches = [site for site in sites if site is not main]
        if branches:
            data["department"] = [
                {"@type": "CivicStructure", "name": site.name, **site.structured_place()}
                for site in branches
            ]
        points = [contact.structured_contact_point() for contact in self.contacts.all()]
        if points:
            data["contactPoint"] = points
        return data


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


# /quartiere/mein-quartier/ is the street lookup (centers/urls.py), never a neighbourhood page.
RESERVED_QUARTER_SLUG = "mein-quartier"


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
    # Printed on paper questionnaires and stored in survey exports: given once, never changed,
    # so that forms already handed out and answers already stored keep meaning the same place.
    # 99 is kept for "outside Heilbronn / don't know".
    code = models.PositiveSmallIntegerField(
        _("code"),
        unique=True,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(98)],
        help_text=_(
            "Number printed on paper questionnaires and used in survey exports. "
            "Given automatically if left empty; it can never be changed afterwards."
        ),
    )

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        stored = self._stored_code()
        if stored is not None and stored != self.code:
            raise ValueError("The code of a neighbourhood never changes.")
        if self.code is None:
            self.code = (Quarter.objects.aggregate(last=Max("code"))["last"] or 0) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("centers:quarter-detail", kwargs={"slug": self.slug})

    def _stored_code(self):
        if not self.pk:
            return None
        return Quarter.objects.filter(pk=self.pk).values_list("code", flat=True).first()

    def clean(self):
        stored = self._stored_code()
        if stored is not None and stored != self.code:
            raise ValidationError({"code": _("The code of a neighbourhood can never be changed.")})
        if self.slug == RESERVED_QUARTER_SLUG:
            raise ValidationError(
                {"slug": _("This address belongs to the street lookup; please choose another.")}
            )


class Site(models.Model):
    """A main site or a branch (Außenstelle) of a centre."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="sites"
    )
    name = models.CharField(_("name"), max_length=160)
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("lies in neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sites",
        help_text=_("Activities at this site are listed for this neighbourhood."),
    )
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
    opening_hours_spec = models.TextField(
        _("opening hours for search engines"),
        blank=True,
        help_text=_("schema.org format, one line per range, e.g. Mo-Th 09:00-16:00"),
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

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def route_url(self):
        """A plain link to a route on OpenStreetMap; nothing is loaded from there on page view."""
        if not self.has_coordinates:
            return ""
        return settings.OSM_ROUTE_URL.format(lat=self.latitude, lon=self.longitude)

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in (self.opening_hours or "").splitlines() if line.strip()]

    @property
    def accessibility_facts(self):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, f"get_{name}_display")())
            for name in ("step_free_entrance", "accessible_toilet", "hearing_loop")
        ]

    def structured_place(self):
        place = {
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street,
                "postalCode": self.postcode,
                "addressLocality": self.city,
                "addressCountry": "DE",
            }
        }
        if self.has_coordinates:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        specs = [line.strip() for line in self.opening_hours_spec.splitlines() if line.strip()]
        if specs:
            place["openingHours"] = specs
        features = [
            {
                "@type": "LocationFeatureSpecification",
                "name": self._meta.get_field(name).verbose_name.__str__(),
                "value": getattr(self, name) == Availability.YES,
            }
            for name in ("step_free_entrance", "accessible_toilet", "hearing_loop")
            if getattr(self, name) != Availability.UNKNOWN
        ]
        if features:
            place["amenityFeature"] = features
        return place


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
        # Editors' HTML is cleaned on the way in; templates clean it again on the way out.
        clean_rich_text_fields(self, ["summary"])
        super().save(*args, **kwargs)

    @property
    def download_name(self):
        from django.utils.text import slugify

        return f"{slugify(self.centre.name)}-{slugify(self.get_kind_display())}-{self.year}.pdf"


class ProcessFacts(models.Model):
    """The fact box of the neighbourhood development process, edited by editors (one row)."""

    topics = models.CharField(_("topics"), max_length=200)
    period = models.CharField(_("period"), max_length=200)
    target_group = models.CharField(_("target group"), max_length=200)
    participation = models.CharField(_("form of participation"), max_length=200)
    state = models.CharField(_("status"), max_length=100)

    class Meta:
        verbose_name = _("fact box")
        verbose_name_plural = _("fact box")

    def __str__(self):
        return str(_("Fact box of the neighbourhood development"))

    def save(self, *args, **kwargs):
        self.pk = 1  # only ever one fact box
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).first()


class Parity(models.TextChoices):
    ALL = "all", _("all house numbers")
    EVEN = "even", _("even numbers")
    ODD = "odd", _("odd numbers")


class StreetSectionQuerySet(models.QuerySet):
    def for_street(self, name):
        """The sections of a street however it was typed (see centers.streets.street_key)."""
        key = streets.street_key(name)
        return self.filter(street_key=key) if key else self.none()

    def lookup(self, street, number=None):
        """The directory's answer for a typed street (and house number), see streets.Lookup."""
        sections = list(self.for_street(street).select_related("quarter"))
        name = sections[0].street if sections else street
        return streets.Lookup(street=name, number=number, sections=sections)

    def street_names(self):
        """Every street once, as the directory spells it, in alphabetical order."""
        return sorted(set(self.values_list("street", flat=True)), key=str.casefold)


class StreetSection(models.Model):
    """A street, or a range of its house numbers, and the neighbourhood it belongs to.

    Imported from the city's street directory (CSV, centers.street_import); a street that runs
    through several neighbourhoods has one section per stretch.
    """

    street = models.CharField(_("street"), max_length=120)
    # The street as residents may type it: case, "Str.", umlauts, spaces and hyphens folded.
    street_key = models.CharField(max_length=120, editable=False, db_index=True)
    number_from = models.PositiveIntegerField(
        _("from house number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(streets.MAX_NUMBER)],
        help_text=_("Empty: from the start of the street."),
    )
    number_to = models.PositiveIntegerField(
        _("to house number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(streets.MAX_NUMBER)],
        help_text=_("Empty: to the end of the street."),
    )
    parity = models.CharField(
        _("house numbers"), max_length=4, choices=Parity.choices, default=Parity.ALL
    )
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("neighbourhood"),
        on_delete=models.CASCADE,
        related_name="street_sections",
    )

    objects = StreetSectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("street section")
        verbose_name_plural = _("street directory")
        ordering = ["street_key", "postcode", "number_from", "parity"]

    def __str__(self):
        return f"{self.street} {self.numbers_label}".strip()

    def save(self, *args, **kwargs):
        self.street_key = streets.street_key(self.street)
        super().save(*args, **kwargs)

    @property
    def numbers_label(self):
        return streets.numbers_label(self.number_from, self.number_to, self.parity)

    def covers(self, number):
        return streets.covers(self, number)

    def clean(self):
        super().clean()
        problem = streets.section_problem(self.street, self.number_from, self.number_to)
        if problem:
            field, message = problem
            raise ValidationError({field: message})
        if self.postcode and not streets.is_postcode(self.postcode):
            raise ValidationError({"postcode": streets.POSTCODE_MESSAGE})
        others = StreetSection.objects.filter(
            street_key=streets.street_key(self.street)
        ).select_related("quarter")
        clash = next(
            (other for other in others.exclude(pk=self.pk) if streets.overlap(self, other)), None
        )
        if clash is not None:
            raise ValidationError(
                _(
                    "These house numbers overlap with another section of the same street: "
                    "%(section)s (%(quarter)s)."
                )
                % {"section": clash, "quarter": clash.quarter}
            )
