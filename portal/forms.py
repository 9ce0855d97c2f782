"""Form pieces every app's public forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

_BIGINT = 2**63


def _fits_a_database_key(value):
    """Whether `value` could be a primary key; a 30-digit number must not reach the database
    (SQLite raises OverflowError, PostgreSQL a DataError) — it is simply an invalid choice."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return True  # not a number at all: Django's own validation says "invalid choice"
    return -_BIGINT <= number < _BIGINT


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _fits_a_database_key(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _fits_a_database_key(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


def _attributes(attrs):
    """As Django's attrs.html: `name="value"`, a bare name for True, nothing for False."""
    from django.utils.html import format_html, format_html_join

    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value),)
            for key, value in attrs.items()
            if value is not False
        ),
    )


class PlainInput:
    """An <input> written in Python with the markup of Django's input.html: the template engine
    for one tag costs more than the field it renders (a filter form on every list page)."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html

        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            _attributes(widget["attrs"]),
        )


class PlainTextInput(PlainInput, forms.TextInput):
    pass


class PlainNumberInput(PlainInput, forms.NumberInput):
    pass


class PlainCheckboxInput(PlainInput, forms.CheckboxInput):
    pass


class PlainSelect(forms.Select):
    """A single-choice <select> written in Python: Django renders each option through a template
    of its own, which made the filter form the largest cost of the activity list. Flat choices
    only (no groups); same markup as Django's. `options_html` may hold the options already
    written (options()), for choices kept from request to request."""

    options_html = None

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import conditional_escape, format_html
        from django.utils.safestring import mark_safe

        attrs = _attributes(self.build_attrs(self.attrs, attrs))
        chosen = {str(item) for item in self.format_value(value)}
        if self.options_html is not None:
            options = self.options_html
            for key in chosen:  # the keys are unique, each option is written as below
                option = f'<option value="{conditional_escape(key)}">'
                options = options.replace(option, option[:-1] + " selected>", 1)
        else:
            options = self.options(self.choices, chosen)
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            attrs,
            mark_safe(options),  # noqa: S308
        )

    @staticmethod
    def options(choices, chosen=()):
        """The <option>s of these choices, those of `chosen` (keys as strings) selected. One
        escape per value rather than format_html() per option: a list of a hundred actors."""
        from django.utils.html import conditional_escape

        return "\n".join(
            f'<option value="{conditional_escape(str(key))}"'
            f"{' selected' if str(key) in chosen else ''}>{conditional_escape(label)}</option>"
            for key, label in choices
        )


class BootstrapMixin:
    """Bootstrap classes on the widgets, so templates render fields without logic."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class HoneypotMixin(forms.Form):
    """The one honeypot of the public forms: hidden from people (CSS and aria-hidden), filled
    in by bots, who then get the same thank-you as people and learn nothing."""

    website_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.data.get("website_url"))
