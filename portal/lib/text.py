"""Plain text for machine formats (iCalendar, CSV, JSON-LD): no control characters, and one
line where the format needs one.

Editors and residents paste text from everywhere; a stray bell character or a line break in a
title must not break a calendar feed or a spreadsheet (issue 17).
"""

import re

# C0 and C1 control characters and DEL, except tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|[\r\n\x85\u2028\u2029])\s*")


def without_control_characters(text):
    """The text with line breaks kept (as \\n) and every other control character removed."""
    if text is None:
        return ""
    text = _CONTROL.sub("", str(text))
    return _LINE_BREAKS.sub("\n", text).replace("\t", " ")


def one_line(text):
    """The text on one line: control characters removed, line breaks become spaces."""
    return " ".join(without_control_characters(text).split())
