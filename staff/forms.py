"""Forms of the staff pages outside the model admins."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from staff import translation_status as ts

MAX_PO_BYTES = 2_000_000
_SALT = "staff.translation-import"


def _language_choices():
    return [(code, ts.language_name(code)) for code in ts.target_languages()]


class TranslationImportForm(forms.Form):
    """Step 1: the translator's file and its language."""

    language = forms.ChoiceField(label=_("Language of the translations"), choices=())
    file = forms.FileField(
        label=_("Translated file (PO)"),
        help_text=_("The file exported for the translator, with their translations filled in."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PO_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error

    def clean(self):
        from staff.translation_exchange import read_po

        cleaned = super().clean()
        text, language = cleaned.get("file"), cleaned.get("language")
        if text is None or language is None:
            return cleaned
        try:
            po = read_po(text)
        except ValueError as error:
            raise forms.ValidationError({"file": str(error)}) from error
        declared = po.metadata.get("Language", "").strip()
        if declared and declared != language:
            raise forms.ValidationError(
                {
                    "language": _("The file is for %(language)s.")
                    % {"language": ts.language_name(declared)}
                }
            )
        cleaned["po"] = po
        cleaned["payload"] = signing.dumps(
            {"text": text, "language": language}, salt=_SALT, compress=True
        )
        return cleaned


class TranslationImportConfirmForm(forms.Form):
    """Step 2: the previewed file, signed so that nothing else can be slipped in."""

    payload = forms.CharField(widget=forms.HiddenInput)

    def clean_payload(self):
        from staff.translation_exchange import read_po

        try:
            data = signing.loads(self.cleaned_data["payload"], salt=_SALT, max_age=3600)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("The preview has expired. Please upload the file again.")
            ) from error
        if data.get("language") not in ts.target_languages():
            raise forms.ValidationError(_("Please upload the file again."))
        try:
            data["po"] = read_po(data["text"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return data
