"""Forms render Django's widget templates in their Jinja2 versions (portal/lib/forms.py): the
admin's change forms and the residents' forms must come out as they do with Django's template
language, down to every attribute and value. Only how a quote is written and how much white
space stands where one space would do may differ."""

import html
import re

import pytest
from django.forms import renderers
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_centre
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

CHANGING = re.compile(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"')
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # a new one's
SPACE = re.compile(r"\s+")
BETWEEN_TAGS = re.compile(r"> <")


def _page(client, url, renderer):
    with override_settings(FORM_RENDERER=renderer):
        renderers.get_default_renderer.cache_clear()
        try:
            return client.get(url).content.decode()
        finally:
            renderers.get_default_renderer.cache_clear()


def _comparable(page):
    page = html.unescape(UUID.sub("uuid", CHANGING.sub(r"\1", page)))
    return BETWEEN_TAGS.sub("><", SPACE.sub(" ", page))


def test_jinja2_widgets_render_what_django_templates_render(admin_client):
    centre = make_centre(slug="boeckingen")
    offer = make_offer(
        centre=centre,
        title="Sprachcafé „Miteinander“ – Anna's <Treff>",
        description="<p>Kaffee & Kuchen</p>",
    )
    urls = [
        reverse("admin:offers_offer_change", args=[offer.pk]),
        reverse("admin:offers_offer_add"),
        reverse("admin:centers_centre_change", args=[centre.pk]),
        reverse("offers:propose"),
    ]
    for url in urls:
        jinja2 = _page(admin_client, url, "portal.lib.forms.FormRenderer")
        django = _page(admin_client, url, "django.forms.renderers.DjangoTemplates")
        assert _comparable(jinja2) == _comparable(django), url
        if url == urls[0]:
            # Compared unescaped above; the title in its input must still be escaped.
            assert 'value="Sprachcafé „Miteinander“ – Anna&#39;s &lt;Treff&gt;"' in jinja2
            assert "<Treff>" not in jinja2
