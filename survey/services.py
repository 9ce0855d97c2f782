"""Workflows of the survey: reading answers, storing a response, aggregating, exporting."""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from centers.models import Quarter
from survey.models import Answer, Channel, Question, QuestionKind, Response

DONT_KNOW = "dk"
# On paper and in exports "don't know" has the number 99.
DONT_KNOW_CODE = 99
# Form fields accept Arabic-Indic and Persian digits and store Western digits (GLOSSARY.md).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


# Questions and quarters change only when editors save, which bumps the content version; between
# saves each worker reuses what it loaded. Sync workers serve one request at a time, and the
# objects are only read, so sharing them between requests is safe.
_loaded = {}


def _per_content_version(name, loader):
    from portal.cache import current_version

    version = current_version()
    cached = _loaded.get(name)
    if cached is None or cached[0] != version:
        cached = (version, loader())
        _loaded[name] = cached
    return cached[1]


def load_questions(survey):
    return _per_content_version(
        ("questions", survey.pk),
        lambda: list(
            survey.questions.select_related("show_if_choice").prefetch_related("choices", "rows")
        ),
    )


def load_quarters():
    return _per_content_version("quarters", lambda: list(Quarter.objects.order_by("name")))


def _values(data, name):
    if hasattr(data, "getlist"):
        raw = data.getlist(name)
    else:
        raw = data.get(name, [])
        raw = raw if isinstance(raw, list) else [raw]
    return [str(value).strip() for value in raw if str(value).strip()]


def _value(data, name):
    values = _values(data, name)
    return values[0] if values else ""


def _int(text):
    try:
        return int(text.translate(_DIGITS))
    except (ValueError, AttributeError):
        return None


def other_name(question):
    return f"{question.code}_other"


def row_name(question, row):
    return f"{question.code}_{row.code}"


@dataclass
class Parsed:
    answers: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)  # field name -> message
    selected: dict = field(default_factory=dict)  # question id -> set of choice ids

    @property
    def ok(self):
        return not self.errors


def is_visible(question, selected):
    """Skip logic: a conditional question counts only if its condition's answer was chosen."""
    condition = question.show_if_choice
    if condition is None:
        return True
    return condition.pk in selected.get(condition.question_id, set())


def parse_answers(questions, quarters, data):
    """Validates posted answers in the active language; returns unsaved Answer objects."""
    parsed = Parsed()
    for question in questions:
        if not is_visible(question, parsed.selected):
            continue  # answers to skipped questions are dropped, never stored
        handler = _PARSERS[question.kind]
        handler(question, quarters, data, parsed)
    return parsed


def _scale_value(question, raw):
    if raw == DONT_KNOW and question.allow_dont_know:
        return {"dont_know": True}, None
    value = _int(raw)
    if value is None or not question.scale_min <= value <= question.scale_max:
        return None, _("Please choose a value from {low} to {high}.").format(
            low=question.scale_min, high=question.scale_max
        )
    return {"value": value}, None


def _parse_choices(question, quarters, data, parsed):
    raw = _values(data, question.code)
    if not raw:
        if question.required:
            parsed.errors[question.code] = _("Please choose an answer.")
        return
    if question.kind == QuestionKind.SINGLE and len(raw) > 1:
        parsed.errors[question.code] = _("Please choose only one answer.")
        return
    by_pk = {str(choice.pk): choice for choice in question.choices.all()}
    chosen = []
    for value in dict.fromkeys(raw):
        if value not in by_pk:
            parsed.errors[question.code] = _("This answer option does not belong to the question.")
            return
        chosen.append(by_pk[value])
    limit = question.max_choices
    if question.kind == QuestionKind.MULTIPLE and limit and len(chosen) > limit:
        parsed.errors[question.code] = ngettext(
            "Please choose at most {n} answer.", "Please choose at most {n} answers.", limit
        ).format(n=limit)
        return
    other_text = _value(data, other_name(question))
    for choice in chosen:
        text = ""
        if choice.is_other:
            text = other_text
            if not text:
                parsed.errors[other_name(question)] = _("Please specify your answer.")
                return
            if len(text) > 200:
                parsed.errors[other_name(question)] = _(
                    "The text is too long (maximum {n} characters)."
                ).format(n=200)
                return
        parsed.answers.append(Answer(question=question, choice=choice, text=text))
    parsed.selected[question.pk] = {choice.pk for choice in chosen}


def _parse_quarter(question, quarters, data, parsed):
    raw = _values(data, question.code)
    if not raw:
        if question.required:
            parsed.errors[question.code] = _("Please choose an answer.")
        return
    by_pk = {str(quarter.pk): quarter for quarter in quarters}
    if len(raw) > 1 or raw[0] not in by_pk:
        parsed.errors[question.code] = _("This answer option does not belong to the question.")
        return
    parsed.answers.append(Answer(question=question, quarter=by_pk[raw[0]]))


def _parse_scale(question, quarters, data, parsed):
    raw = _values(data, question.code)
    if not raw:
        if question.required:
            parsed.errors[question.code] = _("Please choose an answer.")
        return
    fields, error = _scale_value(question, raw[0])
    if error or len(raw) > 1:
        parsed.errors[question.code] = error or _("Please choose only one answer.")
        return
    parsed.answers.append(Answer(question=question, **fields))


def _parse_matrix(question, quarters, data, parsed):
    found = []
    for row in question.rows.all():
        name = row_name(question, row)
        raw = _value(data, name)
        if not raw:
            if question.required:
                parsed.errors[name] = _("Please choose an answer.")
            continue
        fields, error = _scale_value(question, raw)
        if error:
            parsed.errors[name] = error
            continue
        found.append(Answer(question=question, row=row, **fields))
    parsed.answers.extend(found)


def _parse_text(question, quarters, data, parsed):
    text = _value(data, question.code).replace("\r\n", "\n")
    if not text:
        if question.required:
            parsed.errors[question.code] = _("Please answer this question.")
        return
    if len(text) > question.max_length:
        parsed.errors[question.code] = _("The text is too long (maximum {n} characters).").format(
            n=question.max_length
        )
        return
    parsed.answers.append(Answer(question=question, text=text))


def _parse_number(question, quarters, data, parsed):
    raw = _value(data, question.code)
    if not raw:
        if question.required:
            parsed.errors[question.code] = _("Please answer this question.")
        return
    value = _int(raw)
    low, high = question.number_min, question.number_max
    if value is None:
        parsed.errors[question.code] = _("Please enter a whole number.")
        return
    if (low is not None and value < low) or (high is not None and value > high):
        parsed.errors[question.code] = _("Please enter a number from {low} to {high}.").format(
            low=low if low is not None else "…", high=high if high is not None else "…"
        )
        return
    parsed.answers.append(Answer(question=question, value=value))


_PARSERS = {
    QuestionKind.SINGLE: _parse_choices,
    QuestionKind.MULTIPLE: _parse_choices,
    QuestionKind.QUARTER: _parse_quarter,
    QuestionKind.SCALE: _parse_scale,
    QuestionKind.MATRIX: _parse_matrix,
    QuestionKind.TEXT: _parse_text,
    QuestionKind.NUMBER: _parse_number,
}


def submit_response(survey, answers, *, language, channel=Channel.ONLINE, token=None, **paper):
    """Stores a response with all its answers, or nothing. Returns (response, created).

    The same one-time token twice (double click, reload) returns the first response.
    """
    # A repeated token hits the unique constraint; no look-up first, so a new response costs
    # no extra query.
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                language=language,
                channel=channel,
                submitted_on=timezone.localdate(),
                submission_token=token or None,
                **paper,
            )
            for answer in answers:
                answer.response = response
            Answer.objects.bulk_create(answers)
    except IntegrityError:
        existing = Response.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return existing, False
    return response, True


def replace_answers(response, answers):
    with transaction.atomic():
        response.answers.all().delete()
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(answers)


# --- Paper codes ------------------------------------------------------------------------------


def quarter_codes(quarters):
    """Quarters are numbered alphabetically on the paper questionnaire."""
    return {index: quarter for index, quarter in enumerate(quarters, start=1)}


def paper_to_form_data(questions, quarters, data):
    """Translates the printed codes staff type in into the values the online form posts."""
    converted, errors = {}, {}
    by_index = quarter_codes(quarters)
    for question in questions:
        names = [question.code, other_name(question)] + [
            row_name(question, row) for row in question.rows.all()
        ]
        for name in names:
            if name in data:
                values = _values(data, name)
                if question.kind in (QuestionKind.SCALE, QuestionKind.MATRIX):
                    values = [DONT_KNOW if v == str(DONT_KNOW_CODE) else v for v in values]
                converted[name] = values
        raw = " ".join(_values(data, question.code)).translate(_DIGITS)
        tokens = [token for token in re.split(r"[\s,;]+", raw) if token]
        if question.has_choices:
            by_code = {str(choice.code): str(choice.pk) for choice in question.choices.all()}
            unknown = [token for token in tokens if token not in by_code]
            if unknown:
                errors[question.code] = _("Unknown code: {codes}").format(codes=", ".join(unknown))
            converted[question.code] = [by_code[token] for token in tokens if token in by_code]
        elif question.kind == QuestionKind.QUARTER and tokens:
            quarter = by_index.get(_int(tokens[0]))
            if quarter is None:
                errors[question.code] = _("Unknown code: {codes}").format(codes=tokens[0])
            converted[question.code] = [str(quarter.pk)] if quarter else []
    return converted, errors


def answers_to_paper_data(questions, quarters, response):
    """The inverse of paper_to_form_data, to correct an entered response."""
    index_of = {quarter.pk: index for index, quarter in quarter_codes(quarters).items()}
    data = {}
    for answer in response.answers.select_related("choice", "row", "question"):
        question = answer.question
        if answer.choice_id:
            data.setdefault(question.code, []).append(str(answer.choice.code))
            if answer.text:
                data[other_name(question)] = [answer.text]
        elif answer.quarter_id:
            data[question.code] = [str(index_of.get(answer.quarter_id, ""))]
        elif answer.row_id:
            data[row_name(question, answer.row)] = [
                str(DONT_KNOW_CODE) if answer.dont_know else str(answer.value)
            ]
        elif answer.dont_know:
            data[question.code] = [str(DONT_KNOW_CODE)]
        elif answer.value is not None:
            data[question.code] = [str(answer.value)]
        else:
            data[question.code] = [answer.text]
    return {name: " ".join(values) for name, values in data.items()}


# --- Aggregation ------------------------------------------------------------------------------


def filtered_responses(survey, *, quarter=None, language=None, channel=None):
    responses = Response.objects.filter(survey=survey)
    if language:
        responses = responses.filter(language=language)
    if channel:
        responses = responses.filter(channel=channel)
    if quarter:
        responses = responses.filter(
            Exists(Answer.objects.filter(response=OuterRef("pk"), quarter_id=quarter))
        )
    return responses


def _percent(n, total):
    return round(100 * n / total, 1) if total else 0


def _bars(pairs, total):
    return [{"label": label, "n": n, "percent": _percent(n, total)} for label, n in pairs]


def aggregate(survey, questions, quarters, responses):
    """Counts for the dashboard and the public results page, in a fixed number of queries."""
    total = responses.count()
    answers = Answer.objects.filter(response__in=responses)
    counts = {}
    for row in answers.values(
        "question_id", "choice_id", "row_id", "quarter_id", "value", "dont_know"
    ).annotate(n=Count("id")):
        key = (
            row["question_id"],
            row["choice_id"],
            row["row_id"],
            row["quarter_id"],
            row["value"],
            row["dont_know"],
        )
        counts[key] = row["n"]
    answered = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    numbers = {
        row["question_id"]: row
        for row in answers.filter(question__kind=QuestionKind.NUMBER)
        .values("question_id")
        .annotate(avg=Avg("value"), low=Min("value"), high=Max("value"))
    }

    def count(question, choice=None, row=None, quarter=None, value=None, dont_know=False):
        return counts.get((question.pk, choice, row, quarter, value, dont_know), 0)

    results = []
    for question in questions:
        base = answered.get(question.pk, 0)
        item = {"question": question, "answered": base, "bars": [], "matrix": [], "number": None}
        if question.has_choices:
            item["bars"] = _bars(
                [
                    (choice.label, count(question, choice=choice.pk))
                    for choice in question.choices.all()
                ],
                base,
            )
        elif question.kind == QuestionKind.QUARTER:
            item["bars"] = _bars([(q.name, count(question, quarter=q.pk)) for q in quarters], base)
        elif question.kind == QuestionKind.SCALE:
            item["bars"] = _scale_bars(
                question, lambda value, dk, q=question: count(q, value=value, dont_know=dk), base
            )
        elif question.kind == QuestionKind.MATRIX:
            for matrix_row in question.rows.all():
                row_total = sum(
                    n
                    for key, n in counts.items()
                    if key[0] == question.pk and key[2] == matrix_row.pk
                )
                item["matrix"].append(
                    {
                        "label": matrix_row.label,
                        "bars": _scale_bars(
                            question,
                            lambda value, dk, r=matrix_row.pk, q=question: count(
                                q, row=r, value=value, dont_know=dk
                            ),
                            row_total,
                        ),
                    }
                )
        elif question.kind == QuestionKind.NUMBER:
            item["number"] = numbers.get(question.pk)
        results.append(item)
    return total, results


def _scale_labels(question):
    labels = []
    for value in question.scale_values:
        if value == question.scale_min and question.scale_min_label:
            labels.append((value, f"{value} – {question.scale_min_label}"))
        elif value == question.scale_max and question.scale_max_label:
            labels.append((value, f"{value} – {question.scale_max_label}"))
        else:
            labels.append((value, str(value)))
    return labels


def _scale_bars(question, counter, total):
    pairs = [(label, counter(value, False)) for value, label in _scale_labels(question)]
    if question.allow_dont_know:
        pairs.append((_("Don't know"), counter(None, True)))
    return _bars(pairs, total)


def breakdowns(responses):
    """Responses by day, language and channel, and by neighbourhood."""
    by_day = list(
        responses.values_list("submitted_on").annotate(n=Count("id")).order_by("submitted_on")
    )
    by_language = list(
        responses.values_list("language").annotate(n=Count("id")).order_by("language")
    )
    by_channel = list(responses.values_list("channel").annotate(n=Count("id")).order_by("channel"))
    by_quarter = list(
        Answer.objects.filter(response__in=responses, quarter__isnull=False)
        .values_list("quarter__name")
        .annotate(n=Count("id"))
        .order_by("quarter__name")
    )
    return {"day": by_day, "language": by_language, "channel": by_channel, "quarter": by_quarter}


def free_texts(responses, search="", limit=500):
    """Free-text answers with the respondent's neighbourhood, grouped by neighbourhood."""
    quarter_name = Answer.objects.filter(
        response=OuterRef("response_id"), quarter__isnull=False
    ).values("quarter__name")[:1]
    texts = (
        Answer.objects.filter(response__in=responses)
        .exclude(text="")
        .annotate(quarter_name=Subquery(quarter_name))
        .values("question__code", "text", "quarter_name", "response_id")
        .order_by("quarter_name", "question__code", "response_id")
    )
    if search:
        texts = texts.filter(text__icontains=search)
    groups = {}
    for row in texts[:limit]:
        groups.setdefault(row["quarter_name"] or _("No neighbourhood given"), []).append(row)
    return groups


# --- Export -----------------------------------------------------------------------------------

FIXED_COLUMNS = [
    ("response_id", "Laufende Nummer der Antwort", ""),
    ("submitted_on", "Datum der Abgabe (JJJJ-MM-TT)", ""),
    ("language", "Sprache des Fragebogens", "de, en, ar, ro, ru, tr"),
    ("channel", "Weg der Teilnahme", "online = online; paper = Papier"),
    ("source", "Abgabestelle (nur Papier)", ""),
    ("batch", "Stapelnummer (nur Papier)", ""),
]


def _labels_de(question):
    if question.has_choices:
        return "; ".join(f"{c.code} = {c.label_de}" for c in question.choices.all())
    if question.kind in (QuestionKind.SCALE, QuestionKind.MATRIX):
        parts = [
            f"{question.scale_min} = {question.scale_min_label_de}".strip(" ="),
            f"{question.scale_max} = {question.scale_max_label_de}".strip(" ="),
        ]
        if question.allow_dont_know:
            parts.append(f"{DONT_KNOW_CODE} = weiß nicht")
        return "; ".join(parts)
    if question.kind == QuestionKind.QUARTER:
        return "Name des Quartiers"
    if question.kind == QuestionKind.NUMBER:
        return "Zahl"
    return "Freitext"


def codebook(questions):
    """[(column, German question text, German value labels)] in export column order."""
    rows = list(FIXED_COLUMNS)
    for question in questions:
        text = question.text_de
        if question.kind == QuestionKind.MULTIPLE:
            for choice in question.choices.all():
                rows.append(
                    (
                        f"{question.code}_{choice.code}",
                        f"{text} – {choice.label_de}",
                        "0 = nicht gewählt; 1 = gewählt",
                    )
                )
                if choice.is_other:
                    rows.append(
                        (
                            f"{question.code}_{choice.code}_other",
                            f"{text} – {choice.label_de}: Angabe",
                            "Freitext",
                        )
                    )
        elif question.kind == QuestionKind.MATRIX:
            for row in question.rows.all():
                rows.append(
                    (row_name(question, row), f"{text} – {row.label_de}", _labels_de(question))
                )
        else:
            rows.append((question.code, text, _labels_de(question)))
            if question.kind == QuestionKind.SINGLE and any(
                c.is_other for c in question.choices.all()
            ):
                rows.append((other_name(question), f"{text} – Sonstiges: Angabe", "Freitext"))
    return rows


def _response_cells(response, questions):
    cells = {
        "response_id": response.pk,
        "submitted_on": response.submitted_on.isoformat(),
        "language": response.language,
        "channel": response.channel,
        "source": response.source,
        "batch": response.batch,
    }
    for question in questions:
        if question.kind == QuestionKind.MULTIPLE:
            for choice in question.choices.all():
                cells[f"{question.code}_{choice.code}"] = 0
    for answer in response.answers.all():
        question = answer.question
        if question.kind == QuestionKind.MULTIPLE:
            cells[f"{question.code}_{answer.choice.code}"] = 1
            if answer.text:
                cells[f"{question.code}_{answer.choice.code}_other"] = answer.text
        elif question.kind == QuestionKind.SINGLE:
            cells[question.code] = answer.choice.code
            if answer.text:
                cells[other_name(question)] = answer.text
        elif question.kind == QuestionKind.QUARTER:
            cells[question.code] = answer.quarter.name if answer.quarter else ""
        elif question.kind == QuestionKind.MATRIX:
            cells[row_name(question, answer.row)] = (
                DONT_KNOW_CODE if answer.dont_know else answer.value
            )
        elif answer.dont_know:
            cells[question.code] = DONT_KNOW_CODE
        elif question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            cells[question.code] = answer.value
        else:
            cells[question.code] = answer.text
    return cells


def export_rows(survey, questions):
    """Header and one row per response, in the codebook's column order."""
    columns = [row[0] for row in codebook(questions)]
    by_id = {question.pk: question for question in questions}
    responses = (
        Response.objects.filter(survey=survey)
        .order_by("pk")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("choice", "row", "quarter"))
        )
    )
    yield columns
    for response in responses.iterator(chunk_size=500):
        for answer in response.answers.all():
            answer.question = by_id[answer.question_id]
        cells = _response_cells(response, questions)
        yield [cells.get(column, "") for column in columns]


def _csv(rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 only with a byte order mark
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(rows)
    return buffer.getvalue().encode()


def export_csv(survey, questions):
    return _csv(export_rows(survey, questions))


def codebook_csv(questions):
    return _csv([("Spalte", "Frage", "Werte"), *codebook(questions)])


def export_xlsx(survey, questions):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("Antworten")
    for row in export_rows(survey, questions):
        data.append(row)
    book = workbook.create_sheet("Codebuch")
    book.append(["Spalte", "Frage", "Werte"])
    for row in codebook(questions):
        book.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def count_by_question(survey):
    return dict(
        Question.objects.filter(survey=survey).annotate(n=Count("answers")).values_list("code", "n")
    )


# --- Dashboard cache --------------------------------------------------------------------------
# Aggregating 10,000 responses takes half a second; staff reloading the dashboard or switching
# filters should not pay that each time. Every stored, corrected or deleted response bumps the
# survey's responses version (shared by all workers), so a paper entry shows up at once.


def _responses_version_key(survey_id):
    return f"survey:{survey_id}:responses-version"


def responses_version(survey_id):
    from django.core.cache import cache

    return cache.get_or_set(_responses_version_key(survey_id), 1, timeout=None)


def responses_changed(sender, instance, **kwargs):
    from django.core.cache import cache

    key = _responses_version_key(instance.survey_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def dashboard_data(survey, questions, quarters, filters, search):
    from django.core.cache import caches

    from portal.cache import current_version

    filter_hash = hashlib.sha256(repr((sorted(filters.items()), search)).encode())
    key = (
        f"dashboard:{survey.pk}:{responses_version(survey.pk)}:{current_version()}:"
        f"{get_language()}:{filter_hash.hexdigest()[:24]}"
    )
    data = caches["pages"].get(key)
    if data is None:
        responses = filtered_responses(survey, **filters)
        total, aggregated = aggregate(survey, questions, quarters, responses)
        data = {
            "total": total,
            "results": aggregated,
            "breakdowns": breakdowns(responses),
            "texts": free_texts(responses, search),
        }
        caches["pages"].set(key, data, 300)
    return data


def only_paper_responses_in_history(sender, instance, **kwargs):
    if instance.channel != Channel.PAPER:
        instance.skip_history_when_saving = True
    elif hasattr(instance, "skip_history_when_saving"):
        del instance.skip_history_when_saving
