"""Importing the city's street directory from CSV: read and check the file (the preview), then
replace the directory or the streets the file names in one transaction (the import).

The admin (upload → preview → confirm) and `manage.py import_streets` both call
read_directory() and import_directory(); nothing else writes street sections in bulk.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from centers import streets
from centers.models import Parity, Quarter, StreetSection
from portal.cache import invalidate_pages
from portal.lib.spreadsheets import FORMULA_START
from portal.lib.text import one_line
from portal.lib.uploads import read_text_upload

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
# A real street has a handful of sections; more would make the overlap check slow.
MAX_SECTIONS_PER_STREET = 200
MAX_CELL = 120

# Column names as the city's export may spell them, folded like street names.
COLUMNS = {
    "street": {"street", "strasse", "strassenname", "name"},
    "from": {"from", "von", "hausnummervon", "hnrvon", "nrvon"},
    "to": {"to", "bis", "hausnummerbis", "hnrbis", "nrbis"},
    "parity": {"parity", "paritaet", "seite", "geradeungerade"},
    "postcode": {"postcode", "plz", "postleitzahl"},
    "quarter": {"quarter", "quartier", "stadtteil", "neighbourhood"},
}
REQUIRED = ("street", "quarter")
PARITIES = {
    "": Parity.ALL,
    "all": Parity.ALL,
    "alle": Parity.ALL,
    "beide": Parity.ALL,
    "even": Parity.EVEN,
    "gerade": Parity.EVEN,
    "g": Parity.EVEN,
    "odd": Parity.ODD,
    "ungerade": Parity.ODD,
    "u": Parity.ODD,
}


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class Directory:
    """A read file: the sections it describes and what is wrong with it."""

    sections: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def importable(self):
        return bool(self.sections) and not self.errors

    @property
    def street_count(self):
        return len({section.street_key for section in self.sections})

    def per_quarter(self):
        counts = {}
        for section in self.sections:
            counts[section.quarter] = counts.get(section.quarter, 0) + 1
        return sorted(counts.items(), key=lambda item: item[0].name)


def read_directory(upload):
    """A Directory from an uploaded file or bytes; never raises for what a file contains."""
    from django.core.exceptions import ValidationError

    try:
        text = read_text_upload(upload, MAX_BYTES)
    except ValidationError as error:
        return Directory(errors=[RowError(0, message) for message in error.messages])
    return read_text(text)


def read_text(text):
    """A Directory from the decoded text of a file (the preview's confirmation reads it again,
    so a neighbourhood renamed meanwhile is noticed)."""
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        return Directory(errors=[RowError(0, _("The file contains no streets."))])
    delimiter = max(";,\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    directory = Directory()
    try:
        columns = _columns(next(reader, []), directory)
        if columns is None:
            return directory
        quarters = _quarters()
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if reader.line_num > MAX_ROWS + 1:
                directory.errors.append(
                    RowError(
                        reader.line_num,
                        _("The file has more than %(max)d rows; please split it.")
                        % {"max": MAX_ROWS},
                    )
                )
                return directory
            _read_row(reader.line_num, cells, columns, quarters, directory)
    except csv.Error:
        directory.errors.append(
            RowError(reader.line_num, _("This line cannot be read (broken quotation marks?)."))
        )
        return directory
    _check_overlaps(directory)
    if not directory.sections and not directory.errors:
        directory.errors.append(RowError(0, _("The file contains no streets.")))
    return directory


def _columns(header, directory):
    found = {}
    for index, cell in enumerate(header):
        name = streets.street_key(cell)
        for column, spellings in COLUMNS.items():
            if name in spellings and column not in found:
                found[column] = index
    missing = [column for column in REQUIRED if column not in found]
    if missing:
        directory.errors.append(
            RowError(
                1,
                _(
                    "The first line must name the columns street;from;to;parity;postcode;quarter "
                    "(missing: %(columns)s)."
                )
                % {"columns": ", ".join(missing)},
            )
        )
        return None
    return found


def _quarters():
    """Each neighbourhood under its name, its slug and its folded name ("Boeckingen")."""
    found = {}
    for quarter in Quarter.objects.all():
        for spelling in (quarter.name.casefold(), quarter.slug, streets.street_key(quarter.name)):
            found.setdefault(spelling, quarter)
    return found


def _cell(cells, columns, column):
    index = columns.get(column)
    if index is None or index >= len(cells):
        return ""
    return one_line(cells[index])


def _read_row(line, cells, columns, quarters, directory):
    values = {column: _cell(cells, columns, column) for column in COLUMNS}
    problems = []
    for column, value in values.items():
        if value.startswith(FORMULA_START):
            problems.append(
                _("Column %(column)s looks like a spreadsheet formula: %(value)s")
                % {"column": column, "value": value[:40]}
            )
        elif len(value) > MAX_CELL:
            problems.append(
                _("Column %(column)s is too long (at most %(max)d characters).")
                % {"column": column, "max": MAX_CELL}
            )
    if problems:
        directory.errors.extend(RowError(line, problem) for problem in problems)
        return
    numbers = {}
    for column in ("from", "to"):
        try:
            numbers[column] = streets.parse_number(values[column])
        except ValueError:
            problems.append(
                _("“%(value)s” in column %(column)s is not a house number.")
                % {"value": values[column], "column": column}
            )
    parity = PARITIES.get(values["parity"].casefold())
    if parity is None:
        problems.append(
            _("“%(value)s” in column parity: please write all, even or odd.")
            % {"value": values["parity"]}
        )
    if values["postcode"] and not streets.is_postcode(values["postcode"]):
        problems.append(str(streets.POSTCODE_MESSAGE))
    quarter = quarters.get(values["quarter"].casefold()) or quarters.get(
        streets.street_key(values["quarter"])
    )
    if not values["quarter"]:
        problems.append(_("The neighbourhood is missing."))
    elif quarter is None:
        problems.append(
            _("There is no neighbourhood “%(value)s” on the portal.") % {"value": values["quarter"]}
        )
    if not problems:
        problem = streets.section_problem(values["street"], numbers["from"], numbers["to"])
        if problem:
            problems.append(str(problem[1]))
    if problems:
        directory.errors.extend(RowError(line, problem) for problem in problems)
        return
    section = StreetSection(
        street=values["street"],
        street_key=streets.street_key(values["street"]),
        number_from=numbers["from"],
        number_to=numbers["to"],
        parity=parity,
        postcode=values["postcode"],
        quarter=quarter,
    )
    section.line = line
    directory.sections.append(section)


def _check_overlaps(directory):
    by_street = {}
    for section in directory.sections:
        by_street.setdefault(section.street_key, []).append(section)
    for sections in by_street.values():
        if len(sections) > MAX_SECTIONS_PER_STREET:
            directory.errors.append(
                RowError(
                    sections[0].line,
                    _("%(street)s has more than %(max)d sections.")
                    % {"street": sections[0].street, "max": MAX_SECTIONS_PER_STREET},
                )
            )
            continue
        for index, section in enumerate(sections):
            for earlier in sections[:index]:
                if streets.overlap(section, earlier):
                    directory.errors.append(
                        RowError(
                            section.line,
                            _(
                                "The house numbers overlap with line %(line)d "
                                "(%(section)s, %(quarter)s)."
                            )
                            % {
                                "line": earlier.line,
                                "section": earlier,
                                "quarter": earlier.quarter,
                            },
                        )
                    )
                    break
    directory.errors.sort(key=lambda error: error.line)


@dataclass
class ImportResult:
    created: int
    removed: int


@transaction.atomic
def import_directory(directory, replace_all):
    """Stores a checked directory: replaces the whole directory (replace_all) or only the
    streets the file names, so a file of corrections leaves every other street as it is."""
    if not directory.importable:
        raise ValueError("A directory with errors is never imported.")
    if replace_all:
        removed, _per_model = StreetSection.objects.all().delete()
    else:
        keys = sorted({section.street_key for section in directory.sections})
        removed = 0
        for start in range(0, len(keys), 500):
            count, _per_model = StreetSection.objects.filter(
                street_key__in=keys[start : start + 500]
            ).delete()
            removed += count
    StreetSection.objects.bulk_create(directory.sections, batch_size=500)
    invalidate_pages()  # bulk_create sends no post_save signal
    return ImportResult(created=len(directory.sections), removed=removed)
