"""Statistical exports of the survey: SPSS (.sav), Stata (.dta), R, labelled CSV/XLSX and the
codebook in German and English.

All of them are built from one list of variables (``variables``), in the column order of the
CSV export (``services.export_rows``): name, label, type, condition, value labels and missing
codes in both languages. R reads the .sav with ``haven::read_sav()`` (labels as
``haven_labelled``); for those who prefer the CSV, ``r_script`` writes a script that reads it
and sets factor labels and the missing codes to NA.
"""

import os
import tempfile
from dataclasses import dataclass, field

from django.views.decorators.debug import sensitive_variables

from survey.models import Missing, QuestionKind
from survey.services import (
    DONT_KNOW_CODE,
    category_column,
    export_rows,
    load_quarters,
    other_name,
    row_name,
    text_categories,
)

MISSING = {
    Missing.NOT_SHOWN: ("nicht gezeigt (Filterfrage)", "not shown (skipped by an earlier answer)"),
    Missing.NOT_ANSWERED: ("keine Angabe", "not answered"),
    Missing.SEVERAL: ("mehrere angekreuzt", "several ticked"),
    Missing.UNREADABLE: ("unleserlich", "unreadable"),
}
KIND_NAMES = {
    QuestionKind.SINGLE: ("Einfachauswahl", "single choice"),
    QuestionKind.MULTIPLE: ("Mehrfachauswahl (0/1 je Antwort)", "multiple choice (0/1 per option)"),
    QuestionKind.SCALE: ("Skala", "scale"),
    QuestionKind.MATRIX: ("Matrix (Skala je Zeile)", "matrix (scale per item)"),
    QuestionKind.TEXT: ("Freitext", "free text"),
    QuestionKind.NUMBER: ("Zahl", "number"),
    QuestionKind.QUARTER: ("Quartier (Codeliste)", "neighbourhood (code list)"),
}
DE, EN = 0, 1
LANGUAGES = {"de": DE, "en": EN}


@dataclass
class Variable:
    name: str
    label: tuple  # (German, English)
    numeric: bool = True
    kind: tuple = ("", "")
    condition: tuple = ("", "")
    values: dict = field(default_factory=dict)  # code -> (German, English)
    missing: tuple = ()

    def text(self, language):
        return self.label[LANGUAGES[language]]

    def value_labels(self, language):
        index = LANGUAGES[language]
        labels = {code: pair[index] for code, pair in self.values.items()}
        for code in self.missing:
            labels[int(code)] = MISSING[code][index]
        return labels


def _both(obj, name):
    german = getattr(obj, f"{name}_de") or ""
    return (german, getattr(obj, f"{name}_en") or german)


def _missing_codes(question):
    codes = [Missing.NOT_ANSWERED, Missing.UNREADABLE]
    if question.kind not in (QuestionKind.TEXT, QuestionKind.NUMBER):
        codes.insert(1, Missing.SEVERAL)
    if question.show_if_choice_id:
        codes.insert(0, Missing.NOT_SHOWN)
    return tuple(codes)


def _condition(question):
    choice = question.show_if_choice
    if choice is None:
        return ("", "")
    german, english = _both(choice, "label")
    parent = choice.question.code
    return (
        f"nur wenn {parent} = {choice.code} ({german})",
        f"only if {parent} = {choice.code} ({english})",
    )


def _scale_values(question):
    values = {}
    if question.scale_min_label_de:
        values[question.scale_min] = _both(question, "scale_min_label")
    if question.scale_max_label_de:
        values[question.scale_max] = _both(question, "scale_max_label")
    if question.allow_dont_know:
        values[DONT_KNOW_CODE] = ("weiß nicht", "don't know")
    return values


def quarter_values():
    values = {
        quarter.code: (quarter.name, quarter.name)
        for quarter in sorted(load_quarters(), key=lambda q: q.code or 0)
        if quarter.code is not None
    }
    values[DONT_KNOW_CODE] = ("außerhalb Heilbronns / weiß nicht", "outside Heilbronn / don't know")
    return values


FIXED = [
    Variable("response_id", ("Laufende Nummer der Antwort", "Running number of the response")),
    Variable(
        "submitted_on",
        ("Datum der Abgabe (JJJJ-MM-TT)", "Date submitted (YYYY-MM-DD)"),
        numeric=False,
    ),
    Variable(
        "language", ("Sprache des Fragebogens", "Language of the questionnaire"), numeric=False
    ),
    Variable("channel", ("Weg der Teilnahme", "Channel (online, paper)"), numeric=False),
    Variable("source", ("Abgabestelle (nur Papier)", "Place handed in (paper only)"), False),
    Variable("batch", ("Stapelnummer (nur Papier)", "Batch number (paper only)"), numeric=False),
]


def variables(questions):
    """Every column of the export (codes), described in German and English."""
    result = list(FIXED)
    for question in questions:
        text = _both(question, "text")
        common = {
            "kind": KIND_NAMES[question.kind],
            "condition": _condition(question),
            "missing": _missing_codes(question),
        }
        if question.kind == QuestionKind.MULTIPLE:
            for choice in question.choices.all():
                label = _both(choice, "label")
                result.append(
                    Variable(
                        f"{question.code}_{choice.code}",
                        (f"{text[DE]} – {label[DE]}", f"{text[EN]} – {label[EN]}"),
                        values={0: ("nicht gewählt", "not chosen"), 1: ("gewählt", "chosen")},
                        **common,
                    )
                )
                if choice.is_other:
                    result.append(_other(f"{question.code}_{choice.code}_other", text, common))
        elif question.kind == QuestionKind.MATRIX:
            for row in question.rows.all():
                label = _both(row, "label")
                result.append(
                    Variable(
                        row_name(question, row),
                        (f"{text[DE]} – {label[DE]}", f"{text[EN]} – {label[EN]}"),
                        values=_scale_values(question),
                        **common,
                    )
                )
        else:
            values = {}
            if question.kind == QuestionKind.SINGLE:
                values = {c.code: _both(c, "label") for c in question.choices.all()}
            elif question.kind == QuestionKind.SCALE:
                values = _scale_values(question)
            elif question.kind == QuestionKind.QUARTER:
                values = quarter_values()
            numeric = question.kind != QuestionKind.TEXT
            result.append(Variable(question.code, text, numeric=numeric, values=values, **common))
            if question.kind == QuestionKind.SINGLE and any(
                c.is_other for c in question.choices.all()
            ):
                result.append(_other(other_name(question), text, common))
    for category in text_categories(questions):
        text = _both(category.question, "text")
        result.append(
            Variable(
                category_column(category),
                (
                    f"{text[DE]} – Kategorie: {category.name}",
                    f"{text[EN]} – category: {category.name}",
                ),
                kind=("Kategorie der Auswertung (0/1)", "evaluators' category (0/1)"),
                values={0: ("nicht zugeordnet", "not assigned"), 1: ("zugeordnet", "assigned")},
                missing=(Missing.NOT_SHOWN, Missing.NOT_ANSWERED),
            )
        )
    return result


def _other(name, text, common):
    return Variable(
        name,
        (f"{text[DE]} – Sonstiges: Angabe", f"{text[EN]} – other: text"),
        numeric=False,
        kind=("Freitext", "free text"),
        condition=common["condition"],
    )


# --- Files ------------------------------------------------------------------------------------


@sensitive_variables()
def labelled_rows(survey, questions, language="de"):
    """The export with the answers' labels instead of their codes (missing codes as words)."""
    described = variables(questions)
    rows = export_rows(survey, questions)
    header = next(rows)
    by_name = {variable.name: variable for variable in described}
    labels = [by_name[name].value_labels(language) if name in by_name else {} for name in header]
    yield [by_name[name].text(language) if name in by_name else name for name in header]
    for row in rows:
        yield [
            labels[index].get(value, value) if isinstance(value, int) else value
            for index, value in enumerate(row)
        ]


@sensitive_variables()
def _frame(survey, questions, described):
    import pandas as pd

    rows = export_rows(survey, questions)
    header = next(rows)
    assert header == [variable.name for variable in described]
    columns = {name: [] for name in header}
    for row in rows:
        for name, value in zip(header, row, strict=True):
            columns[name].append(value)
    frame = {}
    for variable in described:
        values = columns[variable.name]
        if variable.numeric:
            frame[variable.name] = pd.to_numeric(
                pd.Series([None if value in ("", None) else value for value in values]),
                errors="coerce",
            ).astype("float64")
        else:
            frame[variable.name] = pd.Series(
                ["" if value is None else str(value) for value in values], dtype="object"
            )
    return pd.DataFrame(frame, columns=header)


def _write(writer, suffix, **kwargs):
    handle, path = tempfile.mkstemp(suffix=suffix)
    os.close(handle)
    try:
        writer(dst_path=path, **kwargs)
        with open(path, "rb") as written:
            return written.read()
    finally:
        os.unlink(path)


@sensitive_variables()
def spss(survey, questions, language="de"):
    """An SPSS .sav with variable labels, value labels and the missing codes declared."""
    import pyreadstat

    described = variables(questions)
    frame = _frame(survey, questions, described)
    return _write(
        pyreadstat.write_sav,
        ".sav",
        df=frame,
        column_labels=[variable.text(language) for variable in described],
        variable_value_labels={
            v.name: {float(code): label for code, label in v.value_labels(language).items()}
            for v in described
            if v.numeric and v.value_labels(language)
        },
        missing_ranges={
            v.name: [{"lo": float(min(v.missing)), "hi": float(max(v.missing))}]
            for v in described
            if v.numeric and v.missing
        },
    )


@sensitive_variables()
def stata(survey, questions, language="de"):
    """A Stata .dta with variable labels (80 characters, Stata's limit) and value labels."""
    import pyreadstat

    described = variables(questions)
    frame = _frame(survey, questions, described)
    return _write(
        pyreadstat.write_dta,
        ".dta",
        df=frame,
        column_labels=[variable.text(language)[:80] for variable in described],
        variable_value_labels={
            v.name: {code: label[:80] for code, label in v.value_labels(language).items()}
            for v in described
            if v.numeric and v.value_labels(language)
        },
        version=15,
    )


def _r_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def r_script(survey, questions, csv_name, language="de"):
    """An R script that reads the CSV export (codes) and makes labelled factors of it; the
    missing codes become NA."""
    described = variables(questions)
    lines = [
        f"# {survey.title}: read the CSV export into R with labels.",
        "# Alternatively: haven::read_sav() reads the SPSS export with all labels.",
        f'd <- read.csv2({_r_string(csv_name)}, fileEncoding = "UTF-8-BOM",',
        "               stringsAsFactors = FALSE, check.names = FALSE)",
    ]
    for variable in described:
        name = _r_string(variable.name)
        if variable.missing and variable.numeric:
            codes = ", ".join(str(int(code)) for code in variable.missing)
            lines.append(f"d[[{name}]][d[[{name}]] %in% c({codes})] <- NA")
        index = LANGUAGES[language]
        labels = {code: pair[index] for code, pair in variable.values.items()}
        if variable.numeric and labels and variable.kind[DE] != "Skala":
            levels = ", ".join(str(code) for code in labels)
            names = ", ".join(_r_string(label) for label in labels.values())
            lines.append(
                f"d[[{name}]] <- factor(d[[{name}]], levels = c({levels}), labels = c({names}))"
            )
        lines.append(f'attr(d[[{name}]], "label") <- {_r_string(variable.text(language))}')
    return ("\n".join(lines) + "\n").encode()


CODEBOOK_HEADER = {
    "de": ["Spalte", "Frage", "Fragetyp", "Bedingung", "Werte", "Fehlende Werte"],
    "en": ["Column", "Question", "Question type", "Condition", "Values", "Missing values"],
}
QUARTER_HEADER = {"de": ["Code", "Quartier"], "en": ["Code", "Neighbourhood"]}


def codebook_rows(questions, language="de"):
    index = LANGUAGES[language]
    yield CODEBOOK_HEADER[language]
    for variable in variables(questions):
        values = "; ".join(f"{code} = {pair[index]}" for code, pair in variable.values.items())
        if not values and variable.kind[DE] == "Zahl":
            values = "Zahl" if language == "de" else "number"
        missing = "; ".join(f"{int(code)} = {MISSING[code][index]}" for code in variable.missing)
        yield [
            variable.name,
            variable.text(language),
            variable.kind[index],
            variable.condition[index],
            values,
            missing,
        ]


def quarter_rows(language="de"):
    yield QUARTER_HEADER[language]
    for code, pair in quarter_values().items():
        yield [code, pair[LANGUAGES[language]]]


def codebook_xlsx(questions, language="de"):
    from survey.services import xlsx_sheets

    names = {"de": ("Codebuch", "Quartiere"), "en": ("Codebook", "Neighbourhoods")}[language]
    return xlsx_sheets(
        [(names[0], codebook_rows(questions, language)), (names[1], quarter_rows(language))]
    )


def read_back(body, suffix):
    """Reads a .sav or .dta back (for checking an export): (data frame, metadata)."""
    import pyreadstat

    reader = pyreadstat.read_sav if suffix == ".sav" else pyreadstat.read_dta
    handle, path = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(handle, "wb") as written:
        written.write(body)
    try:
        return reader(path, user_missing=True) if suffix == ".sav" else reader(path)
    finally:
        os.unlink(path)
