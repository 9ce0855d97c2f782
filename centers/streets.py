"""The street directory's rules, free of the database: how a typed street is matched, which
house numbers a section holds, when two sections clash, which names are close to a typo."""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MAX_NUMBER = 99999
POSTCODE_MESSAGE = _("A postcode has five digits, e.g. 74072.")

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
# Arabic-Indic and Persian digits typed on an Arabic keyboard count as 0–9.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# Abbreviations people write for the last word of a street name.
_SUFFIXES = {"str": "strasse", "pl": "platz"}
_TRAILING_NUMBER = re.compile(r"^(?P<street>.*?\D)[\s,]*(?P<number>\d{1,5}\s*[a-z]?)\s*$", re.I)
_NUMBER = re.compile(r"^\s*(\d{1,5})\s*(?:[a-z]|/\d{1,3})?\s*$", re.I)


def ascii_digits(text):
    return (text or "").translate(_DIGITS)


def street_key(name):
    """What a street is matched by: "Ludwigsburger Str.", "ludwigsburger-strasse" and
    "Ludwigsburger Straße" all give "ludwigsburgerstrasse"."""
    text = unicodedata.normalize("NFKC", ascii_digits(name)).casefold().translate(_UMLAUTS)
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    words = re.findall(r"[a-z0-9]+", text)
    if words:
        last = words[-1]
        for short, full in _SUFFIXES.items():
            if last.endswith(short):
                words[-1] = last[: -len(short)] + full
                break
    return "".join(words)[:120]


def split_number(text):
    """("Ludwigsburger Str.", "18a") from "Ludwigsburger Str. 18a"; (text, "") without one."""
    text = ascii_digits(text).strip()
    match = _TRAILING_NUMBER.match(text)
    if not match:
        return text, ""
    return match["street"].strip(" ,"), match["number"].replace(" ", "")


def parse_number(text):
    """18 from "18", "18a", "18 B" or "18/1"; None when empty; ValueError when not a number."""
    text = ascii_digits(text).strip()
    if not text:
        return None
    match = _NUMBER.match(text)
    if not match or not 1 <= int(match[1]) <= MAX_NUMBER:
        raise ValueError(text)
    return int(match[1])


def is_postcode(text):
    return len(text) == 5 and text.isascii() and text.isdigit()


def numbers_label(start, end, parity):
    """ "2–40, even numbers", "from 41", "" for the whole street; digits stay 0–9."""
    if start and end:
        numbers = f"{start}–{end}"
    elif start:
        numbers = gettext("from {start}").format(start=start)
    elif end:
        numbers = gettext("up to {end}").format(end=end)
    else:
        numbers = ""
    kind = {"even": gettext("even numbers"), "odd": gettext("odd numbers")}.get(parity, "")
    if numbers and kind:
        return gettext("{numbers}, {kind}").format(numbers=numbers, kind=kind)
    return numbers or kind


def covers(section, number):
    """Whether house number `number` lies in the section (anything with number_from,
    number_to and parity)."""
    if section.parity == "even" and number % 2:
        return False
    if section.parity == "odd" and not number % 2:
        return False
    return (section.number_from or 0) <= number <= (section.number_to or MAX_NUMBER)


def overlap(first, second):
    """Whether two sections of the same street both claim some house number. Sections with
    different postcodes are different streets of the same name (Hauptstraße in two districts)."""
    if first.postcode and second.postcode and first.postcode != second.postcode:
        return False
    if "all" not in (first.parity, second.parity) and first.parity != second.parity:
        return False
    first_start, first_end = first.number_from or 0, first.number_to or MAX_NUMBER
    second_start, second_end = second.number_from or 0, second.number_to or MAX_NUMBER
    return first_start <= second_end and second_start <= first_end


def section_problem(street, start, end):
    """(field, message) for a section that cannot be right, None when it can."""
    if not street_key(street):
        return "street", _("Please enter the name of the street.")
    if start and end and start > end:
        return "number_to", _("The last house number must not be smaller than the first.")
    return None


def suggestions(typed, names, limit=5):
    """Street names close to what was typed: those containing it first, then similar ones."""
    key = street_key(typed)
    if not key:
        return []
    by_key = {street_key(name): name for name in names}
    containing = [name for k, name in by_key.items() if len(key) >= 4 and key in k]
    similar = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.7)
    found = containing + [by_key[k] for k in similar if by_key[k] not in containing]
    return found[:limit]


@dataclass
class Lookup:
    """What the directory says about a typed street and house number."""

    street: str = ""
    number: int | None = None
    sections: list = field(default_factory=list)

    @property
    def known(self):
        return bool(self.sections)

    @property
    def matches(self):
        if self.number is None:
            return self.sections
        return [section for section in self.sections if covers(section, self.number)]

    @property
    def quarters(self):
        """The neighbourhoods the matching sections lie in, each once, in directory order."""
        found = {}
        for section in self.matches:
            found.setdefault(section.quarter_id, section.quarter)
        return list(found.values())

    @property
    def quarter(self):
        quarters = self.quarters
        return quarters[0] if len(quarters) == 1 else None

    @property
    def needs_number(self):
        """Several neighbourhoods, and a house number would tell them apart (not only the
        postcode, as for two streets of the same name in different districts)."""
        return (
            self.number is None
            and len(self.quarters) > 1
            and any(s.number_from or s.number_to or s.parity != "all" for s in self.sections)
        )

    @property
    def number_not_listed(self):
        return self.number is not None and self.known and not self.matches
