"""“Which neighbourhood do I live in?”: a resident types a street (and house number)."""

import copy

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from centers import streets
from centers.models import Parity, Quarter, StreetSection
from tests.factories import make_centre, make_contact, make_quarter, make_site, make_street_section

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "ar", "ro", "ru", "tr"]


@pytest.fixture(scope="module")
def _directory(shared_data):
    south = make_centre(name="Quartierszentrum Heilbronner Süden", slug="sueden")
    make_site(south, is_main=True, name="Haupthaus Süden", street="Wilhelmstraße 40")
    make_contact(south, name="Jana Becker", phone="07131 56-2741")
    boeckingen = make_centre(name="Quartierszentrum Böckingen", slug="boeckingen")
    inner = make_quarter(south, name="Innenstadt-Süd", slug="innenstadt-sued")
    suedstadt = make_quarter(south, name="Südstadt", slug="suedstadt")
    kreuzgrund = make_quarter(boeckingen, name="Kreuzgrund", slug="kreuzgrund")
    make_site(boeckingen, is_main=True, name="Haupthaus Böckingen")
    make_site(
        boeckingen, name="Außenstelle Kreuzgrund", street="Kreuzgrundweg 5", quarter=kreuzgrund
    )
    frankenbach = make_quarter(None, name="Frankenbach", slug="frankenbach")
    sontheim = make_quarter(None, name="Sontheim", slug="sontheim")
    make_street_section(kreuzgrund, "Kreuzgrundweg", postcode="74080")
    make_street_section(inner, "Fleiner Straße", number_from=1, number_to=40)
    make_street_section(suedstadt, "Fleiner Straße", number_from=41)
    make_street_section(inner, "Kaiserstraße", parity=Parity.EVEN)
    make_street_section(suedstadt, "Kaiserstraße", parity=Parity.ODD)
    make_street_section(frankenbach, "Hauptstraße", postcode="74078")
    make_street_section(sontheim, "Hauptstraße", postcode="74081")
    make_street_section(suedstadt, "Ruth-Bader-Straße")
    return {q.slug: q for q in Quarter.objects.all()}


@pytest.fixture
def directory(db, _directory):
    """Made once per module; each test gets its own copies, its changes are rolled back."""
    return copy.deepcopy(_directory)


def _lookup(client, language="en", **params):
    with translation.override(language):
        url = reverse("centers:street-lookup")
    response = client.get(url, params)
    assert response.status_code == 200
    return response


# --- Matching -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Fleiner Straße",
        "fleiner strasse",
        "FLEINER STR.",
        "Fleiner-Str",
        "  fleinerstraße ",
        "Fleinerstr.",
    ],
)
def test_a_street_is_found_however_it_is_typed(typed):
    assert streets.street_key(typed) == "fleinerstrasse"


@pytest.mark.parametrize(
    ("typed", "directory_name"),
    [
        ("Moenchseestrasse", "Mönchseestraße"),
        ("Mönchsee Str.", "Mönchseestraße"),
        ("ruth bader strasse", "Ruth-Bader-Straße"),
        ("Gruener Weg", "Grüner Weg"),
        ("Marktpl.", "Marktplatz"),
    ],
)
def test_umlauts_spaces_and_hyphens_do_not_matter(typed, directory_name):
    assert streets.street_key(typed) == streets.street_key(directory_name)


def test_house_numbers_are_read_forgivingly_and_arabic_digits_count():
    assert streets.parse_number("18") == 18
    assert streets.parse_number(" 18 a ") == 18
    assert streets.parse_number("18/1") == 18
    assert streets.parse_number("١٨") == 18
    assert streets.parse_number("") is None
    for bad in ("abc", "0", "123456", "1-5", "--1"):
        with pytest.raises(ValueError):
            streets.parse_number(bad)


def test_a_number_typed_into_the_street_field_is_split_off():
    assert streets.split_number("Fleiner Str. 45b") == ("Fleiner Str.", "45b")
    assert streets.split_number("Fleiner Straße") == ("Fleiner Straße", "")


def test_sections_cover_their_range_and_parity(directory):
    even = StreetSection(parity=Parity.EVEN, number_from=2, number_to=10)
    assert even.covers(4) and not even.covers(5) and not even.covers(12)
    open_end = StreetSection(parity=Parity.ALL, number_from=41)
    assert open_end.covers(41) and open_end.covers(999) and not open_end.covers(40)


# --- The page -------------------------------------------------------------------------------


def test_an_exact_street_shows_the_quarter_its_centre_site_and_phone(client, directory):
    html = _lookup(client, street="Kreuzgrundweg").content.decode()
    assert "Kreuzgrund" in html
    assert "Quartierszentrum Böckingen" in html
    # The site that lies in the neighbourhood, not the centre's main site.
    assert "Außenstelle Kreuzgrund" in html and "Haupthaus Böckingen" not in html
    assert directory["kreuzgrund"].get_absolute_url() in html
    assert f"{reverse('offers:list')}?quarter=kreuzgrund" in html


def test_the_phone_number_dials_e164_from_the_stored_contact(client, directory):
    html = _lookup(client, street="Ruth-Bader-Straße").content.decode()
    assert 'href="tel:+497131562741"' in html
    assert "07131 56-2741" in html


def test_a_forgivingly_typed_street_with_its_number_in_the_street_field_is_found(client, directory):
    response = _lookup(client, street="fleiner-str. 45")
    assert response.context["quarter"] == directory["suedstadt"]
    assert 'value="fleiner-str. 45"' in response.content.decode()


@pytest.mark.parametrize(("number", "slug"), [("12", "innenstadt-sued"), ("41", "suedstadt")])
def test_a_split_street_is_decided_by_the_house_number(client, directory, number, slug):
    response = _lookup(client, street="Fleiner Straße", number=number)
    assert response.context["quarter"] == directory[slug]


@pytest.mark.parametrize(("number", "slug"), [("8", "innenstadt-sued"), ("13a", "suedstadt")])
def test_a_street_split_by_sides_is_decided_by_even_and_odd(client, directory, number, slug):
    response = _lookup(client, street="Kaiserstr", number=number)
    assert response.context["quarter"] == directory[slug]


def test_a_split_street_without_a_number_asks_for_it_and_lists_the_sections(client, directory):
    response = _lookup(client, street="Fleiner Straße")
    html = response.content.decode()
    assert response.context["quarter"] is None
    assert "runs through several neighbourhoods" in html
    assert 'aria-invalid="true"' in html
    assert "Innenstadt-Süd" in html and "Südstadt" in html


def test_a_street_name_in_two_districts_lists_both_with_their_postcodes(client, directory):
    html = _lookup(client, street="Hauptstraße", number="3").content.decode()
    assert "74078" in html and "74081" in html
    assert "Frankenbach" in html and "Sontheim" in html


def test_an_unknown_street_keeps_what_was_typed_and_suggests_similar_names(client, directory):
    response = _lookup(client, street="Fleinr Strase", number="12")
    html = response.content.decode()
    assert "We do not know a street" in html
    assert 'value="Fleinr Strase"' in html
    assert response.context["form"].suggestions == ["Fleiner Straße"]
    assert "?street=Fleiner%20Stra%C3%9Fe&amp;number=12" in html


def test_a_part_of_a_name_suggests_the_streets_containing_it(client, directory):
    assert _lookup(client, street="Fleiner").context["form"].suggestions == ["Fleiner Straße"]


def test_the_unknown_street_message_is_translated(client, directory):
    html = _lookup(client, "ar", street="Xyz").content.decode()
    assert "We do not know" not in html
    assert 'dir="rtl"' in html


def test_a_number_the_directory_does_not_list_is_said_plainly(client, directory):
    StreetSection.objects.filter(street="Fleiner Straße", number_from=41).delete()
    html = _lookup(client, street="Fleiner Straße", number="99").content.decode()
    assert "is not in the street directory" in html


def test_a_neighbourhood_without_centre_names_the_city_office(client, directory):
    make_street_section(directory["frankenbach"], "Leintalstraße")
    html = _lookup(client, street="Leintalstraße").content.decode()
    assert "No neighbourhood centre serves this neighbourhood yet" in html
    assert reverse("contacts:list") in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_renders_in_every_language_with_a_datalist(client, directory, language):
    html = _lookup(client, language, street="Kreuzgrundweg").content.decode()
    assert f'lang="{language}"' in html
    assert '<datalist id="street-names">' in html
    assert 'list="street-names"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"street": "\x00"},
        {"street": "x" * 5000},
        {"street": "Fleiner Straße", "number": "\x00"},
        {"street": "Fleiner Straße", "number": "99999999999999999999"},
        {"street": "Fleiner Straße 0"},
        {"street": "Fleiner Straße 999999"},
        {"street": "<script>alert(1)</script>"},
        {"street": "'; DROP TABLE centers_streetsection; --"},
        {"street": "٠١٢", "number": "١٢"},
        {"street": ["a", "b"]},
    ],
)
def test_bad_input_is_never_a_server_error(client, directory, params):
    response = _lookup(client, **params)
    assert b"<script>alert(1)" not in response.content


def test_the_result_is_cached_per_street_and_number(client, directory, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = _lookup(client, street="Fleiner Straße", number="12")
    assert first.context["quarter"] == directory["innenstadt-sued"]
    second = client.get(
        reverse("centers:street-lookup"), {"street": "Fleiner Straße", "number": "41"}
    )
    assert "Südstadt" in second.content.decode().split("Your neighbourhood:")[1][:200]


def test_a_change_to_the_directory_shows_at_once_with_the_cache_on(client, directory, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert _lookup(client, street="Kreuzgrundweg").context["quarter"] == directory["kreuzgrund"]
    section = StreetSection.objects.get(street="Kreuzgrundweg")
    section.quarter = directory["suedstadt"]
    section.save()
    html = _lookup(client, street="Kreuzgrundweg").content.decode()
    assert "Your neighbourhood: Südstadt" in html


def test_the_page_is_linked_from_the_home_page_and_the_neighbourhood_list(client, directory):
    url = reverse("centers:street-lookup")
    assert url in client.get(reverse("home")).content.decode()
    assert url in client.get(reverse("centers:quarter-list")).content.decode()


def test_the_page_is_in_the_sitemap_in_every_language(client, directory):
    xml = client.get("/sitemap.xml").content.decode()
    for language in LANGUAGES:
        assert f"/{language}/quartiere/mein-quartier/</loc>" in xml


# --- Rules of the directory ------------------------------------------------------------------


def test_the_last_number_must_not_be_smaller_than_the_first(directory):
    section = StreetSection(
        street="Neue Straße", number_from=20, number_to=10, quarter=directory["suedstadt"]
    )
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "number_to" in error.value.message_dict


def test_an_overlapping_section_of_the_same_street_is_refused_with_its_neighbour(directory):
    section = StreetSection(
        street="fleiner str.", number_from=30, number_to=50, quarter=directory["suedstadt"]
    )
    with pytest.raises(ValidationError) as error, translation.override("en"):
        section.full_clean()
    assert "overlap" in str(error.value)
    assert "Fleiner Straße 1–40" in str(error.value)


def test_other_sides_and_other_postcodes_do_not_overlap(directory):
    StreetSection(
        street="Hauptstraße", postcode="74080", quarter=directory["suedstadt"]
    ).full_clean()
    odd_again = StreetSection(
        street="Kaiserstraße", parity=Parity.ODD, quarter=directory["suedstadt"]
    )
    with pytest.raises(ValidationError):
        odd_again.full_clean()


def test_a_neighbourhood_cannot_take_the_address_of_the_lookup(directory):
    quarter = Quarter(name="Mein Quartier", slug="mein-quartier")
    with pytest.raises(ValidationError) as error:
        quarter.full_clean()
    assert "slug" in error.value.message_dict
