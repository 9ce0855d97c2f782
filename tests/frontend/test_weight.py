"""Every public page type stays light: HTML at most 60 KB, rendered on the demo content."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bench.weight import HTML_LIMIT, LANGUAGES, page_types
from offers.models import Offer

pytestmark = pytest.mark.django_db

EXPECTED = {
    "home",
    "neighbourhood list",
    "neighbourhood page",
    "centres overview",
    "centre page",
    "contact page",
    "activities + filters",
    "activity page",
    "this week",
    "weekly plan",
    "open data",
    "suggest an activity",
    "survey landing",
    "questionnaire",
    "paper questionnaire",
    "legal notice",
    "privacy",
    "accessibility",
    "easy read",
}


@pytest.fixture
def demo(demo_content):
    """The demo content shared by this module's tests (tests/conftest.py)."""


def test_the_page_list_covers_every_public_page_type_in_german_and_arabic(demo):
    for lang in LANGUAGES:
        labels = {label for label, _path in page_types(lang)}
        assert labels >= EXPECTED, EXPECTED - labels


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_renders_with_at_most_60_kb_of_html(demo, lang):
    client = Client()
    sizes = {}
    for label, path in page_types(lang):
        response = client.get(path)
        assert response.status_code == 200, (label, path, response.status_code)
        sizes[label] = len(response.content)
    too_big = {label: size for label, size in sizes.items() if size > HTML_LIMIT}
    assert not too_big, too_big


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_full_page_of_activities_stays_under_60_kb(demo, lang):
    assert Offer.objects.published().count() >= settings.OFFERS_PER_PAGE
    with translation.override(lang):
        url = reverse("offers:list")
    response = Client().get(url)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == settings.OFFERS_PER_PAGE
    assert len(response.content) <= HTML_LIMIT
