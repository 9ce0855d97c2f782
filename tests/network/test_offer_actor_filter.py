"""The activity list filters by the actor that runs an activity; the actor page links there."""

import pytest
from django.urls import reverse

from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter
from tests.network.factories import make_actor
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors():
    centre = make_centre(name="Quartierszentrum Böckingen", slug="qz-boeckingen")
    quarter = make_quarter(centre, name="Böckingen", slug="boeckingen")
    club = make_actor([quarter], name="TSV Böckingen")
    parish = make_actor([quarter], name="Pfarrei St. Pankratius")
    silent = make_actor([quarter], name="Stiller Verein")
    hidden = make_actor(
        [quarter], name="Verein im Entwurf", publication_status=PublicationStatus.DRAFT
    )
    make_offer(title="Kinderturnen", actor=club, centre=centre)
    make_offer(title="Seniorengymnastik", actor=club)
    make_offer(title="Krabbelgruppe", actor=parish)
    make_offer(title="Offener Treff", centre=centre)
    make_offer(title="Entwurf des Stillen", actor=silent, publication_status="draft")
    make_offer(title="Angebot des Entwurfs", actor=hidden)
    return {"club": club, "parish": parish, "silent": silent, "hidden": hidden}


def test_the_list_filters_by_actor(client, actors):
    html = client.get(reverse("offers:list"), {"actor": actors["club"].pk}).content.decode()
    assert "Kinderturnen" in html and "Seniorengymnastik" in html
    assert "Krabbelgruppe" not in html and "Offener Treff" not in html


def test_only_published_actors_with_published_activities_can_be_chosen(client, actors):
    html = client.get(reverse("offers:list")).content.decode()
    options = html[html.index('name="actor"') : html.index("</select>", html.index('name="actor"'))]
    assert "TSV Böckingen" in options and "Pfarrei St. Pankratius" in options
    assert "Stiller Verein" not in options and "Verein im Entwurf" not in options


@pytest.mark.parametrize(
    "value", ["abc", "-1", "99999999999999999999999999", "<script>", "1e9", "\x00"]
)
def test_a_bad_actor_value_is_a_form_error_not_a_500(client, actors, value):
    response = client.get(reverse("offers:list"), {"actor": value})
    assert response.status_code == 200
    assert "Kinderturnen" not in response.content.decode()


def test_an_actor_without_published_activities_is_an_invalid_choice(client, actors):
    for actor in (actors["silent"], actors["hidden"]):
        html = client.get(reverse("offers:list"), {"actor": actor.pk}).content.decode()
        assert "Angebot des Entwurfs" not in html


def test_the_cards_say_who_runs_an_activity(client, actors):
    html = client.get(reverse("offers:list")).content.decode()
    assert "in Kooperation mit" in html  # Kinderturnen: TSV with the centre
    assert actors["club"].get_absolute_url() in html


def test_the_actor_page_links_to_its_filtered_list(client, actors):
    html = client.get(actors["club"].get_absolute_url()).content.decode()
    assert f"{reverse('offers:list')}?actor={actors['club'].pk}" in html


def test_the_actor_filter_is_part_of_the_page_cache_key(client, actors):
    first = client.get(reverse("offers:list"), {"actor": actors["club"].pk}).content.decode()
    second = client.get(reverse("offers:list"), {"actor": actors["parish"].pk}).content.decode()
    assert "Kinderturnen" in first and "Kinderturnen" not in second
    assert "Krabbelgruppe" in second
