"""The demo is searchable as loaded: its synonyms (marked as demo) and an index in six
languages, written once at the end of `load_demo`."""

import pytest
from django.conf import settings

from demo.marks import is_demo
from search.models import Entry, Synonym

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(demo_content):
    pass


def _titles(client, language, q):
    return [entry.title for entry in client.get(f"/{language}/suche/", {"q": q}).context["page"]]


def test_the_demo_synonyms_are_marked_as_demo_and_have_terms_in_six_languages():
    synonyms = list(Synonym.objects.all())
    assert synonyms
    assert all(is_demo(synonym) for synonym in synonyms)
    for code, _name in settings.LANGUAGES:
        assert all(getattr(synonym, f"terms_{code}") for synonym in synonyms), code


def test_the_index_holds_every_language():
    languages = set(Entry.objects.values_list("language", flat=True))
    assert languages == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize(
    ("language", "query", "first"),
    [
        ("de", "Deutschkurs", "Sprachcafé"),
        ("de", "Nachhilfe", "Hausaufgabenhilfe für Grundschulkinder"),
        ("tr", "Almanca kursu", "Dil Kafe"),
        ("ar", "تعلم الألمانية", "مقهى اللغة"),
        ("de", "Bökingen", "Böckingen"),
    ],
)
def test_residents_words_find_the_demo_content(client, language, query, first):
    assert _titles(client, language, query)[0] == first
