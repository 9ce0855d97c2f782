"""Text search: PostgreSQL full-text search (German configuration), icontains elsewhere."""

from django.db import connection
from django.db.models import Q

FIELDS = ("title", "summary", "description")


def _fields(language):
    names = [f"{field}_de" for field in FIELDS]
    if language and language != "de":
        names += [f"{field}_{language}" for field in FIELDS]
    return names


def search_offers(queryset, text, language):
    text = (text or "").strip()[:200]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return _postgres(queryset, text, language)
    condition = Q()
    for name in _fields(language):
        condition |= Q(**{f"{name}__icontains": text})
    return queryset.filter(condition)


def _postgres(queryset, text, language):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    german = SearchVector(*[f"{field}_de" for field in FIELDS], config="german")
    query = SearchQuery(text, config="german", search_type="websearch")
    condition = Q(_search_de=query)
    annotations = {"_search_de": german}
    if language and language != "de":
        # Other languages have no stemming dictionary we can rely on: the simple configuration.
        annotations["_search_local"] = SearchVector(
            *[f"{field}_{language}" for field in FIELDS], config="simple"
        )
        condition |= Q(_search_local=SearchQuery(text, config="simple", search_type="websearch"))
    # Substring match catches parts of compound words ("Café" in "Sprachcafé").
    for name in _fields(language)[:2] + ([f"title_{language}"] if language != "de" else []):
        condition |= Q(**{f"{name}__icontains": text})
    return queryset.annotate(**annotations).filter(condition)
