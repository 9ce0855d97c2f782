from django import forms
from django.db import models
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from centers.models import Centre, Quarter, Site
from network.models import Actor
from offers.models import (
    TIME_OF_DAY_RANGES,
    Category,
    CostType,
    FeedKind,
    Offer,
    OfferLanguage,
    Recurrence,
    TargetGroup,
    TimeOfDay,
    Weekday,
)
from portal import forms as portal_forms
from portal.cached_pages import clock_valid_until

MAX_AGE = 120


class KeptChoices(BaseChoiceIterator):
    """Choices as a list made once (Django takes an iterator of this kind as it is), shared by
    every copy of the form: nothing changes it, so a new form need not copy it deeply."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __deepcopy__(self, memo):
        return self


class LookupChoiceField(forms.ChoiceField):
    """A filter value by slug or code, looked up in a list kept per process.

    ModelChoiceField queries once to validate and again to render; with five of them the list
    would need ten queries before showing a single offer. `queryset` may be a function (a
    list that depends on the clock: published now); then `valid_until()` says when the clock
    next changes it.
    """

    widget = portal_forms.PlainSelect

    def __init__(self, queryset, key="slug", empty_label="", valid_until=None, **kwargs):
        self.queryset, self.key, self.empty_label = queryset, key, empty_label
        self.valid_until = valid_until
        super().__init__(choices=(), required=False, **kwargs)

    def load(self, name):
        """The choices, kept in this process per language and content version (portal.cache)."""
        from portal.cache import local_fragment

        def objects():
            # A function gives a queryset that depends on the clock (published now).
            queryset = self.queryset() if callable(self.queryset) else self.queryset.all()
            found = {str(getattr(obj, self.key)): obj for obj in queryset}
            choices = [("", self.empty_label)] + [(key, str(obj)) for key, obj in found.items()]
            html = portal_forms.PlainSelect.options(choices)
            return (found, choices, html), self.valid_until

        self.objects, choices, self.widget.options_html = local_fragment(
            f"offer-filter-choices:{name}", objects
        )
        # Already normalised: Django would otherwise go through every choice once more.
        self.choices = KeptChoices(choices)

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(value) if value else None


def _actors_valid_until():
    """When the clock next changes which actors run a published activity: an actor's or an
    activity's publication window, or midnight."""
    from offers.fragments import selection_valid_until

    return min(selection_valid_until(), clock_valid_until(Actor.objects.all()))


class OfferFilterForm(portal_forms.BootstrapMixin, forms.Form):
    """Plain GET parameters, so every filtered list is a shareable URL."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=portal_forms.PlainTextInput(attrs={"type": "search"}),
    )
    quarter = LookupChoiceField(
        Quarter.objects.all(), label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    centre = LookupChoiceField(
        lambda: Centre.objects.published(),
        valid_until=lambda: clock_valid_until(Centre.objects.all()),
        label=_("Neighbourhood centre"),
        empty_label=_("All centres"),
    )
    # Only actors with a published activity, by id (the actor page links to ?actor=<id>).
    actor = LookupChoiceField(
        lambda: (
            Actor.objects.published()
            .filter(pk__in=Offer.objects.published().values("actor"))
            .order_by("name")
        ),
        key="pk",
        valid_until=_actors_valid_until,
        label=_("Club, initiative or other local actor"),
        empty_label=_("All"),
    )
    target_group = LookupChoiceField(
        TargetGroup.objects.all(), label=_("Who is it for?"), empty_label=_("Everyone")
    )
    category = LookupChoiceField(
        Category.objects.all(), label=_("Category"), empty_label=_("All categories")
    )
    age = forms.IntegerField(
        label=_("Age"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        widget=portal_forms.PlainNumberInput,
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=KeptChoices([("", _("Any day")), *Weekday.choices]),
        coerce=int,
        empty_value=None,
        required=False,
        widget=portal_forms.PlainSelect,
    )
    time = forms.ChoiceField(
        label=_("Time of day"),
        choices=KeptChoices(
            [("", pgettext_lazy("time of day filter", "Any time")), *TimeOfDay.choices]
        ),
        required=False,
        widget=portal_forms.PlainSelect,
    )
    language = LookupChoiceField(
        OfferLanguage.objects.all(),
        key="code",
        label=_("Language of the activity"),
        empty_label=_("Any language"),
    )
    free = forms.BooleanField(
        label=_("Free of charge"), required=False, widget=portal_forms.PlainCheckboxInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, LookupChoiceField):
                field.load(name)

    @staticmethod
    def choices_valid_until():
        """When the clock next changes a list of choices (centres, actors)."""
        return min(clock_valid_until(Centre.objects.all()), _actors_valid_until())

    def filter(self, queryset, language):
        """The filtered queryset; an invalid value gives an empty, friendly result."""
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["quarter"]:
            queryset = queryset.for_quarter(data["quarter"])
        if data["centre"]:
            queryset = queryset.for_centre(data["centre"])
        if data["actor"]:
            queryset = queryset.by_actor(data["actor"])
        if data["target_group"]:
            queryset = queryset.for_target_group(data["target_group"])
        if data["category"]:
            queryset = queryset.filter(category=data["category"])
        if data["language"]:
            queryset = queryset.filter(languages=data["language"])
        if data["free"]:
            queryset = queryset.free_of_charge()
        if data["age"] is not None:
            queryset = queryset.for_age(data["age"])
        if data["weekday"] is not None or data["time"]:
            queryset = queryset.on_slot(data["weekday"], data["time"] or None)
        return queryset.search(data["q"], language)

    def select(self, index):
        """The ids filter() selects, in the list's order, from the published activities kept
        in memory (offers.fragments.listing_index) instead of the database: the rules of the
        querysets filter() uses, for kept rows. A text search is not covered: use filter()."""
        if not self.is_valid():
            return []
        data = self.cleaned_data
        chosen = []
        if data["quarter"]:
            # OfferQuerySet.for_quarter: there, or run by the centre serving it.
            quarter = data["quarter"]
            chosen.append(index.ids("quarter", quarter.pk) | index.ids("centre", quarter.centre_id))
        for name in ("centre", "actor", "target_group", "category", "language"):
            if data[name]:
                chosen.append(index.ids(name, data[name].pk))
        if data["free"]:
            chosen.append(index.free)
        tests = []
        if data["age"] is not None:
            age = data["age"]
            tests.append(
                lambda row: (
                    (row.min_age is None or row.min_age <= age)
                    and (row.max_age is None or row.max_age >= age)
                )
            )
        if data["weekday"] is not None or data["time"]:
            # OfferQuerySet.on_slot: one slot on that day (weekdays__contains) at that time.
            day = None if data["weekday"] is None else str(int(data["weekday"]))
            start, end = TIME_OF_DAY_RANGES[data["time"]] if data["time"] else (None, None)
            tests.append(
                lambda row: any(
                    (day is None or day in weekdays) and (start is None or start <= at < end)
                    for weekdays, at in row.slots
                )
            )
        ids = set.intersection(*map(set, chosen)) if chosen else index.rows.keys()
        if tests:
            ids = {pk for pk in ids if all(test(index.rows[pk]) for test in tests)}
        return [pk for pk in index.ordered if pk in ids]

    def feeds(self):
        """Calendar feeds that match the chosen quarter, centre or target group."""
        if not self.is_valid():
            return []
        kinds = [
            ("quarter", FeedKind.QUARTER),
            ("centre", FeedKind.CENTRE),
            ("target_group", FeedKind.TARGET_GROUP),
        ]
        return [(self.cleaned_data[name], kind) for name, kind in kinds if self.cleaned_data[name]]

    def is_filtered(self):
        return any(value not in (None, "", False) for value in self.data.values())


class ProposalForm(portal_forms.BootstrapMixin, portal_forms.HoneypotMixin):
    """A resident suggests an activity; it arrives as a draft for the neighbourhood management."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    contact = forms.CharField(
        label=_("E-mail or phone"),
        max_length=200,
        help_text=_("So that the neighbourhood management can reach you with questions."),
    )
    title = forms.CharField(label=_("What would you like to offer?"), max_length=160)
    description = forms.CharField(
        label=_("Description"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    when = forms.CharField(
        label=_("When?"),
        max_length=300,
        help_text=_("e.g. every Tuesday 15:00–17:00"),
    )
    where = forms.CharField(label=_("Where?"), max_length=300, required=False)
    quarter = portal_forms.ModelChoiceField(
        Quarter.objects.all(),
        label=_("Neighbourhood"),
        required=False,
        empty_label=_("I don't know"),
    )
    target_groups = portal_forms.ModelMultipleChoiceField(
        TargetGroup.objects.all(),
        label=_("Who is it for?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def save(self):
        data = self.cleaned_data
        quarter = data["quarter"]
        details = "\n".join(
            [
                _("When: {when}").format(when=data["when"]),
                _("Where: {where}").format(where=data["where"] or "–"),
            ]
        )
        offer = Offer.objects.create(
            # Kept in the German (default) field whatever the page language, so editors see it.
            title_de=data["title"],
            description_de=data["description"],
            quarter=quarter,
            centre=quarter.centre if quarter else None,
            is_proposal=True,
            proposer_name=data["name"],
            proposer_contact=data["contact"],
            proposal_details=details,
        )
        offer.target_groups.set(data["target_groups"])
        return offer


class PlanLanguageForm(portal_forms.BootstrapMixin, forms.Form):
    """The weekly plan for a notice board in two languages: the page's and one more."""

    zweitsprache = forms.ChoiceField(
        label=_("Second language"), required=False, widget=portal_forms.PlainSelect
    )

    def __init__(self, *args, current="de", **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["zweitsprache"].choices = [("", _("none"))] + [
            (code, name) for code, name in settings.LANGUAGES if code != current
        ]

    def second_language(self):
        return self.cleaned_data.get("zweitsprache", "") if self.is_valid() else ""


class ActorSuggestionForm(portal_forms.BootstrapMixin, portal_forms.HoneypotMixin):
    """An actor's contact person suggests an activity of their actor (through their link)."""

    title = forms.CharField(label=_("Name of the activity"), max_length=160)
    description = forms.CharField(
        label=_("Description"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What happens, for whom, what to bring."),
    )
    category = portal_forms.ModelChoiceField(
        Category.objects.all(), label=_("Category"), required=False, empty_label="—"
    )
    target_groups = portal_forms.ModelMultipleChoiceField(
        TargetGroup.objects.all(),
        label=_("Who is it for?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recurrence = forms.ChoiceField(
        label=_("How often?"),
        choices=[
            (Recurrence.WEEKLY, _("Every week")),
            (Recurrence.SINGLE, _("Once, on one date")),
        ],
        initial=Recurrence.WEEKLY,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On which weekdays?"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date = forms.DateField(
        label=_("Date (only for a single date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    quarter = portal_forms.ModelChoiceField(
        Quarter.objects.none(), label=_("Neighbourhood"), empty_label=None
    )
    site = portal_forms.ModelChoiceField(
        Site.objects.none(),
        label=_("At a site of a centre"),
        required=False,
        empty_label=_("No, at another place"),
    )
    venue_name = forms.CharField(label=_("Other place"), max_length=160, required=False)
    street = forms.CharField(label=_("Street and number"), max_length=160, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Please enter five digits, e.g. 74080.")},
    )
    cost_type = forms.ChoiceField(
        label=_("Cost"),
        choices=CostType.choices,
        initial=CostType.FREE,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    cost_amount = forms.DecimalField(
        label=_("Amount in euros"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        localize=True,
    )
    languages = portal_forms.ModelMultipleChoiceField(
        OfferLanguage.objects.all(),
        label=_("Languages spoken in the activity"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    registration_note = forms.CharField(
        label=_("How to register (if needed)"),
        max_length=300,
        required=False,
        help_text=_("e.g. by phone or e-mail"),
    )
    note = forms.CharField(
        label=_("Anything else the neighbourhood management should know?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = actor.quarters.all().order_by("name")
        self.fields["quarter"].queryset = quarters
        # Sites in the actor's quarters and the sites it already uses.
        self.fields["site"].queryset = (
            Site.objects.filter(
                models.Q(quarter__in=quarters.values("pk")) | models.Q(actors=actor)
            )
            .distinct()
            .order_by("name")
        )
        self.fields["site"].label_from_instance = lambda site: f"{site.name}, {site.address_line}"

    def clean(self):
        data = super().clean()
        single = data.get("recurrence") == Recurrence.SINGLE
        if single and not data.get("date"):
            self.add_error("date", _("Please enter the date."))
        if data.get("recurrence") == Recurrence.WEEKLY and not data.get("weekdays"):
            self.add_error("weekdays", _("Please choose at least one weekday."))
        if single and data.get("date") and data["date"] < timezone.localdate():
            self.add_error("date", _("This date is in the past."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end is not after the start."))
        if data.get("cost_type") == CostType.AMOUNT and data.get("cost_amount") is None:
            self.add_error("cost_amount", _("Please enter the amount."))
        if not data.get("site") and not (data.get("venue_name") or data.get("street")):
            self.add_error(
                "site", _("Please choose a site or enter the name or address of the place.")
            )
        data["weekdays"] = "".join(str(day) for day in sorted(set(data.get("weekdays") or [])))
        return data
