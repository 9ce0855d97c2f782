"""Finding entries: synonyms, stems, accents and typos forgiven.

1. The query becomes folded words (search/text.py); an editor's synonym adds an alternative
   ("deutschkurs" → "sprachcafe").
2. An entry matches an alternative when its key contains every word's stem — as a substring, so
   that "cafe" finds "sprachcafe" and "kurse" finds "deutschkurs". On PostgreSQL, German
   full-text search (Snowball stemmer) is one more way to match.
3. Nothing found: words the index does not know are replaced by the most similar known word
   (pg_trgm's similarity(), computed the same way in Python on SQLite) and the search runs again;
   the closest words become "did you mean …".
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from search import text
from search.models import KIND_ORDER, Entry, Synonym, Word

SIMILARITY = 0.45
MAX_CANDIDATES = 400
MAX_SUGGESTIONS = 3
# Words this short only match at the start of a word ("wc", "ag").
SHORT = 2


@dataclass
class Result:
    query: str
    entries: list = field(default_factory=list)
    corrected: str = ""  # the words searched instead when the query had typos
    suggestions: list = field(default_factory=list)
    synonyms: list = field(default_factory=list)


def find(query, language, quarter=None, kind=None):
    words = text.query_words(query)
    result = Result(query=query)
    if not words:
        return result
    base = Entry.objects.visible().filter(language=language)
    if quarter is not None:
        base = base.in_quarter(quarter)
    if kind:
        base = base.filter(kind=kind)
    alternatives, result.synonyms = _alternatives(words)
    result.entries = _match(base, alternatives, query)
    if result.entries:
        return result
    corrected, shown, result.suggestions = _correct(words)
    if corrected != words:
        alternatives, _found = _alternatives(corrected)
        result.entries = _match(base, alternatives, None)
        if result.entries:
            result.corrected = " ".join(shown)
            result.suggestions = []
    return result


def matching_ids(kind, query, language):
    """The ids of the objects of one kind a query finds (the offer list's search box)."""
    return [entry.object_id for entry in find(query, language, kind=kind).entries]


def _alternatives(words):
    """The query's words, and for each synonym a term of which appears in them, the words with
    the term replaced by what the synonym finds."""
    alternatives, used = [words], []
    for synonym in Synonym.objects.all():
        for term in synonym.term_keys():
            start = _position(words, term)
            if start is None:
                continue
            replaced = words[:start] + text.words(synonym.finds) + words[start + len(term) :]
            if replaced not in alternatives:
                # The whole query is a synonym's term: what it finds comes first.
                alternatives.insert(0 if len(term) == len(words) else len(alternatives), replaced)
                used.append(synonym.finds)
            break
    return alternatives, used


def _position(words, term):
    stems = [text.stem(word) for word in words]
    term_stems = [text.stem(word) for word in term]
    for start in range(len(words) - len(term) + 1):
        if stems[start : start + len(term)] == term_stems:
            return start
    return None


def _contains(word):
    stem = text.stem(word)
    if len(stem) <= SHORT:
        return Q(body_key__contains=f" {stem}")
    return Q(body_key__contains=stem)


def _condition(words):
    condition = Q()
    for word in words:
        condition &= _contains(word)
    return condition


def _match(base, alternatives, query):
    condition = Q()
    for words in alternatives:
        condition |= _condition(words)
    queryset = base.filter(condition)
    if query is not None and connection.vendor == "postgresql":
        queryset = base.filter(condition | _full_text(query))
    entries = list(
        queryset.only(
            "object_id", "kind", "title", "snippet", "url", "quarter_names", "title_key",
            "body_key",
        )[:MAX_CANDIDATES]
    )  # fmt: skip
    return sorted(entries, key=lambda entry: _rank(entry, alternatives))


def _full_text(query):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    folded = " ".join(text.query_words(query))
    return Q(
        pk__in=Entry.objects.annotate(document=SearchVector("body_key", config="german"))
        .filter(document=SearchQuery(folded, config="german", search_type="plain"))
        .values("pk")
    )


def _rank(entry, alternatives):
    """Titles that hold the words first, whole words before parts, the query before synonyms;
    then the kinds in their order, then the title."""
    best = 0
    for position, words in enumerate(alternatives):
        score = 0
        for word in words:
            stem = text.stem(word)
            if f" {word} " in entry.title_key:
                score += 4
            elif stem in entry.title_key:
                score += 3
            elif f" {stem}" in entry.body_key:
                score += 1
        best = max(best, score - position)
    return (-best, KIND_ORDER.get(entry.kind, 99), entry.title.lower())


def _correct(words):
    """Each word the index does not hold replaced by the closest one it holds; and the
    closest words as suggestions."""
    corrected, shown, suggestions = [], [], []
    for word in words:
        if len(word) <= 3 or Word.objects.filter(key__contains=text.stem(word)).exists():
            corrected.append(word)
            shown.append(word)
            continue
        close = _similar(word)
        corrected.append(close[0].key if close else word)
        shown.append(close[0].display if close else word)
        suggestions += [w.display for w in close if w.display not in suggestions]
    return corrected, shown, suggestions[:MAX_SUGGESTIONS]


def _similar(word):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return list(
            Word.objects.filter(length__range=(len(word) - 3, len(word) + 3))
            .annotate(similarity=TrigramSimilarity("key", word))
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "key")[:MAX_SUGGESTIONS]
        )
    candidates = Word.objects.filter(length__range=(len(word) - 3, len(word) + 3))
    scored = [(text.similarity(word, w.key), w) for w in candidates.only("key", "display")]
    scored = [(score, w) for score, w in scored if score >= SIMILARITY]
    scored.sort(key=lambda pair: (-pair[0], pair[1].key))
    return [w for _score, w in scored[:MAX_SUGGESTIONS]]
