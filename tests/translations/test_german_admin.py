"""The admin in German without English leftovers: lists, forms, history pages and old versions
of activities, centres, documents, contact persons and surveys; the JavaScript catalogue of the
two-box selection; the history in the words of the form."""

import re

import pytest
from django.urls import reverse

from offers.models import OfferState
from portal.models import PublicationStatus
from survey.models import SurveyStatus
from tests.factories import make_centre, make_contact, make_document
from tests.offers.factories import make_offer, make_slot
from tests.survey.factories import make_survey

pytestmark = pytest.mark.django_db

# What the German admin showed in English before (issue 14, point 5), and similar.
ENGLISH_LEFTOVERS = [
    "by selecting them",
    "Choose all",
    "Remove all",
    "Historical ",
    "historical ",  # not the CSS class "model-historicaloffer"
    ">Changes<",
    "Change reason",
    "Resume the selected",
    ">Offers<",
    ">Centers<",
    ">Contacts<",
    ">Survey<",
    "Revert ",
    "View on site",
]
RAW_NONE = re.compile(r"<td>\s*None\s*</td>")


@pytest.fixture
def changed_objects(redaktion):
    """One of each kind, changed once by the editor, so each history has a list of changes."""
    centre = make_centre(publication_status=PublicationStatus.DRAFT)
    offer = make_offer(centre=centre)
    make_slot(offer, weekdays="02")
    objects = [
        offer,
        centre,
        make_document(centre),
        make_contact(centre),
        make_survey(status=SurveyStatus.DRAFT),
    ]
    offer.state = OfferState.PAUSED
    offer.save_as(redaktion)
    for obj in objects[1:]:
        if hasattr(obj, "publication_status"):
            obj.publication_status = PublicationStatus.REVIEW
        elif hasattr(obj, "status"):
            obj.status = SurveyStatus.PUBLISHED
        else:
            obj.phone = "07131 123456"
        obj.save()
    return objects


def _pages(client, obj):
    opts = obj._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    history = client.get(reverse(f"{prefix}_history", args=[obj.pk]))
    version = obj.history.order_by("history_date").first()
    return {
        "list": client.get(reverse(f"{prefix}_changelist")),
        "form": client.get(reverse(f"{prefix}_change", args=[obj.pk])),
        "history": history,
        "version": client.get(reverse(f"{prefix}_simple_history", args=[obj.pk, version.pk])),
    }


def test_a_walk_through_the_german_admin_meets_no_english_leftovers(
    client, redaktion, changed_objects
):
    client.force_login(redaktion)
    found = []
    for obj in changed_objects:
        for page, response in _pages(client, obj).items():
            assert response.status_code == 200, (obj, page)
            html = response.content.decode()
            found += [(type(obj).__name__, page, s) for s in ENGLISH_LEFTOVERS if s in html]
            if RAW_NONE.search(html):
                found.append((type(obj).__name__, page, "None"))
    assert found == []


def test_the_history_shows_labels_and_german_breadcrumbs(client, redaktion, changed_objects):
    client.force_login(redaktion)
    offer, centre = changed_objects[:2]
    pages = _pages(client, offer)
    history = pages["history"].content.decode()
    assert "Änderungen" in history
    assert re.search(r"Zustand:</strong>\s*Aktiv\s*&nbsp;&rarr;&nbsp;&nbsp;Pausiert", history)
    assert "paused" not in history
    breadcrumbs = pages["version"].content.decode().split('class="breadcrumbs"')[1][:600]
    assert re.search(r">Angebote</a> &rsaquo;\s*<a [^>]*>Angebote</a>", breadcrumbs)
    assert "Geschichte" in breadcrumbs and "Angebot wiederherstellen" in breadcrumbs
    centre_history = _pages(client, centre)["history"].content.decode()
    assert re.search(r"Entwurf\s*&nbsp;&rarr;&nbsp;&nbsp;In Prüfung", centre_history)


def test_several_weekdays_show_as_names_in_the_history(client, redaktion):
    offer = make_offer()
    slot = make_slot(offer, weekdays="02")
    slot.weekdays = "024"
    slot.save()
    from staff.history_admin import LabelledContextHelper

    new, old = slot.history.order_by("-history_date")[:2]
    delta = new.diff_against(old)
    changes = LabelledContextHelper(type(slot), old).context_for_delta_changes(delta)
    weekdays = next(change for change in changes if change["field"] == "Wochentage")
    assert (weekdays["old"], weekdays["new"]) == (
        "Montag und Mittwoch",
        "Montag, Mittwoch und Freitag",
    )


def test_the_javascript_catalogue_of_the_admin_is_german_for_german_staff(client, redaktion):
    client.force_login(redaktion)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    # The catalogue writes non-ASCII letters as JSON escapes (\u00fc for ü).
    script = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), script)
    for german in [
        "markieren und mit dem Pfeil „Auswählen“ übernehmen.",
        "Alle %s auswählen",
        "Markierte %s entfernen",
        "Verfügbare %s",
    ]:
        assert german in script


def test_an_inline_column_of_six_languages_is_not_headed_by_the_last_one(client, redaktion):
    offer = make_offer()
    make_slot(offer, weekdays="1", note_de="im Hof")
    client.force_login(redaktion)
    page = client.get(reverse("admin:offers_offer_change", args=[offer.pk])).content.decode()
    headers = re.findall(r'<th class="column-note[^"]*"[^>]*>\s*([^<]*)', page)
    assert headers and all("(" not in header for header in headers), headers
    assert 'aria-label="Anmerkung (Arabisch)"' in page
    assert 'aria-label="Anmerkung (Türkisch)"' in page
