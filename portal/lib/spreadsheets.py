"""Cells for every CSV and XLSX export: text stays text, whatever a resident or editor typed."""

import re

# OWASP "CSV Injection": a cell starting with one of these may be run as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 forbids these characters, so openpyxl refuses them; tab, line feed and CR are allowed.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def safe_cell(value):
    """A cell a spreadsheet shows as inert text, with the original still readable.

    Text loses the characters no spreadsheet can hold and gets a leading apostrophe when it
    would start a formula; numbers and dates pass unchanged, None becomes an empty cell.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = _NOT_IN_XML.sub("", value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def safe_row(values):
    return [safe_cell(value) for value in values]
