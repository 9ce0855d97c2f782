"""Translation status per item, field and language: missing, outdated, up to date."""

import pytest
from django.urls import reverse

from offers.models import Cancellation
from portal.models import SitePage, SitePageKey
from staff import translation_status as ts
from tests.factories import make_centre, make_contact, make_quarter, make_site
from tests.offers.factories import make_offer, make_slot
from tests.translations.conftest import LANGUAGES, change_form_data, translate_all

pytestmark = pytest.mark.django_db


def _translated_offer(**fields):
    offer = make_offer(title="Nähcafé", summary="Gemeinsam nähen.", description="")
    return translate_all(offer, title="Nähcafé", summary="Gemeinsam nähen und flicken.", **fields)


def _status(obj, language):
    return ts.statuses(type(obj).objects.filter(pk=obj.pk), language)[obj.pk]


def test_a_fully_translated_offer_is_up_to_date_in_every_language():
    offer = _translated_offer()
    for language in LANGUAGES:
        assert _status(offer, language) == {"title": ts.CURRENT, "summary": ts.CURRENT}


def test_changing_a_german_text_marks_exactly_that_fields_translations_outdated(client, redaktion):
    offer = _translated_offer()
    client.force_login(redaktion)
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = change_form_data(client.get(url))
    data["summary_de"] = "Gemeinsam nähen, flicken und Kaffee trinken."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    for language in LANGUAGES:
        assert _status(offer, language) == {"title": ts.CURRENT, "summary": ts.OUTDATED}
    outdated_in_turkish = (
        client.get(reverse("admin:offers_offer_changelist") + "?translations=outdated-tr")
        .context["cl"]
        .result_list
    )
    assert list(outdated_in_turkish) == [offer]


def test_a_minor_change_marks_no_translation_outdated(client, redaktion):
    offer = _translated_offer()
    client.force_login(redaktion)
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    data = change_form_data(client.get(url))
    data["summary_de"] = "Gemeinsam nähen und flicken!"
    data["translation_minor_change"] = "on"
    assert client.post(url, data).status_code == 302

    offer.refresh_from_db()
    assert offer.summary_de == "Gemeinsam nähen und flicken!"
    for language in LANGUAGES:
        assert set(_status(offer, language).values()) == {ts.CURRENT}


def test_editing_an_outdated_translation_makes_it_up_to_date_again():
    offer = _translated_offer()
    offer.title_de = "Nähcafé im Treff"
    offer.save()
    assert _status(offer, "ar")["title"] == ts.OUTDATED
    offer.title_ar = "مقهى الخياطة في الملتقى"
    offer.save()
    assert _status(offer, "ar")["title"] == ts.CURRENT
    assert _status(offer, "tr")["title"] == ts.OUTDATED


def test_an_empty_translation_is_missing_and_filtered_per_language(client, redaktion):
    complete = _translated_offer()
    gap = _translated_offer()
    gap.summary_ar = ""
    gap.save()
    assert _status(gap, "ar")["summary"] == ts.MISSING
    assert _status(gap, "tr")["summary"] == ts.CURRENT
    client.force_login(redaktion)
    changelist = reverse("admin:offers_offer_changelist")
    missing_ar = client.get(changelist + "?translations=missing-ar").context["cl"].result_list
    missing_tr = client.get(changelist + "?translations=missing-tr").context["cl"].result_list
    assert gap in missing_ar and complete not in missing_ar
    assert gap not in missing_tr


def test_slot_notes_alt_texts_and_cancellation_reasons_are_tracked_too():
    offer = _translated_offer(image_alt="Zwei Frauen an Nähmaschinen", cost_note="2 € Material")
    slot = translate_all(make_slot(offer, weekday=1), note="im Keller")
    cancellation = translate_all(
        Cancellation.objects.create(offer=offer, date="2026-08-01"), reason="Sommerferien"
    )
    slot.note_de = "im Gemeinschaftsraum"
    slot.save()
    assert _status(slot, "ru") == {"note": ts.OUTDATED}
    assert _status(cancellation, "ru") == {"reason": ts.CURRENT}
    assert _status(offer, "ru")["image_alt"] == ts.CURRENT


def test_the_status_page_counts_every_kind_of_text_with_edit_links(client, redaktion):
    centre = make_centre()
    offer = make_offer(
        centre=centre,
        image_alt="Ein Bild",
        cost_note="kostenlos",
        registration_note="bitte anmelden",
    )
    make_slot(offer, weekday=2, note="im Hof")
    Cancellation.objects.create(offer=offer, date="2026-08-01", reason="Ferien")
    make_site(centre, directions="Bus 4")
    make_contact(centre)
    make_quarter(centre, description="Ein Viertel am Fluss.")
    SitePage.objects.create(key=SitePageKey.LEGAL_NOTICE, body="<p>Stadt Heilbronn</p>")
    client.force_login(redaktion)
    response = client.get(reverse("admin:translation-status", args=["ar"]))
    page = response.content.decode()
    assert response.status_code == 200
    for words in (
        "Titel und Namen",
        "Kurzbeschreibungen",
        "Beschreibungen und Texte",
        "Alternativtexte",
        "Hinweise zu Kosten und Anmeldung",
        "Hinweise zu Terminen",
        "Gründe für Ausfälle",
        "Standorte",
        "Ansprechpersonen",
        "Quartiere",
        "Rechtstext-Seiten",
    ):
        assert words in page, words
    edit = reverse("admin:offers_offer_change", args=[offer.pk]) + "#translate-ar"
    assert edit in page


def test_a_quarter_manager_sees_only_their_centres_on_the_status_page(client, quarter_manager):
    own, foreign = make_centre(), make_centre()
    mine = make_offer(centre=own, title="Mein Angebot")
    theirs = make_offer(centre=foreign, title="Fremdes Angebot")
    client.force_login(quarter_manager([own]))
    page = client.get(reverse("admin:translation-status", args=["tr"])).content.decode()
    assert mine.title in page
    assert theirs.title not in page


def test_the_status_page_is_for_staff_only_and_knows_its_languages(client, redaktion):
    url = reverse("admin:translation-status", args=["ar"])
    assert client.get(url).status_code == 302
    client.force_login(redaktion)
    assert client.get(reverse("admin:translation-status", args=["de"])).status_code == 404
    assert client.get(reverse("admin:translation-status", args=["xx"])).status_code == 404
