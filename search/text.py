"""Search keys: the same normalisation for what is stored and what residents type.

Folding and stemming happen here, in Python, so that SQLite and PostgreSQL compare the same
strings and give the same results; PostgreSQL adds its German full-text search and pg_trgm on top
(search/engine.py).
"""

import re
import unicodedata

# Arabic letters that are written in several forms; residents type either.
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_SPECIAL = str.maketrans({"ß": "ss", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l"})
# Umlauts typed without the dots on a foreign keyboard: "Boeckingen", "Hausaufgabenhilfe".
_UMLAUT_SPELLING = re.compile(r"(?<=[a-z])([aou])e")
_WORD = re.compile(r"[^\W_]+")

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8

_FILLERS = """der die das den dem des ein eine einen einem einer und oder in im am an auf fur mit
    von zu zum zur bei ist the a an and or of for in on at to with"""
STOPWORDS = frozenset(_FILLERS.split())  # noqa: SIM905 -- easier to read as words
# Inflection endings stripped from the words residents type (Kurse → Kurs, Kindern → Kind):
# enough for the portal's German without a dictionary.
_SUFFIXES = ("ern", "em", "en", "er", "es", "e", "n", "s")
_MIN_STEM = 4


def fold(text):
    """Lower case, no accents or umlauts, one spelling for Arabic letter variants."""
    text = (text or "").replace("\x00", " ").lower().translate(_SPECIAL).translate(_ARABIC)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return _UMLAUT_SPELLING.sub(r"\1", text)


def words(text):
    return _WORD.findall(fold(text))


def original_words(text):
    """The words as written, for "did you mean …" suggestions."""
    return _WORD.findall((text or "").replace("\x00", " "))


def key(text):
    """What is stored and searched: folded words between spaces, so " word" finds a word start."""
    return " " + " ".join(words(text)) + " "


def stem(word):
    if not word.isascii():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def query_words(text):
    """The folded words of a query, without filler words (unless there is nothing else)."""
    found = words((text or "")[:MAX_QUERY_LENGTH])
    meaningful = [word for word in found if word not in STOPWORDS and len(word) > 1]
    return (meaningful or found)[:MAX_QUERY_WORDS]


def trigrams(word):
    """pg_trgm's trigrams of one word (two spaces before, one after), for the same similarity
    on SQLite as PostgreSQL's similarity()."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(first, second):
    a, b = trigrams(first), trigrams(second)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)
