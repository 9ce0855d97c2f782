"""The activity list filtered in memory (issue 18): a new combination of filters is selected from
the published activities kept per content version (offers.fragments.listing_index), not by a
query. The result must be exactly the queryset's, page for page and byte for byte, and a save
or the clock must change it at once."""

import itertools
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from offers.forms import OfferFilterForm
from offers.fragments import listing_index
from offers.models import CostType, Offer, OfferState
from portal.cache import invalidate_pages
from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter, make_site
from tests.network.factories import make_actor
from tests.offers.factories import (
    make_category,
    make_language,
    make_offer,
    make_slot,
    make_target_group,
)

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600
    invalidate_pages()  # nothing kept from another test's rows


@pytest.fixture(scope="module")
def world(shared_data):
    """Activities that differ in every filtered attribute, some of them not public."""
    rng = random.Random(18)
    centres = [make_centre(), make_centre()]
    quarters = [make_quarter(centres[0]), make_quarter(centres[1]), make_quarter()]
    sites = [make_site(centres[0], quarter=quarters[1]), make_site(centres[1])]
    groups = [make_target_group(), make_target_group()]
    categories = [make_category(), make_category()]
    languages = [make_language("de"), make_language("tr")]
    actors = [make_actor(), make_actor()]
    titles = ["Ähren", "apfel", "Zumba", "Café", "café", "Yoga", "yoga", "Boule"]
    for n in range(40):
        offer = make_offer(
            title=f"{rng.choice(titles)} {n % 7}",
            title_en=rng.choice([None, "", f"English {n % 5}"]),
            quarter=rng.choice([None, *quarters]),
            site=rng.choice([None, *sites]),
            centre=rng.choice([None, *centres]),
            actor=rng.choice([None, *actors]),
            category=rng.choice([None, *categories]),
            cost_type=rng.choice(list(CostType.values)),
            min_age=rng.choice([None, 6, 16]),
            max_age=rng.choice([None, 12, 99]),
            target_groups=rng.sample(groups, rng.randint(0, 2)),
            languages=rng.sample(languages, rng.randint(0, 2)),
        )
        for _ in range(rng.randint(0, 2)):
            day = rng.randrange(7)
            hour = rng.choice([8, 11, 12, 16, 17, 20])
            make_slot(
                offer,
                weekdays=rng.choice([str(day), f"{day}{(day + 2) % 7}"]),
                start_time=f"{hour}:00",
                end_time=f"{hour}:30",
            )
    make_offer(title="Entwurf", publication_status=PublicationStatus.DRAFT)
    make_offer(title="Beendet", state=OfferState.ENDED)
    make_offer(title="Abgelaufen", valid_until=date(2020, 1, 1))
    make_offer(title="Später", publish_from=timezone.now() + timedelta(days=3))
    return {
        "quarter": [q.slug for q in quarters],
        "centre": [c.slug for c in centres],
        "actor": [str(a.pk) for a in actors],
        "target_group": [g.slug for g in groups],
        "category": [c.slug for c in categories],
        "language": [lang.code for lang in languages],
        "age": ["5", "10", "16", "50"],
        "weekday": [str(day) for day in range(7)],
        "time": ["morning", "afternoon", "evening"],
        "free": ["on"],
    }


def _combinations(world, count=120):
    """No filter, pairs of filters and a few of three to six, in a repeatable order."""
    rng = random.Random(7)
    names = list(world)
    pairs = [
        {first: a, second: b}
        for first, second in itertools.combinations(names, 2)
        for a, b in itertools.product(world[first], world[second])
    ]
    more = [
        {name: rng.choice(world[name]) for name in rng.sample(names, rng.randint(3, 6))}
        for _ in range(count // 3)
    ]
    found = rng.sample(pairs, count - len(more) - 1) + more
    rng.shuffle(found)
    return [{}, *found]


def _by_queryset(data, language):
    form = OfferFilterForm(data)
    with translation.override(language):
        offers = form.filter(Offer.objects.published(), language).order_by("title", "pk")
        return list(offers.values_list("pk", flat=True))


def _in_memory(data, language):
    with translation.override(language):
        return OfferFilterForm(data).select(listing_index())


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_kept_rows_select_what_the_queryset_selects(world, fragments, language):
    combinations = _combinations(world)
    assert any(not _by_queryset(data, language) for data in combinations)  # empty ones too
    for data in combinations:
        assert _in_memory(data, language) == _by_queryset(data, language), data


def test_invalid_values_select_nothing_as_before(world, fragments):
    for data in ({"quarter": "gibt-es-nicht"}, {"age": "-1"}, {"weekday": "9"}, {"actor": "x"}):
        assert _in_memory(data, "de") == _by_queryset(data, "de") == []


def _pages(client, addresses):
    pages = []
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200
        pages.append(response.content)
    return pages


def test_the_list_pages_are_byte_identical_to_the_queryset_path(client, world, settings):
    settings.OFFERS_PER_PAGE = 4
    addresses = []
    for language in ("de", "ar"):
        with translation.override(language):
            base = reverse("offers:list")
        for data in [*_combinations(world, 4), {"quarter": "gibt-es-nicht"}, {"age": "abc"}]:
            query = "&".join(f"{name}={value}" for name, value in data.items())
            addresses += [f"{base}?{query}", f"{base}?{query}&page=2", f"{base}?{query}&page=x"]
    with override_settings(FRAGMENT_CACHE_SECONDS=0):
        plain = _pages(client, addresses)
    with override_settings(FRAGMENT_CACHE_SECONDS=3600):
        invalidate_pages()
        kept = _pages(client, addresses)
    for address, before, after in zip(addresses, plain, kept, strict=True):
        assert before == after, address
    assert any(b"Fehler:" in page or b"Error:" in page for page in plain)  # the errors shown


def test_a_save_changes_a_filtered_list_at_once(client, fragments):
    first, second = make_category(), make_category()
    offer = make_offer(title="Lauftreff", category=first)
    url = reverse("offers:list")
    assert "Lauftreff" in client.get(url, {"category": first.slug}).content.decode()
    offer.category = second
    offer.save()
    assert "Lauftreff" not in client.get(url, {"category": first.slug}).content.decode()
    assert "Lauftreff" in client.get(url, {"category": second.slug}).content.decode()
    make_slot(offer, weekdays="3")
    assert "Lauftreff" in client.get(url, {"weekday": "3"}).content.decode()


def test_the_clock_ends_a_publication_in_a_filtered_list(client, fragments):
    group = make_target_group()
    until = datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN)
    make_offer(title="Ferienspiele", target_groups=[group], publish_until=until)
    url = reverse("offers:list")
    with time_machine.travel(until - timedelta(hours=1), tick=False):
        assert "Ferienspiele" in client.get(url, {"target_group": group.slug}).content.decode()
    with time_machine.travel(until + timedelta(minutes=1), tick=False):
        assert "Ferienspiele" not in client.get(url, {"target_group": group.slug}).content.decode()


def test_a_new_filter_combination_asks_the_database_nothing(
    client, world, fragments, django_assert_num_queries
):
    url = reverse("offers:list")
    client.get(url, {"free": "on"})  # kept: the rows, the choices
    for number in (1, 2, 3):  # every card
        client.get(url, {"page": number})
    with django_assert_num_queries(0):
        for data in _combinations(world, 30):
            assert client.get(url, data).status_code == 200


def test_a_renamed_category_shows_in_the_filter_form_at_once(client, fragments):
    category = make_category(name="Sport")
    make_offer(category=category)
    url = reverse("offers:list")
    assert ">Sport</option>" in client.get(url, {"free": "on"}).content.decode()
    category.name = "Sport und Bewegung"
    category.save()
    html = client.get(url, {"free": "on", "age": "9"}).content.decode()
    assert ">Sport und Bewegung</option>" in html


def test_typed_texts_and_wrong_values_are_not_kept_in_memory(client, fragments):
    from portal import cache

    make_offer()
    url = reverse("offers:list")
    client.get(url, {"age": "7"})
    client.get(url, {"q": "Suche", "age": "abc"})  # the form around wrong values, kept once
    kept = len(cache._local["entries"])
    for n in range(20):
        client.get(url, {"q": f"Suche {n}", "age": f"0{n}", "quarter": f"x{n}", "weekday": n + 7})
    assert len(cache._local["entries"]) == kept


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_filter_form_joined_from_kept_parts_is_the_form_the_template_writes(
    fragments, language
):
    from django.template.loader import render_to_string

    from offers.fragments import FILTER_FIELDS, filter_form
    from offers.templatetags.offers_tags import form_field

    quarter = make_quarter(make_centre(), slug="boeckingen")
    make_offer(quarter=quarter, category=make_category(slug="sport"))
    addresses = [
        {},
        {"quarter": "boeckingen", "free": "on"},
        {"quarter": "nirgendwo", "age": "abc", "weekday": "9"},
        {"q": '<b>Café "Treff"</b>', "category": "sport"},
        {"q": "\x00q\x00", "quarter": "\x00quarter\x00", "free": "on"},  # the join's marker
        {"age": "7", "time": "afternoon", "free": "on"},
    ]
    with translation.override(language):
        for data in addresses * 2:  # the second time from what was kept
            form = OfferFilterForm(data or None)
            is_filtered = form.is_bound and form.is_filtered()
            fields = {name: form_field(form[name]) for name in FILTER_FIELDS}
            expected = render_to_string(
                "offers/includes/offer_filters.html",
                {"form": form, "fields": fields, "is_filtered": is_filtered},
            )
            assert filter_form(OfferFilterForm(data or None), is_filtered) == expected
