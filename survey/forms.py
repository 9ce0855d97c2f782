"""What the questionnaire templates show: each question with the answers given so far."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.lib.translations import is_fallback
from survey.models import Channel, QuestionKind
from survey.services import DONT_KNOW, DONT_KNOW_CODE, _values, other_name, row_name


def fallback_lang(obj, field):
    """ "de" when the text is shown in German because this language has no translation yet."""
    return "de" if is_fallback(obj, field) else ""


def _option(name, value, label, given, index, **extra):
    return {
        "name": name,
        "value": str(value),
        "label": label,
        "id": f"{name}-{index}",
        "checked": str(value) in given,
        **extra,
    }


def _scale_options(question, name, given, paper_codes=False):
    options = []
    for index, value in enumerate(question.scale_values, start=1):
        label = str(value)
        if value == question.scale_min and question.scale_min_label:
            label = f"{value} – {question.scale_min_label}"
        elif value == question.scale_max and question.scale_max_label:
            label = f"{value} – {question.scale_max_label}"
        options.append(_option(name, value, label, given, index))
    if question.allow_dont_know:
        value = DONT_KNOW_CODE if paper_codes else DONT_KNOW
        options.append(_option(name, value, gettext("Don't know"), given, len(options) + 1))
    return options


def questionnaire_items(questions, quarters, data, errors, paper_codes=False):
    """One dict per question with everything typed so far, so nothing is ever lost on re-display.

    paper_codes: options carry the printed codes (paper questionnaire) instead of database ids.
    """
    items = []
    total = len(questions)
    for number, question in enumerate(questions, start=1):
        given = set(_values(data, question.code))
        item = {
            "question": question,
            "number": number,
            "total": total,
            "name": question.code,
            "anchor": question.code,
            "error": errors.get(question.code),
            "options": [],
            "rows": [],
            "value": _values(data, question.code)[0] if given else "",
            "other_name": other_name(question),
            "other_value": (_values(data, other_name(question)) or [""])[0],
            "other_error": errors.get(other_name(question)),
            "condition": question.show_if_choice,
            "lang": fallback_lang(question, "text"),
        }
        if question.has_choices:
            for index, choice in enumerate(question.choices.all(), start=1):
                value = choice.code if paper_codes else choice.pk
                item["options"].append(
                    _option(
                        question.code,
                        value,
                        choice.label,
                        given,
                        index,
                        code=choice.code,
                        is_other=choice.is_other,
                        lang=fallback_lang(choice, "label"),
                    )
                )
        elif question.kind == QuestionKind.QUARTER:
            for index, quarter in enumerate(quarters, start=1):
                value = index if paper_codes else quarter.pk
                item["options"].append(
                    _option(question.code, value, quarter.name, given, index, code=index)
                )
        elif question.kind == QuestionKind.SCALE:
            item["options"] = _scale_options(question, question.code, given, paper_codes)
        elif question.kind == QuestionKind.MATRIX:
            for row in question.rows.all():
                name = row_name(question, row)
                row_given = set(_values(data, name))
                item["rows"].append(
                    {
                        "row": row,
                        "name": name,
                        "error": errors.get(name),
                        "value": next(iter(row_given), ""),
                        "options": _scale_options(question, name, row_given, paper_codes),
                    }
                )
        if item["options"]:
            item["anchor"] = item["options"][0]["id"]
        if item["rows"]:
            item["anchor"] = (
                item["rows"][0]["options"][0]["id"] if item["rows"][0]["options"] else question.code
            )
        items.append(item)
    return items


def error_summary(items):
    """[(anchor, question number, message)] in questionnaire order, for the summary at the top."""
    summary = []
    for item in items:
        if item["error"]:
            summary.append((item["anchor"], item["number"], item["error"]))
        if item["other_error"]:
            summary.append((f"{item['other_name']}-input", item["number"], item["other_error"]))
        for row in item["rows"]:
            if row["error"]:
                summary.append(
                    (row["options"][0]["id"], item["number"], f"{row['row'].label}: {row['error']}")
                )
    return summary


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"), max_length=20, help_text=_("For example ABCD-EFGH-JKLM")
    )


class PaperMetaForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the questionnaire"), choices=settings.LANGUAGES
    )
    source = forms.CharField(label=_("Office or centre"), max_length=160)
    batch = forms.CharField(label=_("Batch number"), max_length=40)


class DashboardFilterForm(forms.Form):
    quarter = forms.TypedChoiceField(
        label=_("Neighbourhood"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    search = forms.CharField(label=_("Search in free-text answers"), required=False, max_length=100)

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["quarter"].choices = everything + [(q.pk, q.name) for q in quarters]
        self.fields["language"].choices = everything + list(settings.LANGUAGES)
        self.fields["channel"].choices = everything + list(Channel.choices)
        for name in ("quarter", "language", "channel"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def filters(self):
        """Valid filters only: a bad value is ignored rather than answered with an error page."""
        if not self.is_bound:
            data = {}
        elif self.is_valid():
            data = self.cleaned_data
        else:
            data = {
                name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
            }
        return {
            "quarter": data.get("quarter"),
            "language": data.get("language") or None,
            "channel": data.get("channel") or None,
        }, (data.get("search") or "")
