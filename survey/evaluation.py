"""Evaluation of the survey: cross-tables, wave comparison, small-cell suppression.

Every count a person sees or downloads passes through ``suppress``: a group of fewer than
``settings.SURVEY_MIN_CELL`` responses is shown as "fewer than n", never as its number, so no
small group (five Romanian-speaking residents of one quarter) can be picked out.

Bases are stated with every table: the responses that gave an ordinary answer to the question.
"Not shown" (skipped by a condition), "not answered", "several ticked" and "unreadable" are not
in the base (the missing-value codes of the exports); "don't know" is, as an answer of its own,
but not in a mean.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from survey.models import Answer, Channel, QuestionKind, Response

DONT_KNOW_KEY = "dk"
OUTSIDE_CODE = 99
# Question kinds a cross-table can show, and those that can be a dimension (columns).
TABLE_KINDS = {
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.QUARTER,
    QuestionKind.SCALE,
    QuestionKind.MATRIX,
    QuestionKind.NUMBER,
}
DIMENSION_KINDS = {QuestionKind.SINGLE}
TOTAL = object()  # the column of all responses of a wave


def min_cell():
    return max(int(settings.SURVEY_MIN_CELL), 1)


def suppress(n, threshold=None):
    """Whether a count must not be shown: more than none, fewer than the threshold."""
    threshold = min_cell() if threshold is None else threshold
    return 0 < n < threshold


def percent(n, base):
    return round(100 * n / base, 1) if base else None


@dataclass
class Cell:
    n: int
    base: int
    suppressed: bool = False

    @property
    def percent(self):
        return None if self.suppressed else percent(self.n, self.base)

    @property
    def shown(self):
        """What a table or a file holds: the number, or "<5"."""
        return f"<{min_cell()}" if self.suppressed else self.n


@dataclass
class Column:
    label: str
    base: int
    suppressed: bool = False
    wave: str = ""

    @property
    def shown_base(self):
        return f"<{min_cell()}" if self.suppressed else self.base


@dataclass
class Table:
    question: object
    title: str
    columns: list
    rows: list = field(default_factory=list)  # [(label, [Cell, ...])]
    means: list = field(default_factory=list)  # [(label, [Mean, ...])]
    kind: str = ""
    dimension: str = ""
    note: str = ""

    @property
    def min_cell(self):
        return min_cell()


@dataclass
class Mean:
    value: float | None
    n: int
    suppressed: bool = False

    @property
    def shown(self):
        if self.suppressed:
            return f"<{min_cell()}"
        return "" if self.value is None else round(self.value, 2)


# --- Dimensions (the columns) -----------------------------------------------------------------


def dimension_choices(survey):
    """(value, label) of what a table can be broken down by, for a form."""
    choices = [
        ("", _("No breakdown (all responses)")),
        ("quarter", _("Neighbourhood")),
        ("language", _("Language")),
        ("channel", _("Channel")),
    ]
    for question in survey.questions.filter(kind__in=DIMENSION_KINDS).order_by("position"):
        choices.append((f"q:{question.code}", f"{question.code} {question.text}"))
    return choices


def _dimension(responses, survey, dimension):
    """{response_id: (key, label)} and the ordered [(key, label)] of the dimension."""
    if not dimension:
        return {pk: ("all", "") for pk in responses.values_list("pk", flat=True)}, [("all", "")]
    if dimension in ("language", "channel"):
        names = dict(settings.LANGUAGES) if dimension == "language" else dict(Channel.choices)
        keyed = {
            pk: (value, str(names.get(value, value)))
            for pk, value in responses.values_list("pk", dimension)
        }
        order = [(code, str(name)) for code, name in names.items()]
        return keyed, order
    if dimension == "quarter":
        rows = Answer.objects.filter(
            response__in=responses, quarter__isnull=False, missing__isnull=True
        ).values_list("response_id", "quarter__code", "quarter__name")
        keyed = {pk: (code, name) for pk, code, name in rows}
        order = sorted(set(keyed.values()), key=lambda item: str(item[1]))
        return keyed, order
    if dimension.startswith("q:"):
        question = survey.questions.filter(code=dimension[2:], kind__in=DIMENSION_KINDS).first()
        if question is None:
            return {}, []
        rows = Answer.objects.filter(
            response__in=responses, question=question, missing__isnull=True, choice__isnull=False
        ).values_list("response_id", "choice__code", "choice__label")
        keyed = {pk: (code, label) for pk, code, label in rows}
        order = [(choice.code, choice.label) for choice in question.choices.all()]
        return keyed, order
    return {}, []


# --- Categories of the question (the rows) ----------------------------------------------------


def _categories(question, quarters):
    """[(key, label)] in order; None for a number question (means only)."""
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return [(choice.code, choice.label) for choice in question.choices.all()]
    if question.kind == QuestionKind.QUARTER:
        return [(quarter.code, quarter.name) for quarter in quarters] + [
            (OUTSIDE_CODE, _("Outside Heilbronn / don't know"))
        ]
    if question.kind == QuestionKind.SCALE:
        categories = []
        for value in question.scale_values:
            label = str(value)
            if value == question.scale_min and question.scale_min_label:
                label = f"{value} – {question.scale_min_label}"
            elif value == question.scale_max and question.scale_max_label:
                label = f"{value} – {question.scale_max_label}"
            categories.append((value, label))
        if question.allow_dont_know:
            categories.append((DONT_KNOW_KEY, _("Don't know")))
        return categories
    return None


def _answers(responses, question):
    """{response_id: [(row code or None, category key, numeric value or None)]}."""
    given = {}
    rows = Answer.objects.filter(
        response__in=responses, question=question, missing__isnull=True
    ).values_list("response_id", "row__code", "choice__code", "quarter__code", "value", "dont_know")
    for response_id, row, choice, quarter, value, dont_know in rows:
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            key = choice
        elif question.kind == QuestionKind.QUARTER:
            key = OUTSIDE_CODE if dont_know else quarter
        else:
            key = DONT_KNOW_KEY if dont_know else value
        numeric = None if dont_know else value
        given.setdefault(response_id, []).append((row, key, numeric))
    return given


# --- The table ----------------------------------------------------------------------------------


def responses_for(survey, *, date_from=None, date_to=None, quarters=None):
    """The survey's responses in the date range; with ``quarters`` only those of people who live
    there (a quarter manager's view)."""
    responses = Response.objects.filter(survey=survey)
    if date_from:
        responses = responses.filter(submitted_on__gte=date_from)
    if date_to:
        responses = responses.filter(submitted_on__lte=date_to)
    if quarters is not None:
        responses = responses.filter(
            Exists(Answer.objects.filter(response=OuterRef("pk"), quarter_id__in=quarters))
        )
    return responses


def crosstab(waves, code, dimension="", *, quarters_list=(), scope=None):
    """One question by a dimension, for one wave or several (the current one first).

    ``waves`` is [(survey, responses)]; the question is matched across waves by its code and the
    answers by their codes. Columns: each dimension value per wave, then the wave's total.
    Returns None when the first wave has no such question.
    """
    current = waves[0][0].questions.filter(code=code).first()
    if current is None or current.kind not in TABLE_KINDS:
        return None
    categories = _categories(current, quarters_list)
    threshold = min_cell()
    several = len(waves) > 1
    years = [survey.year for survey, _responses in waves]
    entries = []  # (group label, wave index, Column, {response_id: answers})
    for index, (survey, responses) in enumerate(waves):
        question = survey.questions.filter(code=code).first()
        given = _answers(responses, question) if question else {}
        keyed, order = _dimension(responses, survey, dimension)
        wave = ""
        if several:
            wave = str(survey.year)
            if years.count(survey.year) > 1:
                wave = _("wave {number}").format(number=survey.wave)
        groups = []
        for key, label in order if dimension else []:
            answers = {pk: given[pk] for pk, (k, _l) in keyed.items() if k == key and pk in given}
            if answers:
                groups.append((str(label), answers))
        groups.append((TOTAL, {pk: given[pk] for pk in keyed if pk in given}))
        for label, answers in groups:
            base = len(answers)
            if several and not dimension:
                title = wave  # one column per wave: its year says it
            else:
                shown = _("Total") if label is TOTAL else label
                title = " ".join(part for part in (str(shown), wave) if part)
            entries.append(
                (label, index, Column(title, base, suppress(base, threshold), wave), answers)
            )
    if several and dimension:
        # The same group of each wave side by side (Böckingen 2026, Böckingen 2024, …).
        first_seen = {}
        for entry in entries:
            first_seen.setdefault(entry[0], len(first_seen))
        entries.sort(key=lambda entry: (entry[0] is TOTAL, first_seen[entry[0]], entry[1]))
    columns = [entry[2] for entry in entries]
    per_column = [entry[3] for entry in entries]
    table = Table(current, current.text, columns, kind=current.kind, dimension=dimension)
    if categories is not None:
        for key, label in categories:
            cells = []
            for column, answers in zip(columns, per_column, strict=True):
                n = sum(1 for given in answers.values() if any(a[1] == key for a in given))
                cells.append(Cell(n, column.base, column.suppressed or suppress(n, threshold)))
            table.rows.append((label, cells))
    mean_rows = []
    if current.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        mean_rows = [(None, _("Mean"))]
    elif current.kind == QuestionKind.MATRIX:
        mean_rows = [(row.code, row.label) for row in current.rows.all()]
        table.note = _("Mean of each item on the scale, without “don't know”.")
    for row_code, label in mean_rows:
        means = []
        for answers in per_column:
            values = [
                numeric
                for given in answers.values()
                for row, _key, numeric in given
                if numeric is not None and (row_code is None or row == row_code)
            ]
            value = sum(values) / len(values) if values else None
            means.append(Mean(value, len(values), suppress(len(values), threshold)))
        table.means.append((label, means))
    return table


def table_rows(table):
    """The table as rows of a CSV or XLSX file: counts and percentages, small cells as "<5"."""
    yield [table.question.code, table.title]
    header = [_("Answer")]
    for column in table.columns:
        header += [f"{column.label} (n)", f"{column.label} (%)"]
    yield header
    for label, cells in table.rows:
        row = [label]
        for cell in cells:
            row += [cell.shown, "" if cell.percent is None else cell.percent]
        yield row
    for label, means in table.means:
        row = [label]
        for mean in means:
            row += [mean.shown, ""]
        yield row
    base = [_("Base (responses with an answer)")]
    for column in table.columns:
        base += [column.shown_base, ""]
    yield base
    yield [
        _(
            "Base: responses with an answer to this question; not shown, not answered, several "
            "ticked and unreadable are not counted. Groups of fewer than {n} responses are shown "
            "as “<{n}”."
        ).format(n=min_cell())
    ]
