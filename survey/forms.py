"""The survey's forms: the questionnaire and the paper-entry screen are built from the questions.

Both forms share the fields' meaning and all validation (required answers, limits, "other" texts,
skip logic); they differ only in what is typed: the questionnaire posts option ids from radio
buttons and checkboxes, the paper-entry screen takes the codes printed on paper. Both render
through one template per question, ``survey/includes/question.html``.
"""

import functools
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import TemplatesSetting
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.lib.translations import is_fallback
from survey.models import Answer, Channel, Missing, QuestionKind
from survey.services import DONT_KNOW, DONT_KNOW_CODE, is_visible, other_name, row_name

# Form fields accept Arabic-Indic and Persian digits and store Western digits (GLOSSARY.md).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Control characters are removed from typed text (NUL is refused by Django's own validator):
# they carry no meaning, break XML exports and could hide text from the people reading it.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bounds of the database column for numbers.
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
OTHER_MAX_LENGTH = 200
# What a clerk types for a mark that cannot be read (paper entry only).
UNREADABLE_MARK = "?"
UNREADABLE = "unreadable"


def fallback_lang(obj, field_name):
    """ "de" when the text is shown in German because this language has no translation yet."""
    return "de" if is_fallback(obj, field_name) else ""


def clean_typed_text(text):
    """Line breaks as \\n and no control characters; everything else exactly as typed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _posted(data, name):
    """Every non-empty value posted under name, from a QueryDict or a dict of lists."""
    if hasattr(data, "getlist"):
        raw = data.getlist(name)
    else:
        raw = data.get(name, [])
        raw = raw if isinstance(raw, list) else [raw]
    return [str(value).strip() for value in raw if str(value).strip()]


# --- Fields ---------------------------------------------------------------------------------


@dataclass
class Option:
    value: str  # what is posted (online) or typed (paper)
    label: str
    answer: object  # Choice, Quarter, scale value or DONT_KNOW
    code: object = None
    is_other: bool = False
    lang: str = ""
    text: str = ""  # a scale value's own words ("not at all"), without its number


class OptionsWidget(forms.Widget):
    """Reads every posted value, so two ticks in a single-choice question are seen, not dropped.

    The inputs themselves are written by the question template.
    """

    input_type = "radio"

    def value_from_datadict(self, data, files, name):
        return _posted(data, name)

    def value_omitted_from_data(self, data, files, name):
        return not _posted(data, name)


class OptionsField(forms.Field):
    """Radio buttons or checkboxes; cleans to the chosen answers (Choice, Quarter, value)."""

    widget = OptionsWidget
    default_error_messages = {
        "invalid_choice": _("This answer option does not belong to the question."),
        "several": _("Please choose only one answer."),
    }

    def __init__(self, options, *, several=False, **kwargs):
        super().__init__(required=False, **kwargs)
        self.options = options
        self.several = several
        self.widget.input_type = "checkbox" if several else "radio"

    @functools.cached_property
    def _by_value(self):
        # A field's options never change once it is built (fields are shared, _built_fields).
        return {option.value: option.answer for option in self.options}

    def _tokens(self, value):
        return list(dict.fromkeys(str(v).translate(_DIGITS) for v in value or []))

    def to_python(self, value):
        tokens = self._tokens(value)
        by_value = self._by_value
        if any(token not in by_value for token in tokens):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        if len(tokens) > 1 and not self.several:
            raise ValidationError(self.error_messages["several"], code="several")
        return [by_value[token] for token in tokens]


class CodesField(OptionsField):
    """The printed codes of the ticked boxes, typed by a clerk, several separated by spaces.

    A paper form is entered as it was filled in: several codes in a single-choice question are
    taken (the form stores them as "several ticked"), and ``?`` stands for an unreadable mark.
    """

    widget = forms.TextInput

    def __init__(self, options, *, several=False, **kwargs):
        super().__init__(options, several=several, **kwargs)
        self.widget.input_type = "text"

    def _tokens(self, value):
        text = clean_typed_text(str(value or "")).translate(_DIGITS)
        return list(dict.fromkeys(token for token in re.split(r"[\s,;]+", text) if token))

    def to_python(self, value):
        ProhibitNullCharactersValidator()(value)
        tokens = self._tokens(value)
        if UNREADABLE_MARK in tokens:
            return [UNREADABLE]
        by_value = self._by_value
        unknown = [token for token in tokens if token not in by_value]
        if unknown:
            raise ValidationError(gettext("Unknown code: {codes}").format(codes=", ".join(unknown)))
        return [by_value[token] for token in tokens]


class TypedTextField(forms.CharField):
    """Free text as typed, without control characters; Django's validator refuses a NUL byte."""

    def __init__(self, *, max_length, required=False, **kwargs):
        message = format_lazy(_("The text is too long (maximum {n} characters)."), n=max_length)
        super().__init__(
            required=required,
            max_length=max_length,
            error_messages={"max_length": message},
            **kwargs,
        )

    def to_python(self, value):
        return clean_typed_text(super().to_python(value)).strip()


class WholeNumberField(forms.Field):
    """A whole number in Western or Arabic-Indic digits, within the question's bounds."""

    widget = forms.TextInput

    def __init__(self, *, low=None, high=None, paper=False, **kwargs):
        super().__init__(required=False, **kwargs)
        self.low, self.high, self.paper = low, high, paper

    def to_python(self, value):
        text = str(value or "").strip()
        ProhibitNullCharactersValidator()(text)
        if not text:
            return None
        if self.paper and text == UNREADABLE_MARK:
            return UNREADABLE
        digits = text.translate(_DIGITS)
        if not re.fullmatch(r"[+-]?[0-9]{1,12}", digits):
            raise ValidationError(gettext("Please enter a whole number."))
        number = int(digits)
        low = self.low if self.low is not None else _INT_MIN
        high = self.high if self.high is not None else _INT_MAX
        if not low <= number <= high:
            raise ValidationError(
                gettext("Please enter a number from {low} to {high}.").format(
                    low=self.low if self.low is not None else "…",
                    high=self.high if self.high is not None else "…",
                )
            )
        return number


# --- The forms ------------------------------------------------------------------------------

# (form class, questions, quarters, language) -> the fields built for them; see _built_fields.
_BUILT_FIELDS = {}
# Surveys × languages × the two forms, with room for the lists of the previous content version.
_BUILT_FIELDS_MAX = 64


class _AnswersForm(forms.Form):
    """Fields from a survey's questions; ``answers`` holds unsaved Answer objects once valid."""

    template_name = "survey/includes/questions.html"
    # The question template lives in the project's templates directory.
    default_renderer = TemplatesSetting
    paper = False
    options_field = OptionsField

    def __init__(self, data=None, *, questions, quarters, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(data, **kwargs)
        self.questions = questions
        self.quarters = quarters
        self.answers = []
        # Paper only: what was entered with a missing-value code, [(anchor, number, message)].
        self.warnings = []
        self._numbers = {question.pk: number for number, question in enumerate(questions, 1)}
        fields, self._names = self._built_fields()
        self.fields.update(fields)

    def _clean_fields(self):
        """Django's own loop without building a BoundField for every field of the questionnaire
        (a third of the validation's CPU, issue 18): these forms have no prefix, no disabled
        and no file fields, so each field cleans what its widget reads from the data."""
        for name, field in self.fields.items():
            try:
                self.cleaned_data[name] = field.clean(
                    field.widget.value_from_datadict(self.data, self.files, name)
                )
                cleaner = getattr(self, f"clean_{name}", None)
                if cleaner is not None:
                    self.cleaned_data[name] = cleaner()
            except ValidationError as error:
                self.add_error(name, error)

    # Building the fields

    def _own_fields(self):
        return {}

    def _built_fields(self):
        """The question fields, built once per list of questions, quarters and language.

        A field with its options (labels, codes, error messages) is about a millisecond per
        questionnaire to build and the same for every visitor between two editors' saves (which
        load new lists, services.load_questions), so the fields are shared by the forms of this
        process; nothing changes a field after it is built (issue 18).
        """
        key = (type(self), id(self.questions), id(self.quarters), get_language())
        built = _BUILT_FIELDS.get(key)
        # The lists are kept with the fields, so their ids cannot be reused while the key lives.
        if built is None or built[0] is not self.questions or built[1] is not self.quarters:
            # The form's own fields are built and shared with the questions' (a declared field
            # would be copied for every form).
            fields = self._own_fields()
            names = {question.pk: self._add_fields(question, fields) for question in self.questions}
            if len(_BUILT_FIELDS) >= _BUILT_FIELDS_MAX:
                _BUILT_FIELDS.clear()
            built = (self.questions, self.quarters, fields, names)
            _BUILT_FIELDS[key] = built
        return built[2], built[3]

    def _add_fields(self, question, fields):
        code = question.code
        if question.kind == QuestionKind.MATRIX:
            names = []
            for row in question.rows.all():
                name = row_name(question, row)
                fields[name] = self._choice_field(question, self.scale_options(question))
                names.append(name)
            return names
        if question.kind == QuestionKind.TEXT:
            fields[code] = TypedTextField(max_length=question.max_length)
        elif question.kind == QuestionKind.NUMBER:
            fields[code] = WholeNumberField(
                low=question.number_min, high=question.number_max, paper=self.paper
            )
        else:
            fields[code] = self._choice_field(question, self.options(question))
        names = [code]
        if question.has_choices and any(choice.is_other for choice in question.choices.all()):
            fields[other_name(question)] = TypedTextField(max_length=OTHER_MAX_LENGTH)
            names.append(other_name(question))
        return names

    def _choice_field(self, question, options):
        field = self.options_field(options, several=question.kind == QuestionKind.MULTIPLE)
        if question.kind in (QuestionKind.SCALE, QuestionKind.MATRIX):
            field.error_messages["invalid_choice"] = gettext(
                "Please choose a value from {low} to {high}."
            ).format(low=question.scale_min, high=question.scale_max)
        return field

    def options(self, question):
        if question.has_choices:
            return [
                Option(
                    str(choice.code if self.paper else choice.pk),
                    choice.label,
                    choice,
                    code=choice.code,
                    is_other=choice.is_other,
                    lang=fallback_lang(choice, "label"),
                )
                for choice in question.choices.all()
            ]
        if question.kind == QuestionKind.QUARTER:
            # On paper each neighbourhood has its fixed code, which never changes.
            options = [
                Option(
                    str(quarter.code if self.paper else quarter.pk),
                    quarter.name,
                    quarter,
                    code=quarter.code,
                )
                for quarter in self.quarters
            ]
            value = str(DONT_KNOW_CODE) if self.paper else DONT_KNOW
            label = gettext("Outside Heilbronn / don't know")
            return [*options, Option(value, label, DONT_KNOW, code=DONT_KNOW_CODE)]
        return self.scale_options(question)

    def scale_options(self, question):
        options = []
        for value in question.scale_values:
            text = ""
            if value == question.scale_min:
                text = question.scale_min_label
            elif value == question.scale_max:
                text = question.scale_max_label
            label = f"{value} – {text}" if text else str(value)
            options.append(Option(str(value), label, value, code=value, text=text))
        if question.allow_dont_know:
            value = str(DONT_KNOW_CODE) if self.paper else DONT_KNOW
            label = gettext("Don't know")
            options.append(Option(value, label, DONT_KNOW, code=DONT_KNOW_CODE, text=label))
        return options

    # Validation

    def clean(self):
        cleaned = super().clean()
        selected, answers = {}, []
        for question in self.questions:
            if not is_visible(question, selected):
                # Answers to skipped questions are dropped, never stored, never refused.
                for name in self._names[question.pk]:
                    self._errors.pop(name, None)
                    cleaned.pop(name, None)
                continue
            clean_kind = getattr(self, f"_clean_{question.kind}")
            answers.extend(clean_kind(question, selected))
        self.answers = answers
        return cleaned

    def _given(self, name):
        if name in self._errors:
            return None
        return self.cleaned_data.get(name)

    def _warn(self, question, name, message):
        self.warnings.append((name, self._numbers[question.pk], message))

    def _missing(self, question, name, message):
        if question.required:
            if self.paper:
                # A blank on paper is entered as it is: "not answered", with a warning.
                self._warn(question, name, gettext("left blank: stored as “not answered”"))
            else:
                self.add_error(name, message)
        return []

    def _unreadable(self, question, name, row=None):
        self._warn(question, name, gettext("stored as “unreadable”"))
        return [Answer.of(question, row=row, missing=Missing.UNREADABLE)]

    def _several(self, question, name, answers):
        self._warn(question, name, gettext("several boxes ticked: stored as “several ticked”"))
        for answer in answers:
            answer.missing = Missing.SEVERAL
        return answers

    def _clean_single(self, question, selected):
        code, other = question.code, other_name(question)
        chosen = self._given(code)
        ticked_other = any(getattr(choice, "is_other", False) for choice in chosen or [])
        if other in self.fields and not ticked_other:
            self._errors.pop(other, None)  # a text beside an unticked "other" is not stored
        if chosen is None:
            return []
        if not chosen:
            return self._missing(question, code, gettext("Please choose an answer."))
        if chosen == [UNREADABLE]:
            return self._unreadable(question, code)
        limit = question.max_choices if question.kind == QuestionKind.MULTIPLE else 1
        over = bool(limit) and len(chosen) > limit
        if over and not self.paper:
            self.add_error(
                code,
                ngettext(
                    "Please choose at most {n} answer.", "Please choose at most {n} answers.", limit
                ).format(n=limit),
            )
            return []
        answers = []
        for choice in chosen:
            text = ""
            if choice.is_other:
                text = self._given(other)
                if text is None:
                    return []
                if not text and not self.paper:
                    # On paper "other" may be ticked without a word written beside it.
                    self.add_error(other, gettext("Please specify your answer."))
                    return []
            answers.append(Answer.of(question, choice=choice, text=text))
        selected[question.pk] = {choice.pk for choice in chosen}
        return self._several(question, code, answers) if over else answers

    _clean_multiple = _clean_single

    def _clean_quarter(self, question, selected):
        code = question.code
        chosen = self._given(code)
        if chosen is None:
            return []
        if not chosen:
            return self._missing(question, code, gettext("Please choose an answer."))
        if chosen == [UNREADABLE]:
            return self._unreadable(question, code)
        answers = [
            Answer.of(question, dont_know=True)
            if given == DONT_KNOW
            else Answer.of(question, quarter=given)
            for given in chosen
        ]
        return self._several(question, code, answers) if len(answers) > 1 else answers

    def _clean_scale(self, question, selected, row=None):
        name = row_name(question, row) if row else question.code
        chosen = self._given(name)
        if chosen is None:
            return []
        if not chosen:
            return self._missing(question, name, gettext("Please choose an answer."))
        if chosen == [UNREADABLE]:
            return self._unreadable(question, name, row=row)
        answers = [
            Answer.of(question, row=row, dont_know=True)
            if given == DONT_KNOW
            else Answer.of(question, row=row, value=given)
            for given in chosen
        ]
        return self._several(question, name, answers) if len(answers) > 1 else answers

    def _clean_matrix(self, question, selected):
        answers = []
        for row in question.rows.all():
            answers.extend(self._clean_scale(question, selected, row=row))
        return answers

    def _clean_text(self, question, selected):
        text = self._given(question.code)
        if text is None:
            return []
        if not text:
            return self._missing(question, question.code, gettext("Please answer this question."))
        if self.paper and text == UNREADABLE_MARK:
            return self._unreadable(question, question.code)
        return [Answer.of(question, text=text)]

    def _clean_number(self, question, selected):
        value = self._given(question.code)
        if question.code in self._errors:
            return []
        if value is None:
            return self._missing(question, question.code, gettext("Please answer this question."))
        if value == UNREADABLE:
            return self._unreadable(question, question.code)
        return [Answer.of(question, value=value)]

    # What the templates show

    @property
    def items(self):
        """One entry per question with everything typed so far, so nothing is lost on re-display."""
        total = len(self.questions)
        return [
            self._item(question, number, total) for number, question in enumerate(self.questions, 1)
        ]

    def _error(self, name):
        errors = (self._errors or {}).get(name)
        return errors[0] if errors else None

    def _raw(self, name):
        value = self[name].value()
        if isinstance(value, list):
            return value
        return "" if value is None else str(value)

    def _options_for(self, name, options):
        given = set(self._raw(name)) if not self.paper else set()
        return [
            {
                "name": name,
                "value": option.value,
                "label": option.label,
                "id": f"{name}-{index}",
                "checked": option.value in given,
                "code": option.code,
                "is_other": option.is_other,
                "lang": option.lang,
                "text": option.text,
            }
            for index, option in enumerate(options, start=1)
        ]

    def _item(self, question, number, total):
        code = question.code
        item = {
            "question": question,
            "number": number,
            "total": total,
            "paper": self.paper,
            "name": code,
            "anchor": code,
            "error": None,
            "options": [],
            "rows": [],
            "value": "",
            "other_name": other_name(question),
            "other_value": "",
            "other_error": None,
            "condition": question.show_if_choice,
            "lang": fallback_lang(question, "text"),
        }
        if question.kind == QuestionKind.MATRIX:
            for row in question.rows.all():
                name = row_name(question, row)
                options = self._options_for(name, self.fields[name].options)
                item["rows"].append(
                    {
                        "row": row,
                        "name": name,
                        "error": self._error(name),
                        "value": self._raw(name),
                        "options": options,
                        "anchor": name if self.paper or not options else options[0]["id"],
                    }
                )
            if item["rows"]:
                item["anchor"] = item["rows"][0]["anchor"]
            return item
        item["error"] = self._error(code)
        item["value"] = self._raw(code)
        options = getattr(self.fields[code], "options", [])
        item["options"] = self._options_for(code, options)
        if item["options"] and not self.paper:
            item["anchor"] = item["options"][0]["id"]
        if item["other_name"] in self.fields:
            item["other_value"] = self._raw(item["other_name"])
            item["other_error"] = self._error(item["other_name"])
        return item

    def error_summary(self):
        """[(anchor, question number, message)] in question order, for the summary at the top."""
        summary = []
        for item in self.items:
            if item["error"]:
                summary.append((item["anchor"], item["number"], item["error"]))
            if item["other_error"]:
                summary.append((f"{item['other_name']}-input", item["number"], item["other_error"]))
            for row in item["rows"]:
                if row["error"]:
                    summary.append(
                        (row["anchor"], item["number"], f"{row['row'].label}: {row['error']}")
                    )
        return summary

    @staticmethod
    def values_of(response, quarters, paper):
        """A stored response as the values this form shows: {field name: [values]}."""
        dont_know = str(DONT_KNOW_CODE) if paper else DONT_KNOW
        values = {}
        answers = response.answers.select_related("choice", "row", "question", "quarter").order_by(
            "question__position", "question_id", "choice__position", "choice__code", "pk"
        )
        for answer in answers:
            question = answer.question
            name = row_name(question, answer.row) if answer.row_id else question.code
            given = values.setdefault(name, [])
            if answer.missing == Missing.UNREADABLE:
                given.append(UNREADABLE_MARK)
            elif answer.choice_id:
                given.append(str(answer.choice.code if paper else answer.choice_id))
                if answer.text:
                    values[other_name(question)] = [answer.text]
            elif answer.quarter_id:
                given.append(str(answer.quarter.code if paper else answer.quarter_id))
            elif answer.dont_know:
                given.append(dont_know)
            elif answer.value is not None:
                given.append(str(answer.value))
            else:
                given.append(answer.text)
        return values


class QuestionnaireForm(_AnswersForm):
    """The online questionnaire a resident fills in."""

    def _own_fields(self):
        # Not CharFields: a broken token is no mistake of the resident, it just counts as none.
        # "draft": the code of the draft these answers were resumed from (deleted once they are
        # stored).
        return {"token": forms.Field(required=False), "draft": forms.Field(required=False)}

    def clean_draft(self):
        return self.draft_code()

    def draft_code(self):
        code = str(self.data.get("draft") or "")
        return code if re.fullmatch(r"[A-Za-z0-9-]{1,20}", code) else ""

    def clean_token(self):
        """The one-time submission token; anything the page did not write counts as none."""
        token = str(self.cleaned_data.get("token") or "")
        return token if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", token) else None

    def typed_texts(self):
        """[(question, text)] of everything written in words, to show back for copying."""
        texts = []
        for question in self.questions:
            for name in self._names[question.pk]:
                field = self.fields[name]
                if isinstance(field, TypedTextField):
                    for value in _posted(self.data, name):
                        text = clean_typed_text(value).replace("\x00", "")[: field.max_length]
                        texts.append((question, text))
        return texts

    def draft_data(self):
        """The answers typed so far, to save for later: this form's fields, no control chars."""
        data = {}
        for name, field in self.fields.items():
            if name in ("token", "draft"):
                continue
            # Never more than the field could hold: as many values as options, texts cut.
            limit = getattr(field, "max_length", None) or OTHER_MAX_LENGTH
            values = [
                clean_typed_text(value).replace("\x00", "")[:limit]
                for value in _posted(self.data, name)
            ][: max(len(getattr(field, "options", ())), 1)]
            if values:
                data[name] = values
        return data

    @classmethod
    def data_from(cls, response, quarters):
        """A stored response as a questionnaire would post it (benchmarks and tests)."""
        return cls.values_of(response, quarters, paper=False)


class PaperEntryForm(_AnswersForm):
    """A paper questionnaire typed in by staff: the codes of the ticked boxes, per question."""

    paper = True
    options_field = CodesField

    language = forms.ChoiceField(
        label=_("Language of the questionnaire"), choices=settings.LANGUAGES
    )
    source = TypedTextField(label=_("Office or centre"), max_length=160, required=True)
    batch = TypedTextField(label=_("Batch number"), max_length=40, required=True)
    serial = TypedTextField(label=_("Serial number"), max_length=12, required=False)

    META_FIELDS = ("language", "source", "batch", "serial")

    def clean_serial(self):
        return self.cleaned_data["serial"].upper().replace(" ", "")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.META_FIELDS:
            self.fields[name].widget.attrs["class"] = (
                "form-select" if name == "language" else "form-control"
            )

    @property
    def meta_fields(self):
        return [self[name] for name in self.META_FIELDS]

    @property
    def meta(self):
        return {name: self.cleaned_data[name] for name in self.META_FIELDS}

    @classmethod
    def initial_from(cls, response, quarters):
        """What a stored paper response looks like on the entry screen, to correct it."""
        values = cls.values_of(response, quarters, paper=True)
        initial = {name: " ".join(given) for name, given in values.items()}
        return initial | {name: getattr(response, name) for name in cls.META_FIELDS}


class ChangeReasonForm(forms.Form):
    """Why a paper response is corrected or deleted; kept in the change log."""

    reason = TypedTextField(label=_("Reason"), max_length=500)

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        self.fields["reason"].widget = forms.Textarea(attrs={"rows": 2, "class": "form-control"})


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"), max_length=20, help_text=_("For example ABCD-EFGH-JKLM")
    )


class DateRangeMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        return data


def _date_field(label):
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DashboardFilterForm(DateRangeMixin, forms.Form):
    quarter = forms.TypedChoiceField(
        label=_("Neighbourhood"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    date_from = _date_field(_("Answered from"))
    date_to = _date_field(_("Answered until"))
    search = forms.CharField(label=_("Search in free-text answers"), required=False, max_length=100)

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["quarter"].choices = everything + [(q.pk, q.name) for q in quarters]
        self.fields["language"].choices = everything + list(settings.LANGUAGES)
        self.fields["channel"].choices = everything + list(Channel.choices)
        for name in ("quarter", "language", "channel"):
            self.fields[name].widget.attrs["class"] = "form-select"
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs["class"] = "form-control"

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
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }, (data.get("search") or "")


class CrossTableForm(DateRangeMixin, forms.Form):
    """Which question, broken down by what, compared with which earlier wave, in which period."""

    question = forms.ChoiceField(label=_("Question"))
    by = forms.ChoiceField(label=_("Broken down by"), required=False)
    compare = forms.TypedChoiceField(
        label=_("Compare with the wave"), required=False, coerce=int, empty_value=None
    )
    date_from = _date_field(_("Answered from"))
    date_to = _date_field(_("Answered until"))

    def __init__(self, *args, survey, **kwargs):
        from survey.evaluation import TABLE_KINDS, dimension_choices

        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [
            (question.code, f"{question.code} {question.text}")
            for question in survey.questions.filter(kind__in=TABLE_KINDS).order_by("position")
        ]
        self.fields["by"].choices = dimension_choices(survey)
        self.fields["compare"].choices = [("", _("No comparison"))] + [
            (wave.pk, wave.title) for wave in survey.earlier_waves()
        ]
        for name in ("question", "by", "compare"):
            self.fields[name].widget.attrs["class"] = "form-select"
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["date_from"].help_text = _("Only the current wave is limited to this period.")


class CopyWaveForm(forms.Form):
    """The next wave of a survey: its year and when it runs."""

    year = forms.IntegerField(
        label=_("Year of the new wave"),
        min_value=2000,
        max_value=2100,
        help_text=_("Written at the end of the title in every language."),
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return data


class FreeTextFilterForm(forms.Form):
    """Which free texts to read: question, neighbourhood, language, category, words."""

    question = forms.ChoiceField(label=_("Question"), required=False)
    quarter = forms.TypedChoiceField(
        label=_("Neighbourhood"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    search = forms.CharField(label=_("Search in free-text answers"), required=False, max_length=100)

    UNTAGGED = -1

    def __init__(self, *args, questions=(), quarters=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["question"].choices = everything + [
            (question.code, f"{question.code} {question.text}") for question in questions
        ]
        self.fields["quarter"].choices = everything + [(q.pk, q.name) for q in quarters]
        self.fields["language"].choices = everything + list(settings.LANGUAGES)
        self.fields["category"].choices = (
            everything
            + [(self.UNTAGGED, _("Without a category yet"))]
            + [(c.pk, f"{c.question.code}: {c.name}") for c in categories]
        )
        for name in ("question", "quarter", "language", "category"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["search"].widget.attrs["class"] = "form-control"

    def filters(self):
        """Valid filters only: a bad value is ignored rather than answered with an error page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


class TextCategoryForm(forms.Form):
    """A new category for the free texts of one question."""

    question = forms.ChoiceField(label=_("Question"))
    name = forms.CharField(label=_("New category"), max_length=120)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {question.code: question for question in questions}
        self.fields["question"].choices = [
            (question.code, f"{question.code} {question.text}") for question in questions
        ]
        self.fields["question"].widget.attrs["class"] = "form-select"
        self.fields["name"].widget.attrs["class"] = "form-control"

    def clean_name(self):
        return clean_typed_text(self.cleaned_data["name"]).strip()

    def clean(self):
        from survey.models import TextCategory

        data = super().clean()
        question = self.questions.get(data.get("question"))
        name = data.get("name")
        taken = TextCategory.objects.filter(question=question, name__iexact=name)
        if question and name and taken.exists():
            self.add_error("name", _("This question already has a category with this name."))
        data["question"] = question
        return data


class TaggingForm(forms.Form):
    """The categories of each free text on one page: one group of checkboxes per text."""

    def __init__(self, *args, answers=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        by_question = {}
        for category in categories:
            by_question.setdefault(category.question_id, []).append(category)
        self.answers = {}
        for answer in answers:
            options = by_question.get(answer.question_id)
            if not options:
                continue
            name = f"tags_{answer.pk}"
            self.fields[name] = forms.TypedMultipleChoiceField(
                label=_("Categories of answer {number}").format(number=answer.pk),
                choices=[(category.pk, category.name) for category in options],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                initial=[tag.category_id for tag in answer.tags.all()],
            )
            self.answers[name] = answer

    def field_for(self, answer):
        name = f"tags_{answer.pk}"
        return self[name] if name in self.fields else None

    def chosen(self):
        """{answer: set of category ids} for every text on the page."""
        return {
            answer: set(self.cleaned_data.get(name) or ()) for name, answer in self.answers.items()
        }


class ExportOptionsForm(forms.Form):
    """How the responses are downloaded: which file, codes or labels, which language of labels."""

    KINDS = [
        ("xlsx", _("Excel (XLSX)")),
        ("csv", _("CSV")),
        ("sav", _("SPSS (.sav) – also for R with haven::read_sav()")),
        ("dta", _("Stata (.dta)")),
        ("R", _("R script for the CSV file")),
        ("codebook-xlsx", _("Codebook (XLSX)")),
    ]
    kind = forms.ChoiceField(label=_("File"), choices=KINDS)
    values = forms.ChoiceField(
        label=_("Answers as"),
        choices=[("codes", _("codes")), ("labels", _("labels"))],
        required=False,
        help_text=_("For CSV and XLSX; the statistics files always hold codes with labels."),
    )
    language = forms.ChoiceField(
        label=_("Language of the labels"),
        choices=[("de", _("German")), ("en", _("English"))],
        required=False,
    )
    labels = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "values", "language"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def options(self):
        """Valid options, the defaults for anything else: a bad value never breaks a download."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "values": data.get("values") or "codes",
            "language": data.get("language") or "de",
            "labels": self.data.get("labels") == "1",
        }
