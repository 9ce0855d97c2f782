"""Activities and services (Angebote): what happens where, when and for whom."""

import uuid
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.lib.uploads import RandomName, validate_image
from portal.models import PublicationStatus, Publishable, PublishableQuerySet


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", pgettext_lazy("time of day filter", "Morning")
    AFTERNOON = "afternoon", pgettext_lazy("time of day filter", "Afternoon")
    EVENING = "evening", pgettext_lazy("time of day filter", "Evening")


# Start times that count as morning / afternoon / evening (Vormittag, Nachmittag, Abend).
TIME_OF_DAY_RANGES = {
    TimeOfDay.MORNING: (time(0, 0), time(12, 0)),
    TimeOfDay.AFTERNOON: (time(12, 0), time(17, 0)),
    TimeOfDay.EVENING: (time(17, 0), time(23, 59, 59)),
}


class FeedKind(models.TextChoices):
    """What a calendar feed (iCal) collects; the value is the German word in its address."""

    OFFER = "angebot", _("Activity")
    QUARTER = "quartier", _("Neighbourhood")
    CENTRE = "zentrum", _("Centre")
    TARGET_GROUP = "zielgruppe", _("Target group")


class OfferState(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class CostType(models.TextChoices):
    FREE = "free", _("Free of charge")
    AMOUNT = "amount", _("Fee")
    ON_REQUEST = "on_request", _("Cost on request")


class LookupEntry(models.Model):
    """An entry editors maintain for the filters: a translatable name, a stable slug, an order."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name


class Category(LookupEntry):
    class Meta(LookupEntry.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class TargetGroup(LookupEntry):
    class Meta(LookupEntry.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class OfferLanguage(models.Model):
    """A language an activity is held in (not the language of the page)."""

    code = models.SlugField(_("language code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("language of the activity")
        verbose_name_plural = _("languages of the activities")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class OfferQuerySet(PublishableQuerySet):
    def published(self, now=None):
        """Public, still running (not ended) and not past its "valid until" date."""
        today = timezone.localdate()
        return (
            super()
            .published(now)
            .exclude(state=OfferState.ENDED)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        )

    def active(self):
        return self.filter(state=OfferState.ACTIVE)

    def for_quarter(self, quarter):
        """What happens in the neighbourhood (at a site there, or another place there) and
        what the centre serving it runs: a centre works for all its neighbourhoods."""
        place = Q(quarter=quarter) | Q(site__quarter=quarter)
        if quarter.centre_id:
            place |= Q(centre_id=quarter.centre_id)
        return self.filter(place)

    def for_centre(self, centre):
        return self.filter(centre=centre)

    def by_actor(self, actor):
        """Run by a local actor, alone or in cooperation with a centre."""
        return self.filter(actor=actor)

    def for_target_group(self, target_group):
        return self.filter(target_groups=target_group)

    def free_of_charge(self):
        return self.filter(cost_type=CostType.FREE)

    def for_age(self, age):
        return self.filter(
            Q(min_age__isnull=True) | Q(min_age__lte=age),
            Q(max_age__isnull=True) | Q(max_age__gte=age),
        )

    def on_slot(self, weekday=None, time_of_day=None):
        """Offers with one slot that matches both the weekday and the time of day."""
        slots = Schedule.objects.filter(offer=OuterRef("pk"))
        if weekday is not None:
            slots = slots.filter(weekdays__contains=str(int(weekday)))
        if time_of_day:
            start, end = TIME_OF_DAY_RANGES[time_of_day]
            slots = slots.filter(start_time__gte=start, start_time__lt=end)
        return self.filter(Exists(slots))

    def stale(self, today=None):
        """Not checked for six months or never: editors should look at these."""
        today = today or timezone.localdate()
        return self.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=today - STALE_AFTER))

    def search(self, text, language):
        from offers.search import search_offers

        return search_offers(self, text, language)

    def for_listing(self):
        """What a card in the list shows, in a constant number of queries."""
        return self.select_related(
            "category", "centre", "quarter", "actor", "site"
        ).prefetch_related("target_groups", "schedules", "cancellations")

    def for_cards(self):
        """An activity's own columns that a card and its next date read (not the 82 of them),
        its slots and cancellations as lists (a related manager and queryset per activity and
        relation cost more than the rows). offers.fragments adds what the card names: a
        category, centre, neighbourhood, actor, place and target groups. A new field on the
        card goes into CARD_FIELDS, or each card asks the database once more
        (tests/offers/test_card_queries.py)."""
        return self.only(*CARD_FIELDS).prefetch_related(
            Prefetch("schedules", to_attr="card_slots"),
            Prefetch("cancellations", to_attr="card_cancellations"),
        )

    def for_calendar(self):
        """What occurrences need: slots and cancelled dates."""
        return self.select_related("quarter", "site").prefetch_related("schedules", "cancellations")


# Offer.objects.for_cards(): what offers/includes/offer_card.html, provider_line.html and the
# next date (offers.schedule.attach_next_dates, closure periods) read of an activity itself …
CARD_FIELDS = (
    "slug",
    "title",
    "summary",
    "state",
    "cost_type",
    "cost_amount",
    "registration_required",
    "min_age",
    "max_age",
    "not_in_school_holidays",
    "on_public_holidays",
    "valid_from",
    "valid_until",
    "venue_name",
    "street",
    "postcode",
    "city",
    *("category", "centre", "quarter", "actor", "site"),
)
# … and of what it names (offers.fragments.card_names).
CARD_NAMES = {
    "category": ("name",),
    "centre": ("name",),
    "quarter": ("name",),
    "actor": ("name", "slug", "publication_status", "publish_from", "publish_until"),
    "site": ("name", "street", "postcode", "city"),
}

STALE_AFTER = timedelta(days=183)


class Offer(Publishable):
    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    summary = models.CharField(
        _("short description"), max_length=300, blank=True, help_text=_("One or two sentences.")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Paragraphs, lists, bold and links are kept; everything else is removed."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="offers"
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    languages = models.ManyToManyField(
        OfferLanguage,
        verbose_name=_("languages of the activity"),
        blank=True,
        related_name="offers",
    )
    cost_type = models.CharField(
        _("cost"), max_length=12, choices=CostType.choices, default=CostType.FREE, db_index=True
    )
    cost_amount = models.DecimalField(
        _("amount in euros"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    cost_note = models.CharField(_("note on the cost"), max_length=200, blank=True)
    registration_required = models.BooleanField(_("registration required"), default=False)
    registration_note = models.CharField(
        _("how to register"), max_length=300, blank=True, help_text=_("e.g. by phone or e-mail")
    )
    centre = models.ForeignKey(
        "centers.Centre",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
    )
    actor = models.ForeignKey(
        "network.Actor",
        verbose_name=_("run by a local actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        help_text=_("With a centre as well: “in cooperation with” the centre."),
    )
    quarter = models.ForeignKey(
        "centers.Quarter",
        verbose_name=_("neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        help_text=_(
            "Where it happens. Taken from the site when the site names its neighbourhood; "
            "choose it yourself for another place."
        ),
    )
    site = models.ForeignKey(
        "centers.Site",
        verbose_name=_("site"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        help_text=_("Leave empty and fill in the address below for another place."),
    )
    venue_name = models.CharField(_("other place"), max_length=160, blank=True)
    street = models.CharField(_("street and number"), max_length=160, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True, default="Heilbronn")
    contact = models.ForeignKey(
        "contacts.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
    )
    image = models.ImageField(
        _("image"), upload_to=RandomName("offers"), blank=True, validators=[validate_image]
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    state = models.CharField(
        _("state"),
        max_length=8,
        choices=OfferState.choices,
        default=OfferState.ACTIVE,
        db_index=True,
        help_text=_("Paused activities stay visible with a note; ended ones are hidden."),
    )
    on_public_holidays = models.BooleanField(
        _("also on public holidays"),
        default=False,
        help_text=_(
            "Without this tick, repeating dates on a public holiday in Baden-Württemberg "
            "are shown as cancelled."
        ),
    )
    not_in_school_holidays = models.BooleanField(
        _("not in the school holidays"),
        default=False,
        help_text=_(
            "Tick this when the activity pauses in the school holidays: its repeating dates "
            "in the school-holiday periods are shown as cancelled."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    last_checked = models.DateField(
        _("last checked"), null=True, blank=True, help_text=_("When someone last confirmed it.")
    )
    # A resident's suggestion: stays a draft until the neighbourhood management reviews it.
    is_proposal = models.BooleanField(_("suggested by a resident"), default=False, db_index=True)
    proposer_name = models.CharField(_("suggested by"), max_length=120, blank=True)
    proposer_contact = models.CharField(_("contact of the resident"), max_length=200, blank=True)
    proposal_details = models.TextField(_("details of the suggestion"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities and services")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("offers:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The maximum age is lower than the minimum age.")})
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValidationError({"valid_until": _("This date is before “valid from”.")})
        if self.cost_type == CostType.AMOUNT and self.cost_amount is None:
            raise ValidationError({"cost_amount": _("Please enter the amount.")})
        if self.site_id and self.centre_id and self.site.centre_id != self.centre_id:
            raise ValidationError({"site": _("This site belongs to another centre.")})
        from centers.models import alt_text_required

        alt_text_required(self, "image", "image_alt")

    def save(self, *args, **kwargs):
        from portal.lib.html import clean_rich_text_fields

        clean_rich_text_fields(self, ["description"])
        if not self.slug:
            self.slug = unique_slug(self.title)
        if self.site_id and self.site.quarter_id:
            self.quarter_id = self.site.quarter_id
        # Whoever publishes an activity has just checked it.
        if (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.live_publication_status()
            in (
                PublicationStatus.DRAFT,
                PublicationStatus.REVIEW,
            )
        ):
            self.last_checked = timezone.localdate()
        super().save(*args, **kwargs)

    def publish(self, user):
        changed = self.state != OfferState.ACTIVE
        self.state = OfferState.ACTIVE
        return super().publish(user) or (changed and self._saved_as(user))

    def pause(self, user):
        """Paused offers stay visible with a note. Returns whether anything changed."""
        if self.state == OfferState.PAUSED:
            return False
        self.state = OfferState.PAUSED
        return self._saved_as(user)

    def resume(self, user):
        if self.state != OfferState.PAUSED:
            return False
        self.state = OfferState.ACTIVE
        return self._saved_as(user)

    def mark_checked(self, user, today=None):
        today = today or timezone.localdate()
        if self.last_checked == today:
            return False
        self.last_checked = today
        return self._saved_as(user)

    def _saved_as(self, user):
        self.save_as(user)
        return True

    @property
    def is_free(self):
        return self.cost_type == CostType.FREE

    @property
    def is_paused(self):
        return self.state == OfferState.PAUSED

    @property
    def place_name(self):
        if self.site_id:
            return self.site.name
        return self.venue_name

    @property
    def address_line(self):
        if self.site_id:
            return self.site.address_line
        if self.street:
            return f"{self.street}, {self.postcode} {self.city}".strip()
        return ""

    @property
    def map_url(self):
        from urllib.parse import urlencode

        site = self.site if self.site_id else None
        if site and site.latitude is not None and site.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={site.latitude}&mlon={site.longitude}"
                f"#map=18/{site.latitude}/{site.longitude}"
            )
        if self.address_line:
            return "https://www.openstreetmap.org/search?" + urlencode({"query": self.address_line})
        return ""

    def duplicate(self):
        """A draft copy with the same slots, cancellations, target groups and languages."""
        from portal.models import PublicationStatus

        schedules = list(self.schedules.all())
        cancellations = list(self.cancellations.all())
        target_groups = list(self.target_groups.all())
        languages = list(self.languages.all())
        copy = Offer.objects.get(pk=self.pk)
        copy.pk = None
        copy._state.adding = True
        copy.uid = uuid.uuid4()
        copy.slug = unique_slug(self.title_de or self.title)
        copy.publication_status = PublicationStatus.DRAFT
        copy.is_proposal = False
        copy.save()
        copy.target_groups.set(target_groups)
        copy.languages.set(languages)
        for slot in schedules:
            slot.pk = None
            slot.offer = copy
            slot.save()
        for cancellation in cancellations:
            cancellation.pk = None
            cancellation.offer = copy
            cancellation.save()
        return copy

    def slots(self):
        """The schedule rows, from for_cards or the prefetch cache when there is one."""
        found = getattr(self, "card_slots", None)
        return list(self.schedules.all()) if found is None else found

    def cancelled_dates(self):
        found = getattr(self, "card_cancellations", None)
        return {
            day: cancellation
            for cancellation in (self.cancellations.all() if found is None else found)
            for day in cancellation.days()
        }

    def closure_reasons(self, periods):
        """{day: reason} of the periods (school holidays, closures) in which this activity's
        repeating dates fall out."""
        found = {}
        for period in periods:
            if period.applies_to(self):
                name = period.name
                for day in period.days():
                    found.setdefault(day, name)
        return found

    def occurrences(self, start, end, periods=None):
        from offers.schedule import occurrences_for

        return occurrences_for(self, start, end, periods)

    def next_occurrences(self, limit=6, days=70, today=None, periods=None):
        today = today or timezone.localdate()
        found = self.occurrences(today, today + timedelta(days=days), periods)
        now = timezone.localtime()
        return [item for item in found if item.end >= now][:limit]


def quarters_with_offers(offers=None):
    """The neighbourhoods in which at least one of `offers` (default: the published) is listed,
    by the same rule as OfferQuerySet.for_quarter."""
    from centers.models import Quarter

    offers = Offer.objects.published() if offers is None else offers
    return Quarter.objects.filter(
        Q(pk__in=offers.values("quarter"))
        | Q(pk__in=offers.values("site__quarter"))
        | Q(centre__in=offers.values("centre"))
    ).order_by("name")


def unique_slug(title, model=None):
    model = model or Offer
    base = slugify(title)[:160] or "angebot"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly on a weekday")
    SINGLE = "single", _("Single date")


def parse_weekdays(value):
    """The weekdays of a stored value ("024") or a list of numbers, sorted, each once."""
    if value is None:
        return []
    items = list(value) if isinstance(value, str) else value
    found = set()
    for item in items:
        text = str(item).strip()
        if text in ("", ","):
            continue
        if not text.isdigit() or not 0 <= int(text) <= 6:
            raise ValueError(text)
        found.add(int(text))
    return sorted(found)


def format_weekdays(days):
    """The stored form of weekdays: their numbers (Monday = 0) in order, e.g. "024"."""
    return "".join(str(day) for day in parse_weekdays(days))


def weekday_names(days):
    """ "Tuesday", "Tuesday and Thursday", "Monday, Wednesday and Friday" in the active language."""
    from django.utils.translation import gettext

    names = [str(Weekday(day).label) for day in parse_weekdays(days)]
    if len(names) < 2:
        return "".join(names)
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


class WeekdaysFormField(forms.TypedMultipleChoiceField):
    """Checkboxes Monday … Sunday for the stored string of weekday numbers."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, max_length=None, empty_value="", **kwargs):
        kwargs.pop("choices", None)
        kwargs.pop("coerce", None)
        super().__init__(choices=Weekday.choices, coerce=int, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) and value and value.isdigit():
            return parse_weekdays(value)
        return value

    def clean(self, value):
        return format_weekdays(super().clean(value) or [])

    def has_changed(self, initial, data):
        try:
            return parse_weekdays(initial) != parse_weekdays(data or [])
        except ValueError:
            return True


def validate_weekdays(value):
    try:
        parse_weekdays(value)
    except ValueError:
        raise ValidationError(_("Choose weekdays from Monday to Sunday.")) from None


class WeekdaysField(models.CharField):
    """Several weekdays in one column: their numbers, Monday = 0, e.g. "024" for Monday,
    Wednesday and Friday. Filtering by one day is `weekdays__contains="2"`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_weekdays)

    def formfield(self, **kwargs):
        # The admin passes a text input for every CharField: a list needs checkboxes.
        widget = kwargs.get("widget")
        if not (isinstance(widget, type) and issubclass(widget, forms.SelectMultiple)):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield(**{**kwargs, "form_class": WeekdaysFormField})

    def value_label(self, value):
        """For the history: "Montag und Mittwoch", not "02"."""
        try:
            return weekday_names(value)
        except ValueError:
            return value


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("1st")
    SECOND = 2, _("2nd")
    THIRD = 3, _("3rd")
    FOURTH = 4, _("4th")
    LAST = -1, _("last")


class Schedule(models.Model):
    """One time slot: every Tuesday 15:00–17:00, the 1st Friday of a month, or one date."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="schedules"
    )
    recurrence = models.CharField(
        _("repeats"),
        max_length=8,
        choices=Recurrence.choices,
        default=Recurrence.WEEKLY,
        help_text=_(
            "Weekly: every week, or every 2nd, 3rd … week (see “every n weeks”). Monthly on a "
            "weekday: e.g. “2nd Tuesday” is the second Tuesday of every month. Single date: once."
        ),
    )
    weekdays = WeekdaysField(
        _("weekdays"),
        blank=True,
        help_text=_(
            "One or several days, e.g. Monday, Wednesday and Friday at the same time. Set "
            "automatically for single dates."
        ),
    )
    # The first of the weekdays, kept in step on save: the order of the slots, and code that
    # creates a slot for one day (Schedule(weekday=1)) keeps working.
    weekday = models.PositiveSmallIntegerField(
        _("first weekday"), choices=Weekday.choices, null=True, blank=True, editable=False
    )
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_(
            "Only for “monthly on a weekday”: “2nd” with Tuesday means the second Tuesday of "
            "every month, “last” the last one."
        ),
    )
    interval = models.PositiveSmallIntegerField(
        _("every n weeks"),
        default=1,
        help_text=_(
            "1 = every week. 2 = every 2nd week (every other week), counted from the first date: "
            "then the first date is required."
        ),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "Single date: the day. Every 2nd (3rd …) week: the first date, from which the weeks "
            "are counted. Otherwise optional: the first date."
        ),
    )
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    note = models.CharField(_("note"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["weekday", "start_time"]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.sync_weekdays()
        super().save(*args, **kwargs)

    @property
    def days(self):
        """The weekdays as numbers (Monday = 0); a slot saved before weekdays existed has one."""
        try:
            found = parse_weekdays(self.weekdays)
        except ValueError:
            found = []
        if not found and self.weekday is not None:
            found = [self.weekday]
        return found

    @property
    def weekday_names(self):
        return weekday_names(self.days)

    def sync_weekdays(self):
        if self.recurrence == Recurrence.SINGLE and self.date:
            self.weekdays = str(self.date.weekday())
        else:
            self.weekdays = format_weekdays(self.days)
        days = parse_weekdays(self.weekdays)
        self.weekday = days[0] if days else None

    def clean(self):
        errors = {}
        days = parse_weekdays(self.weekdays) if not self.weekdays or self.weekdays.isdigit() else []
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end is not after the start.")
        if self.recurrence == Recurrence.SINGLE and not self.date:
            errors["date"] = _("A single date needs a date.")
        if self.recurrence != Recurrence.SINGLE and not days:
            errors["weekdays"] = _("A repeating slot needs at least one weekday.")
        if self.recurrence == Recurrence.MONTHLY and not self.week_of_month:
            errors["week_of_month"] = _("Choose which week of the month.")
        if self.week_of_month and self.recurrence != Recurrence.MONTHLY:
            errors["week_of_month"] = _(
                "A week of the month only applies to “monthly on a weekday”: empty this field "
                "or choose “monthly on a weekday”."
            )
        if (self.interval or 1) > 1:
            if self.recurrence != Recurrence.WEEKLY:
                errors["interval"] = _(
                    "“Every n weeks” only applies to weekly slots: set it to 1 here."
                )
            elif not self.date:
                errors["date"] = _(
                    "For every %(n)d. week, please enter the first date: the weeks are counted "
                    "from it."
                ) % {"n": self.interval}
        if (
            self.recurrence != Recurrence.SINGLE
            and self.date
            and days
            and self.date.weekday() not in days
        ):
            errors.setdefault(
                "date",
                _("The first date is a %(day)s, but the slot is on %(weekday)s.")
                % {"day": Weekday(self.date.weekday()).label, "weekday": weekday_names(days)},
            )
        if errors:
            raise ValidationError(errors)

    @property
    def time_range(self):
        from offers.schedule import format_time_range

        return format_time_range(self.start_time, self.end_time)

    @property
    def label(self):
        from offers.schedule import describe_slot

        return describe_slot(self)

    def first_start(self, fallback):
        """The DTSTART of the series as an aware datetime in Europe/Berlin."""
        day = self.date or fallback
        return timezone.make_aware(
            datetime.combine(day, self.start_time), timezone.get_default_timezone()
        )

    @property
    def duration(self):
        return datetime.combine(date.min, self.end_time) - datetime.combine(
            date.min, self.start_time
        )


class Cancellation(models.Model):
    """A date on which an activity does not take place (holiday, illness …)."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="cancellations"
    )
    date = models.DateField(_("date"))
    end_date = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("For several days in a row, e.g. the summer holidays: the last day."),
    )
    reason = models.CharField(_("reason"), max_length=160, blank=True)

    MAX_DAYS = 366

    class Meta:
        verbose_name = _("cancelled date")
        verbose_name_plural = _("cancelled dates")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "date"], name="one_cancellation_per_day")
        ]

    def __str__(self):
        return f"{self.offer} · {self.date:%d.%m.%Y}"

    def clean(self):
        if self.date and self.end_date:
            if self.end_date < self.date:
                raise ValidationError({"end_date": _("This day is before the first day.")})
            if (self.end_date - self.date).days >= self.MAX_DAYS:
                raise ValidationError(
                    {"end_date": _("At most one year: for longer, end the activity instead.")}
                )

    def days(self):
        """Every cancelled day: one, or each day of the range."""
        last = self.end_date if self.end_date and self.end_date > self.date else self.date
        return [self.date + timedelta(days=n) for n in range((last - self.date).days + 1)]


class ClosureKind(models.TextChoices):
    SCHOOL_HOLIDAYS = "school_holidays", _("School holidays")
    CLOSURE = "closure", _("Closure")


class ClosurePeriodQuerySet(models.QuerySet):
    def overlapping(self, first, last):
        return self.filter(first_day__lte=last, last_day__gte=first)


class ClosurePeriod(models.Model):
    """Days on which repeating dates fall out: the school holidays (for activities that say
    “not in the school holidays”) or a closure (of one centre, or of all without a centre).
    Single dates are planned on purpose and take place."""

    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=ClosureKind.choices,
        default=ClosureKind.SCHOOL_HOLIDAYS,
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. “Autumn holidays” or “Summer closure”.")
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    centre = models.ForeignKey(
        "centers.Centre",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closure_periods",
        help_text=_("Only for a closure: the centre that closes. Empty: all activities."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the dates come from, e.g. the Ministry of Education's list."),
    )

    MAX_DAYS = 120

    objects = ClosurePeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday or closure period")
        verbose_name_plural = _("holiday and closure periods")
        ordering = ["first_day", "name"]

    def __str__(self):
        return f"{self.name} ({self.first_day:%d.%m.%Y}–{self.last_day:%d.%m.%Y})"

    def clean(self):
        errors = {}
        if self.first_day and self.last_day:
            if self.last_day < self.first_day:
                errors["last_day"] = _("This day is before the first day.")
            elif (self.last_day - self.first_day).days >= self.MAX_DAYS:
                errors["last_day"] = _("At most 120 days: please enter longer periods in parts.")
        if self.kind == ClosureKind.SCHOOL_HOLIDAYS and self.centre_id:
            errors["centre"] = _(
                "School holidays apply to the whole city: leave the centre empty, or choose "
                "“Closure”."
            )
        if errors:
            raise ValidationError(errors)

    def days(self):
        # Asked once per activity on list pages: kept per instance and range.
        bounds = (self.first_day, self.last_day)
        if getattr(self, "_days", (None, None))[0] != bounds:
            count = (self.last_day - self.first_day).days + 1
            self._days = (
                bounds,
                [self.first_day + timedelta(days=n) for n in range(max(count, 0))],
            )
        return self._days[1]

    def applies_to(self, offer):
        if self.kind == ClosureKind.SCHOOL_HOLIDAYS:
            return offer.not_in_school_holidays
        return self.centre_id is None or self.centre_id == offer.centre_id


def closure_periods(first, last):
    """The periods touching the days first…last, loaded once for many activities."""
    return list(ClosurePeriod.objects.overlapping(first, last))
