"""The portal-wide search, as a resident uses it: forgiving, multilingual, only public things,
and a phone number to call when nothing is found. Runs on SQLite and, with DATABASE_URL, on
PostgreSQL (the same assertions on both)."""

import copy
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import PublicationStatus
from search.models import Synonym
from search.registry import rebuild
from tests.factories import make_centre, make_contact, make_document, make_quarter, make_site
from tests.network.factories import make_actor
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _portal(shared_data):
    centre = make_centre(name="Quartierszentrum Böckingen", slug="qz-boeckingen")
    boeckingen = make_quarter(centre, name="Böckingen", slug="boeckingen")
    other_centre = make_centre(name="Quartierszentrum Nordstadt", slug="qz-nord")
    nordstadt = make_quarter(other_centre, name="Nordstadt", slug="nordstadt")
    site = make_site(centre, name="Stadtteilhaus Böckingen", quarter=boeckingen)
    manager = make_contact(centre, name="Petra Quartier", phone="07131 56-4444")
    make_contact(None, name="Amt Auskunft", role="Sachbearbeitung", phone="07131 56-1167")
    cafe = make_offer(
        title="Sprachcafé",
        slug="sprachcafe",
        summary="Deutsch sprechen bei Kaffee und Kuchen.",
        centre=centre,
        site=site,
    )
    homework = make_offer(
        title="Hausaufgabenhilfe",
        slug="hausaufgabenhilfe",
        summary="Hilfe bei den Hausaufgaben für Schulkinder.",
        centre=other_centre,
        quarter=nordstadt,
    )
    courses = make_offer(
        title="Nähkurs", slug="naehkurs", summary="Kurse für Anfänger.", centre=other_centre
    )
    make_offer(title="Geheimer Entwurf", slug="entwurf", publication_status=PublicationStatus.DRAFT)
    make_offer(
        title="Geplanter Zaubertreff",
        slug="zaubertreff",
        publish_from=timezone.now() + timedelta(days=3),
    )
    actor = make_actor(quarters=[boeckingen], name="Turnverein Böckingen", slug="tv-boeckingen")
    make_actor(
        quarters=[boeckingen],
        name="Zaubergruppe im Aufbau",
        slug="zauber",
        publication_status=PublicationStatus.REVIEW,
    )
    make_document(centre, title="Jahresbericht Böckingen", year=2024)
    Synonym.objects.create(
        finds="Sprachcafé",
        terms_de="Deutschkurs, Deutsch lernen",
        terms_ar="دورة لغة ألمانية\nتعلم الألمانية",
        terms_tr="Almanca kursu",
    )
    Synonym.objects.create(finds="Hausaufgabenhilfe", terms_de="Nachhilfe")
    return {
        "boeckingen": boeckingen,
        "cafe": cafe,
        "homework": homework,
        "courses": courses,
        "actor": actor,
        "manager": manager,
    }


@pytest.fixture
def portal(db, _portal):
    """Made once per module (_portal); each test gets its own copies of the objects, as with
    Django's TestCase.setUpTestData, and its database changes are rolled back after it."""
    return copy.deepcopy(_portal)


def _search(client, language="de", **params):
    response = client.get(f"/{language}/suche/", params)
    assert response.status_code == 200
    return response


def _titles(client, language="de", **params):
    return [entry.title for entry in _search(client, language, **params).context["page"]]


def test_the_search_page_has_an_address_per_language(client):
    assert reverse("search:page") == "/de/suche/"
    assert client.get("/ar/suche/").status_code == 200


def test_it_finds_an_offer_by_a_synonym(client, portal):
    assert _titles(client, q="Deutschkurs")[0] == "Sprachcafé"
    assert _titles(client, q="nachhilfe")[0] == "Hausaufgabenhilfe"


@pytest.mark.parametrize(
    "typed", ["Sprachcafe", "sprachcafé", "SPRACHCAFE", "Sprachcaffe", "Sprachcafés"]
)
def test_it_forgives_accents_case_inflection_and_typos(client, portal, typed):
    assert "Sprachcafé" in _titles(client, q=typed)


def test_it_finds_a_misspelt_offer_and_says_what_it_searched(client, portal):
    response = _search(client, q="Hausaufgabenhilfee")
    assert [e.title for e in response.context["page"]] == ["Hausaufgabenhilfe"]
    response = _search(client, q="Hausaufgabnhilfe")
    assert [e.title for e in response.context["page"]] == ["Hausaufgabenhilfe"]
    assert response.context["result"].corrected == "Hausaufgabenhilfe"


def test_a_misspelt_quarter_finds_the_quarter_its_centre_and_its_actors(client, portal):
    titles = _titles(client, q="Bökingen")
    assert titles[0] == "Böckingen"
    assert {"Quartierszentrum Böckingen", "Turnverein Böckingen", "Stadtteilhaus Böckingen"} <= set(
        titles
    )
    assert "Böckingen" in _titles(client, q="Boeckingen")


def test_german_stems_find_the_singular_and_parts_of_compound_words(client, portal):
    assert "Nähkurs" in _titles(client, q="Kurse")
    assert "Nähkurs" in _titles(client, q="Naehkurs")


def test_an_arabic_or_turkish_word_finds_the_german_offer_through_a_synonym(client, portal):
    assert _titles(client, "ar", q="دورة لغة ألمانية")[0] == "Sprachcafé"
    assert _titles(client, "tr", q="almanca kursu")[0] == "Sprachcafé"


def test_a_query_that_is_a_synonym_puts_what_it_finds_first(client, portal):
    # "Deutsch lernen" also matches "Deutsch sprechen …" words elsewhere; the synonym wins.
    make_offer(title="Lernwerkstatt", slug="lernwerkstatt", summary="Deutsch und Mathe lernen.")
    assert _titles(client, q="Deutsch lernen")[0] == "Sprachcafé"


def test_it_finds_the_translation_in_the_page_language(client, portal):
    offer = portal["cafe"]
    offer.title_ar = "مقهى اللغة"
    offer.save()
    assert _titles(client, "ar", q="مقهى")[0] == "مقهى اللغة"
    assert _titles(client, "de", q="مقهى") == []


def test_it_finds_actors_contacts_sites_and_documents(client, portal):
    response = _search(client, q="Böckingen")
    kinds = {entry.kind for entry in response.context["page"]}
    assert {"quarter", "centre", "site", "actor", "document", "offer"} <= kinds
    assert "Petra Quartier" in _titles(client, q="Petra")


def test_unpublished_and_scheduled_content_is_never_found(client, portal):
    assert _titles(client, q="Entwurf") == []
    assert _titles(client, q="Zaubertreff") == []
    assert _titles(client, q="Zaubergruppe") == []
    portal["cafe"].publication_status = PublicationStatus.DRAFT
    portal["cafe"].save()
    assert "Sprachcafé" not in _titles(client, q="Sprachcafé")


def test_unpublishing_a_centre_hides_its_sites_and_team(client, portal):
    centre = portal["boeckingen"].centre
    centre.publication_status = PublicationStatus.DRAFT
    centre.save()
    titles = _titles(client, q="Böckingen")
    assert "Stadtteilhaus Böckingen" not in titles
    assert "Quartierszentrum Böckingen" not in titles
    assert _titles(client, q="Petra") == []


def test_the_neighbourhood_filter_keeps_what_belongs_to_it(client, portal):
    titles = _titles(client, q="hilfe", quarter="boeckingen")
    assert "Hausaufgabenhilfe" not in titles
    assert "Hausaufgabenhilfe" in _titles(client, q="hilfe", quarter="nordstadt")


def test_an_empty_result_names_the_chosen_neighbourhoods_phone(client, portal):
    response = _search(client, q="Xylophonorchester", quarter="boeckingen")
    html = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert "Petra Quartier" in html
    assert 'href="tel:+497131564444"' in html


def test_an_empty_result_without_a_neighbourhood_names_the_city_office(client, portal):
    html = _search(client, q="Xylophonorchester").content.decode()
    assert "Amt Auskunft" in html
    assert 'href="tel:+497131561167"' in html


def test_a_misspelt_word_with_nothing_in_the_chosen_neighbourhood_is_suggested(client, portal):
    response = _search(client, q="Bökingen", quarter="nordstadt")
    assert response.context["page"].paginator.count == 0
    assert response.context["result"].suggestions == ["Böckingen"]
    assert "?q=B%C3%B6ckingen&amp;quarter=nordstadt" in response.content.decode()


def test_the_kind_links_filter_the_results(client, portal):
    response = _search(client, q="Böckingen", kind="actor")
    assert [e.title for e in response.context["page"]] == ["Turnverein Böckingen"]
    assert response.context["kinds"]


def test_renaming_an_actor_finds_its_offers_by_the_new_name(client, portal):
    portal["cafe"].actor = portal["actor"]
    portal["cafe"].save()
    actor = portal["actor"]
    actor.name = "Kulturfreunde Neckar"
    actor.save()
    assert "Sprachcafé" in _titles(client, q="Kulturfreunde")


def test_the_offer_list_search_box_forgives_the_same_way(client, portal):
    response = client.get("/de/angebote/", {"q": "Deutschkurs"})
    assert [o.title for o in response.context["page"]] == ["Sprachcafé"]
    response = client.get("/de/angebote/", {"q": "Hausaufgabenhilfee"})
    assert [o.title for o in response.context["page"]] == ["Hausaufgabenhilfe"]
    portal["cafe"].actor = portal["actor"]
    portal["cafe"].save()
    response = client.get("/de/angebote/", {"q": "Turnverein"})
    assert [o.title for o in response.context["page"]] == ["Sprachcafé"]


@pytest.mark.parametrize(
    "q",
    [
        "x" * 5000,
        "' OR 1=1 --",
        "%",
        "_",
        "%%%_%",
        "a\x00b",
        "\x00",
        "!!! ((( &&&",
        "<script>alert(1)</script>",
        "ق" * 300,
        " ",
    ],
)
def test_hostile_input_never_gives_a_500_and_keeps_what_was_typed(client, portal, q):
    response = client.get("/de/suche/", {"q": q, "page": "abc", "quarter": "\x00"})
    assert response.status_code == 200
    response = client.get("/de/angebote/", {"q": q})
    assert response.status_code == 200


def test_percent_and_underscore_match_nothing_literally(client, portal):
    assert _titles(client, q="%") == []
    assert _titles(client, q="_") == []


def test_the_rebuilt_index_finds_the_same(client, portal):
    before = _titles(client, q="Böckingen")
    rebuild()
    assert _titles(client, q="Böckingen") == before


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, portal, django_assert_max_num_queries
):
    for n in range(30):
        make_offer(title=f"Sprachcafé {n}", slug=f"sprachcafe-{n}")
    with django_assert_max_num_queries(8):
        _search(client, q="Sprachcafe")
    with django_assert_max_num_queries(16):
        _search(client, q="Xylophonorchester Bökingen", quarter="boeckingen")


def test_a_snippet_is_in_the_page_language_alone(client, portal):
    quarter = portal["boeckingen"]
    quarter.description_de = "Stadtteil westlich des Neckars."
    quarter.description_ar = "حيّ غرب نهر نيكار."
    quarter.save()
    entry = _search(client, "ar", q="Böckingen").context["page"][0]
    assert entry.snippet == "حيّ غرب نهر نيكار."
    entry = _search(client, "tr", q="Böckingen").context["page"][0]
    assert entry.snippet == "Stadtteil westlich des Neckars."


def test_a_new_synonym_shows_at_once_with_the_page_cache_on(client, portal, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert _titles(client, q="Konversation") == []
    Synonym.objects.create(finds="Sprachcafé", terms_de="Konversation")
    assert _titles(client, q="Konversation") == ["Sprachcafé"]
    # The index's own rows are no content: they never bump the cache version on their own.
    from portal.cache import current_version
    from search.models import Entry

    version = current_version()
    Entry.objects.filter(kind="offer").first().delete()
    assert current_version() == version


def test_renaming_a_neighbourhood_finds_what_happens_there_by_the_new_name(client, portal):
    quarter = portal["boeckingen"]
    quarter.name = "Klingenberg"
    quarter.save()
    titles = _titles(client, q="Klingenberg")
    assert {"Sprachcafé", "Turnverein Böckingen", "Stadtteilhaus Böckingen"} <= set(titles)


def test_markup_of_a_rich_text_description_is_not_searchable(client):
    make_offer(title="Nähcafé", description="<p>Wir <strong>nähen</strong> gemeinsam.</p>")
    assert "Nähcafé" in client.get("/de/suche/", {"q": "nähen"}).content.decode()
    assert "Nähcafé" not in client.get("/de/suche/", {"q": "strong"}).content.decode()


def test_a_result_for_an_activity_names_where_it_happens(client):
    centre = make_centre(name="Quartierszentrum Teststadt")
    site = make_site(centre, name="Bürgerhaus am Markt")
    make_offer(title="Strickcafé", summary="Wir stricken zusammen.", centre=centre, site=site)
    make_offer(title="Strickcafé", summary="Wir stricken zusammen.", slug="strick-2", centre=centre)
    page = client.get("/de/suche/", {"q": "Strickcafé"}).content.decode()
    assert "Bürgerhaus am Markt · Wir stricken zusammen." in page
    assert "Quartierszentrum Teststadt · Wir stricken zusammen." in page


def test_a_new_neighbourhood_reads_nothing_that_could_refer_to_it(portal):
    """Only a changed row sends its activities, sites and actors to the index again; a created
    one has none yet (renaming is tested above)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    centre = make_centre()
    with CaptureQueriesContext(connection) as queries:
        make_quarter(centre=centre)
    read = " ".join(query["sql"] for query in queries.captured_queries if "SELECT" in query["sql"])
    for table in ("offers_offer", "centers_site", "network_actor"):
        assert f'FROM "{table}"' not in read, table
