"""No page type carries inline styles, scripts or event handlers: the CSP would block them."""

import re

import pytest
from django.test import Client

from bench.weight import LANGUAGES, page_types

pytestmark = pytest.mark.django_db

STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_type_has_an_inline_style_script_or_event_handler(lang, demo_content):
    client = Client()
    for label, path in page_types(lang):
        html = client.get(path).content.decode()
        assert not STYLE_ATTRIBUTE.search(html), (label, STYLE_ATTRIBUTE.search(html).group(0))
        assert not STYLE_ELEMENT.search(html), label
        assert not EVENT_HANDLER.search(html), (label, EVENT_HANDLER.search(html).group(0))
        for attributes in SCRIPT.findall(html):
            assert "src=" in attributes or "application/ld+json" in attributes, (label, attributes)
