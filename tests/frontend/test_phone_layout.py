"""On a phone: language choice and navigation fold behind two labelled buttons that work without
JavaScript; a neighbourhood page shows its centre's address and hours once; after a search the
filters fold away so the results come first."""

import re

import pytest

from tests.factories import make_centre, make_quarter, make_site

pytestmark = pytest.mark.django_db


def test_language_and_navigation_fold_behind_two_labelled_buttons(client):
    html = client.get("/ar/").content.decode()
    menus = re.findall(
        r'<details class="header-menu[^"]*">\s*<summary[^>]*>(.*?)</summary>', html, re.S
    )
    assert len(menus) == 2
    assert "اللغة" in menus[0] and "Language" in menus[0]
    assert "القائمة" in menus[1]
    assert re.search(
        r'<details class="header-menu[^"]*">.*?<nav class="language-switcher"', html, re.S
    )
    assert re.search(
        r'<details class="header-menu header-menu--nav">.*?<nav class="site-nav"', html, re.S
    )


def test_the_filters_are_open_before_and_folded_after_a_search(client):
    make_quarter(slug="sontheim-fold")
    before = client.get("/de/angebote/").content.decode()
    assert '<details class="offer-filters-fold" open>' in before
    after = client.get("/de/angebote/", {"quarter": "sontheim-fold"}).content.decode()
    assert '<details class="offer-filters-fold">' in after
    assert "Suche ändern" in after


def test_the_filters_stay_open_when_the_search_needs_a_correction(client):
    html = client.get("/de/angebote/", {"age": "zwölf"}).content.decode()
    assert '<details class="offer-filters-fold" open>' in html


def test_a_neighbourhood_page_shows_the_centres_address_and_hours_once(client):
    centre = make_centre()
    quarter = make_quarter(centre=centre)
    make_site(centre, is_main=True, street="Ludwigsburger Straße 18", opening_hours="Mo 9–12")
    make_site(centre, name="Außenstelle", street="Kreuzgrundweg 5", opening_hours="Di 14–18")
    html = client.get(quarter.get_absolute_url()).content.decode()
    assert html.count("Ludwigsburger Straße 18") == 1
    assert html.count("Mo 9–12") == 1
    assert html.count("Kreuzgrundweg 5") == 1
