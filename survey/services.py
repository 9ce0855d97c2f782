"""Workflows of the survey: storing, correcting and deleting a response, aggregating, exporting."""

import csv
import hashlib
import io
import re

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Subquery, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from centers.models import Quarter
from portal.lib.spreadsheets import safe_row
from survey.models import Answer, Channel, Missing, QuestionKind, Response

DONT_KNOW = "dk"
# On paper and in exports "don't know" has the number 99.
DONT_KNOW_CODE = 99
# How the codebook explains the missing-value codes (the codebook is German).
MISSING_DE = {
    Missing.NOT_SHOWN: "nicht gezeigt (Filterfrage)",
    Missing.NOT_ANSWERED: "keine Angabe",
    Missing.SEVERAL: "mehrere angekreuzt",
    Missing.UNREADABLE: "unleserlich",
}


def is_visible(question, selected):
    """Skip logic: a conditional question counts only if its condition's answer was chosen.

    ``selected`` maps question ids to the ids of the options ticked (over-ticked ones too).
    """
    condition = question.show_if_choice
    if condition is None:
        return True
    return condition.pk in selected.get(condition.question_id, set())


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


def other_name(question):
    return f"{question.code}_other"


def row_name(question, row):
    return f"{question.code}_{row.code}"


# --- Storing, correcting, deleting a response -------------------------------------------------
# Every path (questionnaire, paper entry, correction screen, demo) goes through these three, so
# the log of paper responses and the dashboard cache are kept in one place.


def store_response(
    survey, answers, *, language, channel=Channel.ONLINE, token=None, draft_code="", **paper
):
    """Stores a response with all its answers, or nothing. Returns (response, created).

    The same one-time token twice (double click, reload) returns the first response. A paper
    response entered by staff (``entered_by``) is logged.
    """
    response = Response.of(
        survey=survey,
        language=language,
        channel=channel,
        submitted_on=timezone.localdate(),
        submission_token=token or None,
        **paper,
    )
    # A repeated token hits the unique constraint; no look-up first, so a new response costs
    # no extra query.
    try:
        if channel == Channel.ONLINE and not paper and not draft_code:
            # A resident's response has no history and no log: one write, no model save.
            Response.all_objects.insert(response, answers)
        else:
            with transaction.atomic():
                response.save()
                for answer in answers:
                    answer.response = response
                Answer.objects.insert(answers)
                if draft_code:
                    # A resumed draft is not kept once its answers are stored.
                    from survey.models import Draft, hash_resume_code

                    code_hash = hash_resume_code(draft_code)
                    Draft.objects.filter(survey=survey, code_hash=code_hash).delete()
                if paper.get("entered_by"):
                    _log(response, paper["entered_by"], "entered")
    except IntegrityError:
        existing = Response.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return existing, False
    return response, True


def _signature(answer):
    return (
        answer.choice_id,
        answer.row_id,
        answer.quarter_id,
        answer.value,
        answer.dont_know,
        answer.text,
        answer.missing,
    )


def describe(answer):
    """An answer as the codes an evaluator reads in the export, for the change log."""
    if answer.missing is not None:
        mark = {Missing.SEVERAL: "mehrere", Missing.UNREADABLE: "?"}[answer.missing]
    else:
        mark = ""
    parts = []
    if answer.row_id:
        parts.append(f"{answer.row.code}:")
    if answer.choice_id:
        parts.append(str(answer.choice.code))
    elif answer.quarter_id:
        parts.append(str(answer.quarter.code))
    elif answer.dont_know:
        parts.append(str(DONT_KNOW_CODE))
    elif answer.value is not None:
        parts.append(str(answer.value))
    if answer.text:
        parts.append(answer.text)
    if mark:
        parts.append(f"({mark})")
    return " ".join(parts)


def _described(answers):
    return sorted(describe(answer) for answer in answers)


def may_change(user, response):
    """The clerk who entered a paper form, or a colleague of the same centre, may correct or
    delete it; the office (change/delete permission) any of the centres it oversees. Only within
    the survey's entry period.
    """
    from staff.permissions import centre_ids

    if response.channel != Channel.PAPER or not response.survey.entry_open:
        return False
    if user.is_superuser:
        return True
    if user.has_perm("survey.change_response") and centre_ids(user) is None:
        return True
    if not (
        user.has_perm("survey.enter_paper_responses") or user.has_perm("survey.change_response")
    ):
        return False
    if response.entered_by_id == user.pk:
        return True
    mine = set(centre_ids(user) or ())
    if not mine and hasattr(user, "staff_profile"):
        mine = set(user.staff_profile.centres.values_list("pk", flat=True))
    return (
        bool(mine)
        and Response.objects.filter(
            pk=response.pk, entered_by__staff_profile__centres__in=mine
        ).exists()
    )


def correct_response(response, answers, *, user, reason="", **fields):
    """Replaces what the clerk changed, and only that: the answers of each question whose
    answers differ, and the changed response fields. Every other answer stays the row it was.
    Logs the correction and refreshes the dashboard. Returns whether anything changed.
    """
    stored = {}
    for answer in response.answers.select_related("question", "choice", "row", "quarter"):
        stored.setdefault(answer.question_id, []).append(answer)
    given = {}
    for answer in answers:
        given.setdefault(answer.question_id, []).append(answer)
    changed = [
        question_id
        for question_id in stored.keys() | given.keys()
        if sorted(map(_signature, stored.get(question_id, [])), key=repr)
        != sorted(map(_signature, given.get(question_id, [])), key=repr)
    ]
    changed_fields = [name for name, value in fields.items() if getattr(response, name) != value]
    codes = {question.pk: question.code for question in response.survey.questions.all()}
    log = [
        {
            "question": codes.get(question_id, str(question_id)),
            "old": _described(stored.get(question_id, [])),
            "new": _described(given.get(question_id, [])),
        }
        for question_id in sorted(changed, key=lambda pk: codes.get(pk, ""))
    ]
    log += [
        {"field": name, "old": str(getattr(response, name)), "new": str(fields[name])}
        for name in changed_fields
    ]
    with transaction.atomic():
        response.answers.filter(question_id__in=changed).delete()
        new = [answer for question_id in changed for answer in given.get(question_id, [])]
        for answer in new:
            answer.response = response
        Answer.objects.bulk_create(new)
        for name in changed_fields:
            setattr(response, name, fields[name])
        if changed_fields:
            response.save(update_fields=changed_fields)
        _log(response, user, "corrected", reason=reason, changes=log)
    if changed:
        bump_responses_version(response.survey_id)
    return bool(changed or changed_fields)


def delete_response(response, *, user, reason=""):
    """Deletes a response and logs every answer it held. The only way a response is deleted
    (screens, Django admin); the retention purge removes whole surveys' data and its log."""
    answers = response.answers.select_related("question", "choice", "row", "quarter")
    by_question = {}
    for answer in answers:
        by_question.setdefault(answer.question.code, []).append(answer)
    log = [
        {"question": code, "old": _described(given), "new": []}
        for code, given in sorted(by_question.items())
    ]
    with transaction.atomic():
        _log(response, user, "deleted", reason=reason, changes=log)
        response.delete()  # post_delete refreshes the dashboard


def _log(response, user, action, reason="", changes=()):
    from survey.models import ResponseChange

    ResponseChange.objects.create(
        response_id_ref=response.pk,
        survey_id=response.survey_id,
        user=user,
        action=action,
        reason=reason,
        changes=list(changes),
    )


# --- Aggregation ------------------------------------------------------------------------------


def filtered_responses(
    survey,
    *,
    quarter=None,
    language=None,
    channel=None,
    date_from=None,
    date_to=None,
    quarters=None,
):
    """The survey's responses, filtered; ``quarters`` limits them to people living in those
    neighbourhoods (what a quarter manager may see)."""
    responses = Response.objects.filter(survey=survey)
    if date_from:
        responses = responses.filter(submitted_on__gte=date_from)
    if date_to:
        responses = responses.filter(submitted_on__lte=date_to)
    if quarters is not None:
        responses = responses.filter(
            Exists(Answer.objects.filter(response=OuterRef("pk"), quarter_id__in=quarters))
        )
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
    """Chart rows; a group of fewer than SURVEY_MIN_CELL responses (or a question answered by
    fewer) shows neither its number nor its share."""
    from survey.evaluation import min_cell, suppress

    hidden = suppress(total)
    bars = []
    for label, n in pairs:
        suppressed = hidden or suppress(n)
        bars.append(
            {
                "label": label,
                "n": f"<{min_cell()}" if suppressed else n,
                "percent": 0 if suppressed else _percent(n, total),
                "suppressed": suppressed,
            }
        )
    return bars


def aggregate(survey, questions, quarters, responses):
    """Counts for the dashboard and the public results page, in a fixed number of queries."""
    total, results, _counts = _aggregate(survey, questions, quarters, responses)
    return total, results


def _aggregate(survey, questions, quarters, responses):
    tally = _tally(responses)
    return tally["total"], _results(questions, quarters, tally), tally["counts"]


def _tally(responses):
    """What the counts are made of, as sums: the tally of some new responses adds to an earlier
    one (``_add_tally``) to give exactly what counting them all again would."""
    # Over-ticked and unreadable answers are kept, but they are no answer to count.
    answers = Answer.objects.filter(response__in=responses, missing__isnull=True)
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
        .annotate(sum=Sum("value"), n=Count("value"), low=Min("value"), high=Max("value"))
    }
    return {"total": responses.count(), "counts": counts, "answered": answered, "numbers": numbers}


def _add_tally(tally, new):
    """The tally of two disjoint sets of responses."""
    counts, answered, numbers = dict(tally["counts"]), dict(tally["answered"]), {}
    for key, n in new["counts"].items():
        counts[key] = counts.get(key, 0) + n
    for key, n in new["answered"].items():
        answered[key] = answered.get(key, 0) + n
    for key in tally["numbers"].keys() | new["numbers"].keys():
        rows = [row for row in (tally["numbers"].get(key), new["numbers"].get(key)) if row]
        given = [row for row in rows if row["n"]]
        numbers[key] = {
            "question_id": key,
            "sum": sum(row["sum"] for row in given) if given else None,
            "n": sum(row["n"] for row in rows),
            "low": min(row["low"] for row in given) if given else None,
            "high": max(row["high"] for row in given) if given else None,
        }
    return {
        "total": tally["total"] + new["total"],
        "counts": counts,
        "answered": answered,
        "numbers": numbers,
    }


def _mean(row):
    """Average, lowest and highest of a number question, as the database's AVG would give it."""
    average = row["sum"] / row["n"] if row["n"] else None
    return {
        "question_id": row["question_id"],
        "avg": average,
        "low": row["low"],
        "high": row["high"],
    }


def _results(questions, quarters, tally):
    counts, answered, numbers = tally["counts"], tally["answered"], tally["numbers"]

    def count(question, choice=None, row=None, quarter=None, value=None, dont_know=False):
        return counts.get((question.pk, choice, row, quarter, value, dont_know), 0)

    from survey.evaluation import suppress

    results = []
    for question in questions:
        base = answered.get(question.pk, 0)
        item = {
            "question": question,
            "answered": base,
            "suppressed": suppress(base),
            "bars": [],
            "matrix": [],
            "number": None,
        }
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
        elif (
            question.kind == QuestionKind.NUMBER
            and not item["suppressed"]
            and question.pk in numbers
        ):
            item["number"] = _mean(numbers[question.pk])
        results.append(item)
    return results


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


def _by_quarter(counts, quarters):
    """[(neighbourhood, answers naming it)] from the aggregate's counts, by name."""
    sums = {}
    for key, n in counts.items():
        if key[3] is not None:
            sums[key[3]] = sums.get(key[3], 0) + n
    names = {quarter.pk: quarter.name for quarter in quarters}
    return sorted(((names[pk], n) for pk, n in sums.items() if pk in names), key=lambda r: r[0])


def breakdowns(responses, by_quarter=None):
    """Responses by day, language and channel, and by neighbourhood (unless already counted)."""
    by_day = list(
        responses.values_list("submitted_on").annotate(n=Count("id")).order_by("submitted_on")
    )
    by_language = list(
        responses.values_list("language").annotate(n=Count("id")).order_by("language")
    )
    by_channel = list(responses.values_list("channel").annotate(n=Count("id")).order_by("channel"))
    if by_quarter is None:
        by_quarter = list(
            Answer.objects.filter(
                response__in=responses, quarter__isnull=False, missing__isnull=True
            )
            .values_list("quarter__name")
            .annotate(n=Count("id"))
            .order_by("quarter__name")
        )
    return {"day": by_day, "language": by_language, "channel": by_channel, "quarter": by_quarter}


def free_texts(responses, search="", limit=500):
    """Free-text answers with the respondent's neighbourhood, grouped by neighbourhood."""
    return _grouped_texts(_text_rows(free_text_answers(responses, search), limit))


def _text_rows(answers, limit):
    """The first ``limit`` free texts by neighbourhood, question and response."""
    quarter_name = Answer.objects.filter(
        response=OuterRef("response_id"), quarter__isnull=False
    ).values("quarter__name")[:1]
    texts = (
        answers.annotate(quarter_name=Subquery(quarter_name))
        .values("pk", "question__code", "text", "quarter_name", "response_id")
        .order_by("quarter_name", "question__code", "response_id")
    )
    return list(texts[:limit])


def _grouped_texts(rows):
    groups = {}
    for row in rows:
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


def _missing_de(question, *codes):
    """The missing-value codes a column of this question can hold, explained."""
    if not codes:
        codes = [Missing.NOT_ANSWERED, Missing.UNREADABLE]
        if question.kind != QuestionKind.TEXT and question.kind != QuestionKind.NUMBER:
            codes.insert(1, Missing.SEVERAL)
        if question.show_if_choice_id:
            codes.insert(0, Missing.NOT_SHOWN)
    return "; ".join(f"{int(code)} = {MISSING_DE[code]}" for code in codes)


def _labels_de(question):
    if question.has_choices:
        values = "; ".join(f"{c.code} = {c.label_de}" for c in question.choices.all())
    elif question.kind in (QuestionKind.SCALE, QuestionKind.MATRIX):
        parts = [
            f"{question.scale_min} = {question.scale_min_label_de}".strip(" ="),
            f"{question.scale_max} = {question.scale_max_label_de}".strip(" ="),
        ]
        if question.allow_dont_know:
            parts.append(f"{DONT_KNOW_CODE} = weiß nicht")
        values = "; ".join(parts)
    elif question.kind == QuestionKind.QUARTER:
        quarters = sorted(load_quarters(), key=lambda quarter: quarter.code)
        values = "; ".join(f"{quarter.code} = {quarter.name}" for quarter in quarters)
        values += f"; {DONT_KNOW_CODE} = außerhalb Heilbronns / weiß nicht"
    elif question.kind == QuestionKind.NUMBER:
        values = "Zahl"
    else:
        values = "Freitext"
    return f"{values}; {_missing_de(question)}"


LABELLED_KINDS = (QuestionKind.SINGLE, QuestionKind.QUARTER)


def label_name(question):
    return f"{question.code}_label"


def text_categories(questions):
    """The free-text categories of these questions, in export order."""
    from survey.models import TextCategory

    order = {question.pk: index for index, question in enumerate(questions)}
    categories = TextCategory.objects.filter(question_id__in=order).select_related("question")
    return sorted(categories, key=lambda category: (order[category.question_id], category.code))


def category_column(category):
    return f"{category.question.code}_k{category.code}"


def codebook(questions, labels=False):
    """[(column, German question text, German value labels)] in export column order.

    With ``labels``, each single-choice and neighbourhood column is followed by one holding the
    chosen answer's German label; the code column stays the one to count with. The evaluators'
    free-text categories come last, one 0/1 column each.
    """
    rows = _question_columns(questions, labels)
    for category in text_categories(questions):
        rows.append(
            (
                category_column(category),
                f"{category.question.text_de} – Kategorie: {category.name}",
                "0 = nicht zugeordnet; 1 = zugeordnet; "
                f"{_missing_de(category.question, Missing.NOT_SHOWN, Missing.NOT_ANSWERED)}",
            )
        )
    return rows


def _question_columns(questions, labels):
    rows = list(FIXED_COLUMNS)
    for question in questions:
        text = question.text_de
        if labels and question.kind in LABELLED_KINDS:
            rows.append((question.code, text, _labels_de(question)))
            rows.append((label_name(question), f"{text} – Bezeichnung", "Text zum Code"))
            if any(c.is_other for c in question.choices.all()):
                rows.append((other_name(question), f"{text} – Sonstiges: Angabe", "Freitext"))
            continue
        if question.kind == QuestionKind.MULTIPLE:
            for choice in question.choices.all():
                rows.append(
                    (
                        f"{question.code}_{choice.code}",
                        f"{text} – {choice.label_de}",
                        f"0 = nicht gewählt; 1 = gewählt; {_missing_de(question)}",
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


def _value_columns(question):
    """The columns holding this question's answer (not the "other" texts)."""
    if question.kind == QuestionKind.MULTIPLE:
        return [f"{question.code}_{choice.code}" for choice in question.choices.all()]
    if question.kind == QuestionKind.MATRIX:
        return [row_name(question, row) for row in question.rows.all()]
    return [question.code]


def _cell(answers, kind):
    """One column's value from the answers stored for it (several if over-ticked)."""
    if not answers:
        return int(Missing.NOT_ANSWERED)
    answer = answers[0]
    if answer.missing is not None:
        return answer.missing
    if answer.dont_know:
        return DONT_KNOW_CODE
    if kind == QuestionKind.SINGLE:
        return answer.choice.code
    if kind == QuestionKind.QUARTER:
        return answer.quarter.code if answer.quarter else ""
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER, QuestionKind.MATRIX):
        return answer.value
    return answer.text


@sensitive_variables()
def _response_cells(response, questions, categories=()):
    by_id = {question.pk: question for question in questions}
    cells = {
        "response_id": response.pk,
        "submitted_on": response.submitted_on.isoformat(),
        "language": response.language,
        "channel": response.channel,
        "source": response.source,
        "batch": response.batch,
    }
    given, selected = {}, {}
    for answer in response.answers.all():
        given.setdefault(answer.question_id, []).append(answer)
        if answer.choice_id:
            selected.setdefault(answer.question_id, set()).add(answer.choice_id)
    for question in questions:
        answers = given.get(question.pk, [])
        if not is_visible(question, selected):
            for column in _value_columns(question):
                cells[column] = int(Missing.NOT_SHOWN)
            continue
        for answer in answers:
            if answer.text and answer.choice_id:
                if question.kind == QuestionKind.MULTIPLE:
                    cells[f"{question.code}_{answer.choice.code}_other"] = answer.text
                else:
                    cells[other_name(question)] = answer.text
        if question.kind == QuestionKind.MULTIPLE:
            codes = {answer.missing for answer in answers} - {None}
            ticked = {answer.choice_id for answer in answers}
            for choice in question.choices.all():
                column = f"{question.code}_{choice.code}"
                if codes:
                    cells[column] = min(codes)
                elif answers:
                    cells[column] = int(choice.pk in ticked)
                else:
                    cells[column] = int(Missing.NOT_ANSWERED)
        elif question.kind == QuestionKind.MATRIX:
            for row in question.rows.all():
                on_row = [answer for answer in answers if answer.row_id == row.pk]
                cells[row_name(question, row)] = _cell(on_row, question.kind)
        else:
            cells[question.code] = _cell(answers, question.kind)
            cells[label_name(question)] = _label(answers)
    for category in categories:
        question = category.question
        texts = [a for a in given.get(question.pk, []) if a.text and a.missing is None]
        if not is_visible(by_id[question.pk], selected):
            cells[category_column(category)] = int(Missing.NOT_SHOWN)
        elif not texts:
            cells[category_column(category)] = int(Missing.NOT_ANSWERED)
        else:
            tagged = {tag.category_id for answer in texts for tag in answer.tags.all()}
            cells[category_column(category)] = int(category.pk in tagged)
    return cells


def _label(answers):
    if len(answers) != 1 or answers[0].missing is not None:
        return ""
    answer = answers[0]
    if answer.choice_id:
        return answer.choice.label_de
    if answer.quarter_id:
        return answer.quarter.name
    if answer.dont_know:
        return "außerhalb Heilbronns / weiß nicht"
    return ""


def export_rows(survey, questions, labels=False):
    """Header and one row per response, in the codebook's column order."""
    columns = [row[0] for row in codebook(questions, labels)]
    categories = text_categories(questions)
    by_id = {question.pk: question for question in questions}
    answers = Answer.objects.select_related("choice", "row", "quarter")
    if categories:
        answers = answers.prefetch_related("tags")
    responses = (
        Response.objects.filter(survey=survey)
        .order_by("pk")
        .prefetch_related(Prefetch("answers", queryset=answers))
    )
    yield columns
    for response in responses.iterator(chunk_size=500):
        for answer in response.answers.all():
            answer.question = by_id[answer.question_id]
        cells = _response_cells(response, questions, categories)
        yield [cells.get(column, "") for column in columns]


# Exports hold residents' texts: a traceback's local variables must never show them.
@sensitive_variables()
def _csv(rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 only with a byte order mark
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(safe_row(row) for row in rows)
    return buffer.getvalue().encode()


def export_csv(survey, questions, labels=False):
    return _csv(export_rows(survey, questions, labels))


def codebook_csv(questions, labels=False):
    return _csv([("Spalte", "Frage", "Werte"), *codebook(questions, labels)])


@sensitive_variables()
def export_xlsx(survey, questions, labels=False):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("Antworten")
    for row in export_rows(survey, questions, labels):
        data.append(safe_row(row))
    book = workbook.create_sheet("Codebuch")
    book.append(["Spalte", "Frage", "Werte"])
    for row in codebook(questions, labels):
        book.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@sensitive_variables()
def xlsx_sheets(sheets):
    """An XLSX file of [(sheet name, rows)], every text cell inert."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name[:31])
        for row in rows:
            sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def log_export(survey, user, kind, options=""):
    from survey.models import ExportLog

    return ExportLog.objects.create(survey=survey, user=user, kind=kind, options=options[:200])


# --- Dashboard cache --------------------------------------------------------------------------
# Counting 10,000 responses takes half a second; staff reloading the dashboard while responses
# come in should not pay that each time. So the dashboard keeps its counts, per filter, as sums
# (``_tally``) with what they cover: the number of stored responses and the highest response
# number. A request compares these with the stored responses (one query): nothing new, the kept
# page data; only responses above the highest number new, their tally is added to the kept one;
# anything else (a response committed after one with a higher number, one of another survey
# deleted) counts everything again. A correction or deletion bumps a version every worker
# shares, which starts a new count, so it shows up at once and exactly.


def _responses_version_key(survey_id):
    return f"survey:{survey_id}:responses-version"


def responses_changed(sender, instance, created=False, **kwargs):
    """A response corrected or deleted; a new one raises the highest number by itself."""
    if not created:
        bump_responses_version(instance.survey_id)


def bump_responses_version(survey_id):
    from django.core.cache import cache

    key = _responses_version_key(survey_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def dashboard_data(survey, questions, quarters, filters, search, texts=True):
    from django.core.cache import cache, caches

    from portal.cache import current_version

    key_filters = sorted((name, repr(value)) for name, value in filters.items())
    filter_hash = hashlib.sha256(repr((key_filters, search, texts)).encode())
    changed = cache.get_or_set(_responses_version_key(survey.pk), 1, timeout=None)
    key = f"dashboard:{survey.pk}:{changed}:{current_version()}:{filter_hash.hexdigest()[:24]}"
    kept = caches["pages"].get(key)
    # All surveys' responses: counting them is one pass over the primary key's index.
    stored = Response.all_objects.aggregate(count=Count("pk"), newest=Max("pk"))
    stored["newest"] = stored["newest"] or 0
    if kept is not None and kept["stored"] == stored and get_language() in kept["pages"]:
        return kept["pages"][get_language()]
    if kept is not None and kept["stored"] != stored:
        below = Response.all_objects.filter(pk__lte=kept["stored"]["newest"])
        if below.count() == kept["stored"]["count"]:
            new = filtered_responses(survey, **filters).filter(
                pk__gt=kept["stored"]["newest"], pk__lte=stored["newest"]
            )
            kept = _add_counts(kept, _dashboard_counts(new, search, texts), search)
            kept["stored"] = stored
        else:
            kept = None
    if kept is None:
        responses = filtered_responses(survey, **filters).filter(pk__lte=stored["newest"])
        kept = _dashboard_counts(responses, search, texts)
        kept["stored"] = stored
    data = {
        "total": kept["tally"]["total"],
        "results": _results(questions, quarters, kept["tally"]),
        "breakdowns": {
            **{name: sorted(counts.items()) for name, counts in kept["breakdowns"].items()},
            "quarter": _by_quarter(kept["tally"]["counts"], quarters),
        },
        "texts": _grouped_texts(kept["texts"]),
        "text_count": kept["text_count"],
    }
    kept["pages"] = {**kept.get("pages", {}), get_language(): data}
    caches["pages"].set(key, kept, 3600)
    return data


def _dashboard_counts(responses, search, texts):
    """The sums behind the dashboard for these responses."""
    return {
        "tally": _tally(responses),
        "breakdowns": {
            name: dict(responses.values_list(field).annotate(n=Count("id")).order_by())
            for name, field in (
                ("day", "submitted_on"),
                ("language", "language"),
                ("channel", "channel"),
            )
        },
        "texts": _text_rows(free_text_answers(responses, search), DASHBOARD_TEXTS) if texts else [],
        "text_count": count_free_texts(responses, search) if texts else 0,
    }


def _add_counts(kept, new, search):
    breakdowns = {}
    for name, counts in kept["breakdowns"].items():
        breakdowns[name] = dict(counts)
        for value, n in new["breakdowns"][name].items():
            breakdowns[name][value] = breakdowns[name].get(value, 0) + n
    texts = kept["texts"]
    if new["texts"]:
        # The first texts of all: among the first kept ones and the first new ones, in the
        # database's own order (its collation sorts the neighbourhoods' names).
        pks = [row["pk"] for row in kept["texts"] + new["texts"]]
        texts = _text_rows(Answer.objects.filter(pk__in=pks), DASHBOARD_TEXTS)
    return {
        "tally": _add_tally(kept["tally"], new["tally"]),
        "breakdowns": breakdowns,
        "texts": texts,
        "text_count": kept["text_count"] + new["text_count"],
    }


# The dashboard shows the first free texts; all of them are on the free-text page, paged.
DASHBOARD_TEXTS = 50


def free_text_answers(responses, search=""):
    answers = Answer.objects.filter(response__in=responses).exclude(text="")
    if search:
        answers = answers.filter(text__icontains=search)
    return answers


def count_free_texts(responses, search=""):
    return free_text_answers(responses, search).count()


def only_paper_responses_in_history(sender, instance, **kwargs):
    if instance.channel != Channel.PAPER:
        instance.skip_history_when_saving = True
    elif hasattr(instance, "skip_history_when_saving"):
        del instance.skip_history_when_saving


# --- Waves ------------------------------------------------------------------------------------

_YEAR_AT_END = re.compile(r"\s*[(\[]?\s*(19|20)\d\d\s*[)\]]?\s*$")


def wave_title(title, year):
    """The title with the wave's year at the end (an earlier year there is replaced)."""
    if not title:
        return title
    return f"{_YEAR_AT_END.sub('', title)} {year}"


def _copied_fields(obj, exclude):
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.name not in exclude
    }


def _keep_translation_state(original, copy):
    # A copy is exactly as up to date as its original, no more.
    type(copy).objects.filter(pk=copy.pk).update(translation_state=original.translation_state)


@transaction.atomic
def copy_as_next_wave(survey, *, year, opens_at, closes_at, user=None):
    """A draft copy of the survey as its next wave: questions, options, matrix items, codes,
    conditions and every translation; the year in each language's title; no answers, no results.
    """
    from django.conf import settings
    from django.utils.text import slugify

    from survey.models import Survey, SurveyStatus

    fields = _copied_fields(
        survey,
        {
            "slug",
            "is_current",
            "status",
            "wave",
            "opens_at",
            "closes_at",
            "results_published",
            "paper_entry_until",
            "translation_state",
            "updated_at",
        },
    )
    for code, _name in settings.LANGUAGES:
        fields[f"title_{code}"] = wave_title(fields.get(f"title_{code}"), year)
        fields[f"results_text_{code}"] = ""
    fields["title"] = fields["title_de"]
    fields["results_text"] = ""
    base = slugify(_YEAR_AT_END.sub("", survey.slug.replace("-", " ")).strip()) or "befragung"
    slug, n = f"{base}-{year}", 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{year}-{n}", n + 1
    wave = (Survey.objects.aggregate(Max("wave"))["wave__max"] or 0) + 1
    copy = Survey(
        slug=slug,
        status=SurveyStatus.DRAFT,
        is_current=False,
        wave=wave,
        opens_at=opens_at,
        closes_at=closes_at,
        **fields,
    )
    if user is not None:
        copy._history_user = user
    copy.full_clean()
    copy.save()
    copy.return_centres.set(survey.return_centres.all())
    choice_map, pending_conditions = {}, []
    for question in survey.questions.order_by("position", "pk"):
        new_question = type(question)(
            survey=copy,
            **_copied_fields(
                question, {"survey", "show_if_choice", "translation_state", "updated_at"}
            ),
        )
        new_question.save()
        _keep_translation_state(question, new_question)
        if question.show_if_choice_id:
            pending_conditions.append((new_question, question.show_if_choice_id))
        for choice in question.choices.all():
            new_choice = type(choice)(
                question=new_question,
                **_copied_fields(choice, {"question", "translation_state", "updated_at"}),
            )
            new_choice.save()
            _keep_translation_state(choice, new_choice)
            choice_map[choice.pk] = new_choice
        for row in question.rows.all():
            new_row = type(row)(
                question=new_question,
                **_copied_fields(row, {"question", "translation_state", "updated_at"}),
            )
            new_row.save()
            _keep_translation_state(row, new_row)
    for new_question, choice_id in pending_conditions:
        type(new_question).objects.filter(pk=new_question.pk).update(
            show_if_choice=choice_map[choice_id]
        )
    return copy


@transaction.atomic
def make_current(survey):
    """Makes this the survey /meinQuartier leads to, in one transaction: nobody ever sees the
    portal without a current survey, and there are never two."""
    from django.core.exceptions import ValidationError

    from survey.models import Survey, SurveyStatus

    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.PUBLISHED:
        raise ValidationError(_("A draft survey cannot be the current one. Publish it first."))
    if survey.is_current:
        return survey
    list(Survey.objects.select_for_update().filter(is_current=True))
    Survey.objects.filter(is_current=True).update(is_current=False)
    Survey.objects.filter(pk=survey.pk).update(is_current=True)
    survey.is_current = True
    from portal.cache import invalidate_pages

    invalidate_pages()
    return survey


def store_test_response(survey, answers, *, language):
    """An answer given in the preview: kept apart, never counted, deleted on publication."""
    with transaction.atomic():
        response = Response.all_objects.create(
            survey=survey,
            language=language,
            channel=Channel.ONLINE,
            submitted_on=timezone.localdate(),
            is_test=True,
        )
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(answers)
    return response


# --- Free-text coding ---------------------------------------------------------------------


def tag_texts(chosen, *, user):
    """Sets the categories of each free text to exactly those chosen. Returns how many texts
    changed."""
    from survey.models import TextTag

    changed = 0
    with transaction.atomic():
        for answer, categories in chosen.items():
            current = set(answer.tags.values_list("category_id", flat=True))
            if current == categories:
                continue
            answer.tags.exclude(category_id__in=categories).delete()
            TextTag.objects.bulk_create(
                [
                    TextTag(answer=answer, category_id=category, tagged_by=user)
                    for category in categories - current
                ]
            )
            changed += 1
    return changed


def category_counts(responses, categories, dimension):
    """{category id: {key: n}} of tagged texts by "quarter" or "language", and the keys."""
    from survey.models import TextTag

    tags = TextTag.objects.filter(category__in=categories, answer__response__in=responses)
    if dimension == "language":
        rows = tags.values_list("category_id", "answer__response__language")
    else:
        quarter = Answer.objects.filter(
            response=OuterRef("answer__response_id"), quarter__isnull=False
        ).values("quarter__name")[:1]
        rows = tags.annotate(where=Subquery(quarter)).values_list("category_id", "where")
    counts, keys = {}, set()
    for category_id, key in rows:
        key = key or ""
        counts.setdefault(category_id, {}).setdefault(key, 0)
        counts[category_id][key] += 1
        keys.add(key)
    return counts, sorted(keys)
