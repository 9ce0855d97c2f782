from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from centers import streets
from centers.models import Quarter, StreetSection
from portal.forms import BootstrapMixin
from portal.lib.text import one_line


class SlugChoiceField(forms.ModelChoiceField):
    """A choice by slug; a value no slug can be (a NUL byte, say) never reaches the database."""

    def to_python(self, value):
        if value and "\x00" in str(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class QuarterPickerForm(forms.Form):
    quarter = SlugChoiceField(
        label=_("My neighbourhood"),
        queryset=Quarter.objects.all(),
        to_field_name="slug",
        empty_label=_("Please choose"),
        error_messages={
            "required": _("Please choose a neighbourhood."),
            "invalid_choice": _(
                "We do not know this neighbourhood. Please choose one from the list."
            ),
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def full_clean(self):
        super().full_clean()
        if self.errors.get("quarter"):
            self.fields["quarter"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "quarter-error"}
            )


class StreetLookupForm(BootstrapMixin, forms.Form):
    """ "Which neighbourhood do I live in?": a street (and house number) from the directory.

    A plain GET form, so an answer can be shared and bookmarked. Matching forgives case,
    "Str."/"Straße", umlauts written as ae/oe/ue, spaces and hyphens (centers.streets).
    """

    street = forms.CharField(
        label=_("Street"),
        max_length=100,
        error_messages={"required": _("Please enter your street.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "address-line1", "list": "street-names", "dir": "auto"}
        ),
    )
    number = forms.CharField(
        label=_("House number"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args, street_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.street_names = street_names
        self.lookup = None
        self.suggestions = []

    def clean_street(self):
        return one_line(self.cleaned_data["street"])

    def clean_number(self):
        try:
            return streets.parse_number(one_line(self.cleaned_data["number"]))
        except ValueError:
            raise forms.ValidationError(
                _("Please enter a house number such as 12 or 12a."), code="invalid"
            ) from None

    def clean(self):
        cleaned = super().clean()
        street, number = cleaned.get("street"), cleaned.get("number")
        if not street or self.has_error("number"):
            return cleaned
        lookup = StreetSection.objects.lookup(street, number)
        name, typed_number = streets.split_number(street)
        if not lookup.known and typed_number:
            # "Ludwigsburger Str. 18" in the street field: the number counts too.
            try:
                number = number or streets.parse_number(typed_number)
            except ValueError:
                number = None
            lookup = StreetSection.objects.lookup(name, number)
        if not lookup.known:
            self.suggestions = streets.suggestions(name, self.street_names)
            self.add_error(
                "street",
                forms.ValidationError(
                    _("We do not know a street “%(street)s” in Heilbronn."),
                    code="unknown",
                    params={"street": street},
                ),
            )
            return cleaned
        self.lookup = lookup
        if lookup.needs_number:
            self.add_error(
                "number",
                forms.ValidationError(
                    _(
                        "%(street)s runs through several neighbourhoods. "
                        "Please enter your house number."
                    ),
                    code="needs_number",
                    params={"street": lookup.street},
                ),
            )
        elif lookup.number_not_listed:
            self.add_error(
                "number",
                forms.ValidationError(
                    _("House number %(number)s of %(street)s is not in the street directory."),
                    code="not_listed",
                    params={"number": lookup.number, "street": lookup.street},
                ),
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_errors"}
                )


_IMPORT_SALT = "centers.street-import"


class StreetImportForm(forms.Form):
    """Step 1 of the street directory import: the city's CSV file and what it replaces."""

    file = forms.FileField(
        label=_("Street directory (CSV)"),
        help_text=_(
            "Columns street;from;to;parity;postcode;quarter, separated by semicolons or commas; "
            "UTF-8 or Windows (Excel) encoding. The neighbourhood by name or address (slug)."
        ),
    )
    replace_all = forms.TypedChoiceField(
        label=_("What the file replaces"),
        choices=[
            ("", _("Only the streets in the file; all other streets stay as they are")),
            ("1", _("The whole street directory")),
        ],
        coerce=bool,
        empty_value=False,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean(self):
        from centers.street_import import read_directory
        from portal.lib.uploads import read_text_upload

        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        directory = read_directory(upload)
        cleaned["directory"] = directory
        if directory.importable:
            from centers.street_import import MAX_BYTES

            cleaned["payload"] = signing.dumps(
                {
                    "text": read_text_upload(upload, MAX_BYTES),
                    "replace_all": cleaned.get("replace_all", False),
                },
                salt=_IMPORT_SALT,
                compress=True,
            )
        return cleaned


class StreetImportConfirmForm(forms.Form):
    """Step 2: the previewed file, signed so that nothing else can be slipped in."""

    payload = forms.CharField(widget=forms.HiddenInput)

    def clean_payload(self):
        from centers.street_import import read_text

        try:
            data = signing.loads(self.cleaned_data["payload"], salt=_IMPORT_SALT, max_age=3600)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The preview has expired. Please upload the file again.")
            ) from None
        return {"directory": read_text(data["text"]), "replace_all": bool(data["replace_all"])}
