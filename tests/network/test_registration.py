import pytest
from django.urls import reverse

from network.models import Actor
from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter():
    return make_quarter(make_centre(), name="Böckingen", slug="boeckingen")


def _data(quarter, **overrides):
    return {
        "name": "Repair-Café Böckingen",
        "kind": "initiative",
        "quarters": [quarter.pk],
        "summary": "Wir reparieren gemeinsam.",
        "contact_name": "Gisela Brandt",
        "email": "repair@example.org",
        "phone": "",
        "website": "",
        "languages": ["de", "tr"],
        "note": "Wir treffen uns im Bürgerhaus.",
        "consent": "on",
        "website_url": "",
    } | overrides


def test_a_registration_arrives_as_an_unpublished_draft_for_the_quarter_management(client, quarter):
    response = client.post(reverse("network:actor-register"), _data(quarter))
    assert response.status_code == 302
    assert response["Location"] == reverse("network:actor-register-thanks")
    actor = Actor.objects.get()
    assert actor.publication_status == PublicationStatus.DRAFT
    assert actor.registered_online
    assert actor.summary_de == "Wir reparieren gemeinsam."
    assert list(actor.quarters.all()) == [quarter]
    assert actor.language_codes == ["de", "tr"]
    assert actor.registration_note == "Wir treffen uns im Bürgerhaus."
    assert not Actor.objects.published().exists()
    assert client.get(actor.get_absolute_url()).status_code == 404


def test_a_registration_in_arabic_is_stored_for_the_german_speaking_team(client, quarter):
    client.post("/ar/akteure/mitmachen/", _data(quarter, summary="نصلح الأشياء معًا."))
    assert Actor.objects.get().summary_de == "نصلح الأشياء معًا."


def test_a_registration_with_errors_keeps_everything_typed_and_says_what_is_wrong(client, quarter):
    response = client.post(
        reverse("network:actor-register"),
        _data(quarter, email="kein-mail", quarters=[], consent=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Repair-Café Böckingen"' in html
    assert "Wir reparieren gemeinsam." in html
    assert "Bitte wählen Sie mindestens ein Quartier." in html
    assert "Ohne Ihr Einverständnis können wir Sie nicht aufnehmen." in html
    assert not Actor.objects.exists()


def test_a_forged_quarter_id_is_a_form_error_not_a_crash(client, quarter):
    response = client.post(
        reverse("network:actor-register"), _data(quarter, quarters=["99999999999999999999999"])
    )
    assert response.status_code == 200
    assert not Actor.objects.exists()


def test_a_bot_filling_the_honeypot_gets_the_thank_you_but_nothing_is_stored(client, quarter):
    response = client.post(
        reverse("network:actor-register"), _data(quarter, website_url="http://spam.example")
    )
    assert response.status_code == 302
    assert not Actor.objects.exists()


def test_too_many_registrations_from_one_connection_are_refused_with_the_input_kept(
    client, quarter, settings
):
    settings.NETWORK_FORM_RATE_LIMIT = "2/h"
    for n in range(2):
        client.post(reverse("network:actor-register"), _data(quarter, name=f"Verein {n}"))
    response = client.post(reverse("network:actor-register"), _data(quarter, name="Dritter"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele Einsendungen" in html
    assert 'value="Dritter"' in html
    assert Actor.objects.count() == 2


def test_an_actor_named_like_the_form_address_gets_another_slug(client, quarter):
    client.post(reverse("network:actor-register"), _data(quarter, name="Mitmachen"))
    actor = Actor.objects.get()
    assert actor.slug != "mitmachen"


def test_a_phone_number_that_cannot_be_dialled_is_refused_and_the_text_kept(client):
    from centers.models import Quarter

    quarter = Quarter.objects.create(name="Böckingen", slug="boeckingen-reg")
    response = client.post(
        "/de/akteure/mitmachen/",
        {
            "name": "Schachclub Böckingen",
            "kind": "club",
            "summary": "Wir spielen Schach.",
            "quarters": [quarter.pk],
            "phone": "bitte anrufen",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert "Schachclub Böckingen" in response.content.decode()
