from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from centers.models import Quarter
from contacts import phones
from network.models import ACTOR_LANGUAGE_CHOICES, Actor, ActorKind, Idea
from portal import forms as portal_forms


class ActorFilterForm(portal_forms.BootstrapMixin, forms.Form):
    """Plain GET parameters, so every filtered list is a shareable URL."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActorKind.choices]
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        if self.cleaned_data["kind"]:
            queryset = queryset.of_kind(self.cleaned_data["kind"])
        return queryset.search(self.cleaned_data["q"], get_language())


class ActorRegistrationForm(portal_forms.BootstrapMixin, portal_forms.HoneypotMixin):
    """A club or initiative asks to join; it arrives as a draft for the quarter management."""

    name = forms.CharField(label=_("Name of your club, initiative or organisation"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *ActorKind.choices])
    quarters = portal_forms.ModelMultipleChoiceField(
        Quarter.objects.all(),
        label=_("Where are you active?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one neighbourhood.")},
    )
    summary = forms.CharField(
        label=_("What do you do? (two or three sentences)"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak with people"),
        choices=ACTOR_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Anything else the neighbourhood management should know?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "The name, description, contact person, phone, e-mail and website may be shown on "
            "the portal once the neighbourhood management has checked them."
        ),
        error_messages={"required": _("Without your consent we cannot list you.")},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and not phones.e164(phone):
            raise forms.ValidationError(
                _("Please enter a phone number with area code, e.g. 07131 56-1167.")
            )
        return phone

    def save(self):
        data = self.cleaned_data
        actor = Actor(
            name=data["name"],
            kind=data["kind"],
            # In the German (default) field whatever the page language, so the team sees it.
            summary_de=data["summary"],
            contact_name=data["contact_name"],
            email=data["email"],
            phone=data["phone"],
            website=data["website"],
            languages=",".join(data["languages"]),
            registered_online=True,
            registration_note=data["note"],
        )
        actor.save()
        actor.quarters.set(data["quarters"])
        return actor


class IdeaForm(portal_forms.BootstrapMixin, portal_forms.HoneypotMixin):
    """A resident's idea: no account, no name; a contact only if they want an answer."""

    quarter = portal_forms.ModelChoiceField(
        Quarter.objects.all(),
        label=_("For which neighbourhood?"),
        empty_label="—",
        error_messages={"required": _("Please choose your neighbourhood.")},
    )
    title = forms.CharField(
        label=_("Your idea in a few words"),
        max_length=160,
        help_text=_("e.g. a bench at the playground"),
    )
    text = forms.CharField(
        label=_("Describe your idea"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Please do not name other people. Your idea is published without your name."),
    )
    contact = forms.CharField(
        label=_("E-mail or phone (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "Only if the team may ask you something. Never published, erased after some months."
        ),
    )

    def save(self):
        data = self.cleaned_data
        return Idea.objects.create(
            quarter=data["quarter"],
            title=data["title"],
            text=data["text"],
            contact=data["contact"],
            language=(get_language() or "de").split("-")[0],
        )


def _https_by_default(field, **kwargs):
    """Model form fields as usual; a web address typed without a scheme is an https one."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ActorAdminForm(forms.ModelForm):
    """Languages as checkboxes; stored as codes."""

    language_list = forms.MultipleChoiceField(
        label=_("languages"),
        choices=ACTOR_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Actor
        formfield_callback = _https_by_default
        fields = [
            "name",
            "slug",
            "kind",
            "summary",
            "quarters",
            "sites",
            "contact_name",
            "phone",
            "email",
            "website",
            "logo",
            "logo_alt",
            "publication_status",
            "publish_from",
            "publish_until",
            "last_contact",
            "registered_online",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language_list"].initial = self.instance.language_codes

    def save(self, commit=True):
        self.instance.languages = ",".join(self.cleaned_data.get("language_list") or [])
        return super().save(commit)
