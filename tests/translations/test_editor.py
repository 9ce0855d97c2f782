"""The admin's editor for six languages: labels, lang/dir, German source and status per input."""

import re

import pytest
from django.urls import reverse

from tests.offers.factories import make_offer
from tests.translations.conftest import translate_all

pytestmark = pytest.mark.django_db


def _input(page, name):
    match = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)
    assert match, name
    return match.group(0)


def test_each_translated_input_has_its_own_label_lang_and_direction(client, redaktion):
    offer = make_offer(title="Nähcafé")
    client.force_login(redaktion)
    page = client.get(reverse("admin:offers_offer_change", args=[offer.pk])).content.decode()
    assert "Titel (Arabisch)" in page
    assert "Titel (Türkisch)" in page
    arabic = _input(page, "title_ar")
    assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic
    turkish = _input(page, "summary_tr")
    assert 'lang="tr"' in turkish and 'dir="ltr"' in turkish


def test_a_translation_shows_its_german_source_and_its_status(client, redaktion):
    offer = translate_all(make_offer(), title="Nähcafé", summary="Gemeinsam nähen.")
    offer.summary_de = "Gemeinsam nähen & flicken."
    offer.title_ar = ""
    offer.save()
    client.force_login(redaktion)
    page = client.get(reverse("admin:offers_offer_change", args=[offer.pk])).content.decode()
    assert "Deutscher Ausgangstext:" in page
    assert "Gemeinsam nähen &amp; flicken." in page
    assert 'data-translation-status="outdated"' in _input(page, "summary_ar")
    assert 'data-translation-status="missing"' in _input(page, "title_ar")
    assert 'data-translation-status="current"' in _input(page, "title_tr")
    assert "Kleine Änderung am deutschen Text" in page
