from django import forms
from django.utils.translation import gettext_lazy as _

from centers.models import Quarter


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
