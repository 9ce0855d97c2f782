"""Issue 17: the anonymous page cache cannot be filled, poisoned or flushed from outside."""

import tracemalloc

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse

from offers.models import Offer
from portal.cache import AnonymousPageCacheMiddleware, current_version
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db

BUDGET = 1024 * 1024
SMALL_PAGES = {
    "BACKEND": "portal.cache.BoundedLocMemCache",
    "LOCATION": "budget-test",
    "OPTIONS": {"MAX_BYTES": BUDGET, "MAX_ENTRIES": 100_000},
}


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _stored_bytes():
    return caches["pages"].stored_bytes()


def test_two_thousand_made_up_query_strings_leave_the_cache_as_it_was(client, page_cache):
    client.get("/robots.txt")
    baseline = _stored_bytes()
    for number in range(2000):
        response = client.get(f"/robots.txt?cb={number}")
        assert response.status_code == 200
    assert _stored_bytes() == baseline


def test_the_sitemap_is_cached_once_whatever_is_appended_to_its_address(client, page_cache):
    for number in range(50):
        client.get(f"/sitemap.xml?cb={number}")
    assert _stored_bytes() == 0
    client.get("/sitemap.xml")
    once = _stored_bytes()
    client.get("/sitemap.xml")
    assert 0 < _stored_bytes() == once


def _big_page(request):
    return HttpResponse("x" * 20_000)


_big_page.page_cache_params = frozenset({"q"})
urlpatterns = [path("big/", _big_page)]


@override_settings(ROOT_URLCONF=__name__, CACHES={"default": SMALL_PAGES, "pages": SMALL_PAGES})
def test_two_thousand_understood_query_strings_stay_within_a_byte_budget(rf, page_cache):
    """A view's own parameters do make entries; the byte budget bounds what they can take.

    Without the budget 2,000 pages of 20 kB would hold about 40 MB in each worker.
    """
    middleware = AnonymousPageCacheMiddleware(_big_page)
    tracemalloc.start()
    before, _peak = tracemalloc.get_traced_memory()
    for number in range(2000):
        response = middleware(rf.get(f"/big/?q={number}", HTTP_HOST="localhost"))
        assert response.status_code == 200
    after, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert caches["pages"].stored_bytes() <= BUDGET
    # The budget plus the bookkeeping of the entries (keys, expiry times): well under 3 MB.
    assert after - before < 3 * BUDGET


def test_query_parameters_in_another_order_share_one_cached_page(client, page_cache):
    make_offer(title="Sprachcafé")
    first = client.get("/de/angebote/?weekday=2&free=on")
    second = client.get("/de/angebote/?free=on&weekday=2")
    assert first.templates and not second.templates


def test_a_foreign_host_gets_400_even_when_the_page_is_cached(client, page_cache):
    assert client.get("/robots.txt", HTTP_HOST="localhost").status_code == 200
    response = client.get("/robots.txt", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert b"evil.example" not in response.content


def test_a_page_built_for_one_host_is_never_served_to_another(client, page_cache):
    # Allowed (the port is not part of ALLOWED_HOSTS), but the answer stays with that host.
    odd = client.get("/robots.txt", HTTP_HOST="127.0.0.1:6666").content.decode()
    assert "http://127.0.0.1:6666/sitemap.xml" in odd
    normal = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in normal
    assert "6666" not in normal


def test_the_cache_key_holds_the_scheme(client, page_cache, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    secure = client.get(
        "/robots.txt", HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https"
    ).content.decode()
    assert "http://localhost/" in plain and "https://localhost/" in secure


def test_an_answer_larger_than_the_item_limit_is_not_kept(client, page_cache, settings):
    settings.PAGE_CACHE_MAX_ITEM_BYTES = 50
    client.get("/de/impressum/")
    assert _stored_bytes() == 0


def test_a_residents_suggestion_does_not_flush_the_page_cache(client, page_cache):
    version = current_version()
    response = client.post(
        reverse("offers:propose"),
        {
            "name": "Aylin Beispiel",
            "contact": "aylin@example.org",
            "title": "Spieleabend",
            "description": "Brettspiele.",
            "when": "freitags",
            "where": "",
            "website_url": "",
        },
    )
    assert response.status_code == 302
    assert Offer.objects.get().is_proposal
    assert current_version() == version


def test_an_editor_publishing_a_suggestion_does_flush_it(client, page_cache):
    offer = make_offer(is_proposal=True, publication_status="draft")
    version = current_version()
    offer.publication_status = "published"
    offer.save()
    assert current_version() > version


def test_an_editors_change_to_an_actor_refreshes_cached_pages(db, page_cache):
    from network.models import Actor

    version = current_version()
    Actor.objects.create(name="Sportverein (Test)", slug="sportverein-test")
    assert current_version() != version


def test_a_residents_idea_or_registration_leaves_the_cache_alone(db, page_cache):
    from centers.models import Quarter
    from network.models import Actor, Idea

    quarter = Quarter.objects.create(name="Quartier", slug="quartier-cache")
    version = current_version()
    Idea.objects.create(quarter=quarter, title="Bank am Spielplatz", text="Bitte eine Bank.")
    Actor.objects.create(name="Initiative (neu)", slug="initiative-neu", registered_online=True)
    assert current_version() == version


def test_the_byte_count_follows_writes_replacements_deletions_and_expiry():
    from portal.cache import BoundedLocMemCache, _held_bytes

    store = BoundedLocMemCache(
        "count-test", {"OPTIONS": {"MAX_BYTES": 50_000, "MAX_ENTRIES": 40, "CULL_FREQUENCY": 4}}
    )
    store.clear()
    for number in range(300):
        store.set(f"k{number % 70}", "x" * (number * 37 % 3000), timeout=None)
        if number % 7 == 0:
            store.delete(f"k{(number * 3) % 70}")
        if number % 11 == 0:
            store.set(f"short{number}", "y" * 500, timeout=-1)  # expired at once
            store.get(f"short{number}")
        assert _held_bytes["count-test"] == store.stored_bytes() <= 50_000
    store.clear()
    assert _held_bytes["count-test"] == 0 == store.stored_bytes()
