"""The admin's activity list builds its rows cheaply (issue 18) and still shows, links and acts
on exactly what Django's own list did."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone, translation

from offers.models import Offer
from tests.factories import make_centre, make_quarter
from tests.network.factories import make_actor
from tests.offers.factories import make_category, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("redaktion", "r@example.org", "pw"))
    return client


def test_the_row_checkbox_is_the_html_djangos_checkbox_widget_renders():
    offer = make_offer(title='Tanz & "Spiel" <für> Alle')
    model_admin = admin.site._registry[Offer]
    with translation.override("de"):
        assert model_admin.action_checkbox(offer) == admin.ModelAdmin.action_checkbox(
            model_admin, offer
        )


def test_every_column_shows_the_rows_own_values_with_a_link_to_each_activity(editor_client):
    centre = make_centre(name="Zentrum Süd")
    quarter = make_quarter(centre=centre, name="Südstadt")
    actor = make_actor(name="Turnverein 1890")
    checked = make_offer(
        title="Yoga",
        centre=centre,
        quarter=quarter,
        category=make_category(name="Bewegung"),
        last_checked=timezone.localdate(),
    )
    proposal = make_offer(
        title="Schach", quarter=quarter, actor=actor, is_proposal=True, publication_status="draft"
    )
    response = editor_client.get(reverse("admin:offers_offer_changelist"))
    html = response.content.decode()
    for text in ("Zentrum Süd", "Südstadt", "Bewegung", "Turnverein 1890", "Entwurf"):
        assert text in html
    for offer in (checked, proposal):
        assert reverse("admin:offers_offer_change", args=[offer.pk]) in html
        assert f'name="_selected_action" value="{offer.pk}"' in html


def test_an_action_on_all_activities_acts_on_whole_rows(editor_client):
    offers = [make_offer(title=f"Kurs {n}", last_checked=None) for n in range(3)]
    response = editor_client.post(
        reverse("admin:offers_offer_changelist"),
        {"action": "mark_checked", "select_across": "1", "_selected_action": [offers[0].pk]},
        follow=True,
    )
    assert response.status_code == 200
    for offer in offers:
        offer.refresh_from_db()
        assert offer.last_checked == timezone.localdate()
        assert offer.summary  # saved whole: nothing the list did not load was lost


def test_the_list_shows_fifty_activities_a_page_and_the_next_page_the_rest(editor_client):
    for n in range(53):
        make_offer(title=f"Angebot {n:02}")
    url = reverse("admin:offers_offer_changelist")
    first = editor_client.get(url, {"o": "1"}).content.decode()
    second = editor_client.get(url, {"o": "1", "p": "2"}).content.decode()
    assert first.count('name="_selected_action"') == 50
    assert second.count('name="_selected_action"') == 3
    assert "Angebot 00" in first and "Angebot 52" in second
    assert "Alle 53 Angebote auswählen" in first  # an action can still take all of them
