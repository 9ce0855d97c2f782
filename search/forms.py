from django import forms
from django.utils.translation import gettext_lazy as _

from centers.models import Quarter
from portal import forms as portal_forms
from search import engine, text
from search.models import Kind


class SearchForm(portal_forms.BootstrapMixin, forms.Form):
    """Plain GET parameters: every search is a shareable address."""

    q = forms.CharField(
        label=_("Search term"),
        max_length=text.MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"required": _("Please enter what you are looking for.")},
    )
    quarter = forms.ChoiceField(label=_("Neighbourhood"), required=False)
    kind = forms.ChoiceField(
        choices=[("", "")] + list(Kind.choices), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the choices and the cleaned value.
        self.quarters = {quarter.slug: quarter for quarter in Quarter.objects.order_by("name")}
        self.fields["quarter"].choices = [("", _("All neighbourhoods"))] + [
            (slug, quarter.name) for slug, quarter in self.quarters.items()
        ]

    def clean_quarter(self):
        slug = self.cleaned_data["quarter"]
        return self.quarters.get(slug) if slug else None

    def search(self, language):
        data = self.cleaned_data
        return engine.find(data["q"], language, quarter=data["quarter"])
