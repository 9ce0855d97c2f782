"""The admin's editor for six languages, on top of django-modeltranslation's language tabs.

Every translated input gets its own label ("Titel (Arabisch)"), `lang` and `dir`; a translation
shows the German source beside it and carries its status (missing, outdated) for the tabs; an
editor may call a German change "minor", so the translations stay up to date.
"""

from django import forms
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation import admin as mt_admin

from portal.lib.html import is_html, plain_text
from portal.lib.languages import direction
from staff import translation_status as ts

MINOR_CHANGE = "translation_minor_change"


class TranslationFieldsMixin:
    """Labels, `lang` and `dir` for every translated input (admin pages and inlines)."""

    # A tabular inline has one column header for the six language tabs: the language goes into
    # each input's aria-label there, not into the header ("Grund (Türkisch)" over all six).
    language_in_label = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is None or original is None:
            return field
        language = db_field.language
        label = format_lazy("{} ({})", capfirst(original.verbose_name), ts.language_name(language))
        widget = self._get_widget_from_field(field)
        widget.attrs.update({"lang": language, "dir": direction(language)})
        if self.language_in_label:
            field.label = label
        else:
            field.label = capfirst(original.verbose_name)
            widget.attrs["aria-label"] = label
        return field


class TranslationEditorForm(forms.BaseForm):
    """Shows the German source under each translation and marks its status."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None:
            return
        fields = ts.translated_fields(type(instance))
        states = ts.object_statuses(instance) if instance.pk else {}
        for field in fields:
            source = getattr(instance, f"{field}_{ts.SOURCE_LANGUAGE}", "") or ""
            for language in ts.target_languages():
                name = f"{field}_{language}"
                if name not in self.fields:
                    continue
                form_field = self.fields[name]
                status = states.get(field, {}).get(language)
                if status:
                    _widget(form_field).attrs["data-translation-status"] = status
                if source.strip():
                    # Rich text: the German words, not its markup.
                    shown = plain_text(source) if is_html(source) else source
                    form_field.help_text = format_html(
                        '<span class="translation-source" lang="{}" dir="ltr">'
                        '<span class="translation-source-label">{}</span> {}</span>',
                        ts.SOURCE_LANGUAGE,
                        _("German source:"),
                        shown,
                    )


class MinorChangeForm(forms.ModelForm):
    """The editor's switch: a German typo fix leaves every translation up to date."""

    translation_minor_change = forms.BooleanField(
        label=_("Minor change of the German text"),
        required=False,
        help_text=_(
            "Tick this for a typo or punctuation fix: the translations then stay marked as up to "
            "date. Without it, the translations of every changed German text are marked as "
            "outdated."
        ),
    )


def _widget(field):
    widget = field.widget
    return getattr(widget, "widget", widget)


def _without_minor_change(fields):
    return [
        name if isinstance(name, str) else tuple(_without_minor_change(name))
        for name in fields
        if name != MINOR_CHANGE
    ]


class TranslationInlineMixin(TranslationFieldsMixin):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (TranslationEditorForm, formset.form), {})
        return formset


class TabbedTranslationAdmin(TranslationFieldsMixin, mt_admin.TabbedTranslationAdmin):
    """modeltranslation's tabs with labels per language, German source, status and minor change."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(base.__name__, (TranslationEditorForm, MinorChangeForm, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": _without_minor_change(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None:
            return fieldsets
        position = 1 if fieldsets else 0
        switch = (_("Translations"), {"fields": [MINOR_CHANGE]})
        return [*fieldsets[:position], switch, *fieldsets[position:]]

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get(MINOR_CHANGE):
            ts.minor_change(obj)
        super().save_model(request, obj, form, change)


class TranslationTabularInline(TranslationInlineMixin, mt_admin.TranslationTabularInline):
    language_in_label = False


class TranslationStackedInline(TranslationInlineMixin, mt_admin.TranslationStackedInline):
    pass
