"""Rich text where editors write prose: the editor in every language tab, sanitised on saving
and on showing, plain texts of before kept as paragraphs."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from centers.models import Centre
from offers.models import Offer
from portal.lib.html import plain_paragraphs, rich_text
from portal.models import PublicationStatus
from tests.roles.test_editorial import form_data

HOSTILE = (
    '<p onclick="alert(1)">Hallo <strong>fett</strong></p><script>alert(2)</script>'
    '<ul><li>eins</li></ul><p><a href="javascript:alert(3)">böse</a> '
    '<a href="https://www.heilbronn.de/" onmouseover="alert(4)">Stadt</a></p>'
    '<img src="x" onerror="alert(5)"><style>body{display:none}</style>'
)


def test_scripts_event_attributes_and_javascript_links_are_stripped():
    cleaned = rich_text(HOSTILE)
    for bad in ("<script", "onclick", "onmouseover", "onerror", "javascript:", "<img", "<style"):
        assert bad not in cleaned
    assert "<strong>fett</strong>" in cleaned
    assert "<ul><li>eins</li></ul>" in cleaned
    assert 'href="https://www.heilbronn.de/"' in cleaned


def test_plain_text_keeps_its_paragraphs_and_its_characters():
    assert rich_text("Erster Absatz.\r\n\r\nZweiter < Dritter\nZeile") == (
        "<p>Erster Absatz.</p><p>Zweiter &lt; Dritter<br>Zeile</p>"
    )
    assert plain_paragraphs(rich_text("Eins.\n\nZwei.")) == "Eins.\n\nZwei."


def test_every_language_tab_of_the_description_gets_the_editor(client, world):
    client.force_login(world.users["redaktion"])
    page = client.get(reverse("admin:offers_offer_change", args=[world.own.offer.pk]))
    html = page.content.decode()
    for language in ("de", "en", "ar", "ro", "ru", "tr"):
        assert re.search(
            rf'<textarea[^>]*data-django-prose-editor-configurable[^>]*id="id_description_{language}"',
            html,
        ) or re.search(
            rf'<textarea[^>]*id="id_description_{language}"[^>]*data-django-prose-editor-configurable',
            html,
        )
    # The import map is an inline script: it carries the nonce of this response's CSP.
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}" type="importmap">' in html or (
        f'<script type="importmap" nonce="{nonce}">' in html
    )
    assert f'<style data-tiptap-style nonce="{nonce}">' in html
    assert "/static/django_prose_editor/editor.js" in html


def test_the_change_form_saves_rich_text_sanitised_and_the_page_shows_it(client, world):
    offer = world.own.offer
    offer.publication_status = PublicationStatus.PUBLISHED
    offer.save()
    client.force_login(world.users["redaktion"])
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = form_data(client.get(url))
    data["description_de"] = HOSTILE
    data["description_ar"] = "<p>نص <strong>عربي</strong></p>"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    offer.refresh_from_db()
    assert "<script" not in offer.description_de and "onclick" not in offer.description_de
    assert "<strong>fett</strong>" in offer.description_de

    client.logout()
    public = client.get(offer.get_absolute_url()).content.decode()
    assert "<strong>fett</strong>" in public and "<li>eins</li>" in public
    assert "alert(" not in public
    arabic = client.get(f"/ar{offer.get_absolute_url()[3:]}").content.decode()
    assert "<strong>عربي</strong>" in arabic


def test_a_legal_page_is_rich_text_too(client, world):
    from portal.models import SitePage

    client.force_login(world.users["redaktion"])
    page = client.get(reverse("admin:portal_sitepage_add"))
    assert 'id="id_body_de"' in page.content.decode()
    assert "data-django-prose-editor-configurable" in page.content.decode()
    page = SitePage(key="privacy", body_de=HOSTILE)
    page.save()
    assert "<script" not in page.body_de


def test_old_plain_descriptions_become_paragraphs_in_the_migration(world):
    from importlib import import_module

    Offer.objects.filter(pk=world.own.offer.pk).update(
        description_de="Erster Absatz.\n\nZweiter Absatz mit a < b."
    )
    Centre.objects.filter(pk=world.own.centre.pk).update(description_de="Wir sind da.")
    import_module("offers.migrations.0013_plain_description_as_paragraphs").to_paragraphs(
        apps, None
    )
    import_module("centers.migrations.0010_plain_description_as_paragraphs").to_paragraphs(
        apps, None
    )
    assert Offer.objects.get(pk=world.own.offer.pk).description_de == (
        "<p>Erster Absatz.</p><p>Zweiter Absatz mit a &lt; b.</p>"
    )
    assert Centre.objects.get(pk=world.own.centre.pk).description_de == "<p>Wir sind da.</p>"


@pytest.mark.parametrize("text", ["Nur Text.\n\nZwei Absätze.", "<p>Schon <em>HTML</em></p>"])
def test_the_public_page_shows_plain_and_rich_descriptions(client, world, text):
    offer = world.own.offer
    offer.publication_status = PublicationStatus.PUBLISHED
    offer.save()
    Offer.objects.filter(pk=offer.pk).update(description_de=text)  # as stored before
    page = client.get(offer.get_absolute_url()).content.decode()
    if text.startswith("<p>"):
        assert "<p>Schon <em>HTML</em></p>" in page
    else:
        assert "<p>Nur Text.</p>" in page and "<p>Zwei Absätze.</p>" in page


def test_an_old_version_opens_with_the_editor_under_the_csp(client, world):
    offer = world.own.offer
    version = offer.history.first()
    client.force_login(world.users["redaktion"])
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, version.history_id])
    page = client.get(url)
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"]).group(1)
    html = page.content.decode()
    assert (
        f'nonce="{nonce}" type="importmap"' in html or f'type="importmap" nonce="{nonce}"' in html
    )
    assert f'<style data-tiptap-style nonce="{nonce}">' in html


def test_the_editors_menu_speaks_german(client, world):
    client.force_login(world.users["redaktion"])
    catalogue = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '"Update": "Aktualisieren"' in catalogue  # the link dialog's button


def test_a_translation_shows_the_german_source_without_markup(client, world):
    offer = world.own.offer
    Offer.objects.filter(pk=offer.pk).update(
        description_de="<p>Ein <strong>fetter</strong> Satz</p>"
    )
    client.force_login(world.users["redaktion"])
    form = (
        client.get(reverse("admin:offers_offer_change", args=[offer.pk])).context["adminform"].form
    )
    help_text = str(form.fields["description_en"].help_text)
    assert "Ein fetter Satz" in help_text and "&lt;strong" not in help_text
