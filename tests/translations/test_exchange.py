"""Export for translators and import of their file: a PO round trip."""

import io

import polib
import pytest
from django.urls import reverse

from offers.models import Offer
from portal.models import PublicationStatus
from staff import translation_status as ts
from tests.factories import make_centre
from tests.offers.factories import make_offer, make_slot
from tests.translations.conftest import translate_all

pytestmark = pytest.mark.django_db


def _export(client, language):
    response = client.get(reverse("admin:translation-export", args=[language]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return polib.pofile(response.content.decode())


def _upload(client, po, language):
    upload = io.BytesIO(str(po).encode())
    upload.name = f"{language}.po"
    return client.post(reverse("admin:translation-import"), {"language": language, "file": upload})


def _columns(obj):
    return {
        field.attname: getattr(obj, field.attname)
        for field in type(obj)._meta.concrete_fields
        if field.attname != "updated_at"
    }


def test_a_po_round_trip_changes_exactly_the_translated_fields(client, redaktion):
    draft = translate_all(
        make_offer(publication_status=PublicationStatus.DRAFT, description=""),
        title="Nähcafé",
        summary="Gemeinsam nähen.",
    )
    draft.title_tr = ""
    draft.summary_de = "Gemeinsam nähen und flicken."
    draft.save()
    slot = make_slot(draft, weekday=2, note="im Hof")
    published = translate_all(make_offer(description=""), title="Lesepaten", summary="Vorlesen.")
    before = {obj.pk: _columns(obj) for obj in (draft, published)}
    client.force_login(redaktion)

    po = _export(client, "tr")
    assert po.metadata["Language"] == "tr"
    by_context = {entry.msgctxt: entry for entry in po}
    title = by_context[f"offers.offer:{draft.pk}:title"]
    summary = by_context[f"offers.offer:{draft.pk}:summary"]
    note = by_context[f"offers.schedule:{slot.pk}:note"]
    assert (title.msgid, title.msgstr) == ("Nähcafé", "")
    assert summary.msgid == "Gemeinsam nähen und flicken."
    assert summary.msgstr == "[tr] Gemeinsam nähen."  # outdated: the old one to start from
    assert not [e for e in po if e.msgctxt.startswith(f"offers.offer:{published.pk}:")]

    title.msgstr = "Dikiş kafesi"
    summary.msgstr = "Birlikte dikiş dikme ve yama yapma."
    note.msgstr = "avluda"
    preview = _upload(client, po, "tr")
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Dikiş kafesi" in page and "avluda" in page
    assert Offer.objects.get(pk=draft.pk).title_tr == ""  # nothing saved by the preview

    confirm = client.post(
        reverse("admin:translation-import"),
        {"payload": preview.context["confirm_form"].initial["payload"]},
    )
    assert confirm.status_code == 302

    draft.refresh_from_db()
    slot.refresh_from_db()
    published.refresh_from_db()
    changed = {name for name, value in _columns(draft).items() if before[draft.pk][name] != value}
    assert changed == {"title_tr", "summary_tr"}
    assert draft.publication_status == PublicationStatus.DRAFT
    assert slot.note_tr == "avluda"
    assert _columns(published) == before[published.pk]
    assert set(ts.statuses(Offer.objects.filter(pk=draft.pk), "tr")[draft.pk].values()) == {
        ts.CURRENT
    }
    assert set(ts.statuses(Offer.objects.filter(pk=draft.pk), "ar")[draft.pk].values()) == {
        ts.OUTDATED,
        ts.CURRENT,
    }


def test_an_import_skips_texts_whose_german_changed_since_the_export(client, redaktion):
    offer = make_offer(title="Nähcafé")
    client.force_login(redaktion)
    po = _export(client, "ar")
    entry = next(e for e in po if e.msgctxt == f"offers.offer:{offer.pk}:title")
    entry.msgstr = "مقهى الخياطة"
    offer.title_de = "Nähcafé im Treff"
    offer.save()
    page = _upload(client, po, "ar").content.decode()
    assert "Der deutsche Text wurde seit dem Export geändert" in page
    assert "مقهى الخياطة" not in page


def test_a_quarter_manager_cannot_import_into_another_centres_content(client, quarter_manager):
    own, foreign = make_centre(), make_centre()
    theirs = make_offer(centre=foreign, title="Fremd")
    client.force_login(quarter_manager([own]))
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(
        polib.POEntry(msgctxt=f"offers.offer:{theirs.pk}:title", msgid="Fremd", msgstr="Чужой")
    )
    response = _upload(client, po, "ru")
    assert "Чужой" not in response.content.decode()
    assert response.context.get("changes") == []
    theirs.refresh_from_db()
    assert theirs.title_ru in ("", None)


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe not utf-8", b"this is not a PO file", b""],
)
def test_a_broken_file_gets_a_message_and_no_error_page(client, redaktion, content):
    client.force_login(redaktion)
    upload = io.BytesIO(content)
    upload.name = "kaputt.po"
    response = client.post(reverse("admin:translation-import"), {"language": "tr", "file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_file_for_another_language_is_refused(client, redaktion):
    client.force_login(redaktion)
    make_offer(title="Nähcafé")
    po = _export(client, "ar")
    response = _upload(client, po, "tr")
    assert "language" in response.context["form"].errors


def test_a_forged_confirmation_is_refused(client, redaktion):
    client.force_login(redaktion)
    response = client.post(reverse("admin:translation-import"), {"payload": "forged"})
    assert response.status_code == 200
    assert "Vorschau ist abgelaufen" in response.content.decode()


def test_a_file_naming_a_server_path_is_read_as_text_not_as_that_file(client, redaktion, tmp_path):
    secret = tmp_path / "secret.po"
    secret.write_text('msgctxt "x"\nmsgid "geheim"\nmsgstr "secret"\n')
    client.force_login(redaktion)
    upload = io.BytesIO(str(secret).encode())
    upload.name = "pfad.po"
    response = client.post(reverse("admin:translation-import"), {"language": "tr", "file": upload})
    assert "geheim" not in response.content.decode()
