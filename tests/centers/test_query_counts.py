"""Queries per page must not grow with sites, contacts, documents or activities (10x the demo)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from centers.models import Centre
from search.registry import paused as search_index_paused
from tests.factories import make_contact, make_document, make_quarter, make_site
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


def _grow(factor):
    """Add `factor` times the demo's sites, contacts and documents to every operating centre
    (the search index, which no counted page reads, is left as it is)."""
    with search_index_paused():
        _add(factor)


def _add(factor):
    for centre in Centre.objects.operating():
        for n in range(factor):
            make_site(centre, name=f"Außenstelle {n}", latitude="49.1", longitude="9.2")
            make_contact(centre)
            make_document(centre, year=1900 + n)
            quarter = make_quarter(centre)
            for weekday in range(2):
                make_offer(
                    centre=centre,
                    quarter=centre.quarters.first() or quarter,
                    slots=[(weekday, "15:00", "17:00")],
                )


URLS = [
    ("/de/", 4),
    ("/ar/quartierszentren/", 6),
    ("/de/quartierszentren/boeckingen/", 10),
    # The neighbourhood page also lists its network (actors, ideas) and each activity's
    # next date (cancellations, holiday and closure periods): one query each.
    ("/tr/quartiere/kreuzgrund/", 13),
    ("/de/quartiere/", 4),
    ("/ru/kontakt/", 6),
]


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture(scope="module")
def counted(demo_content):
    """Queries of every page on the demo, then on ten times its data (grown once per module)."""
    client = Client()
    with_demo = {url: _queries(client, url) for url, _limit in URLS}
    _grow(10)
    grown = {url: _queries(client, url) for url, _limit in URLS}
    return with_demo, grown


@pytest.mark.parametrize(("url", "limit"), URLS)
def test_queries_stay_flat_with_ten_times_the_demo_data(counted, url, limit):
    with_demo, grown = counted
    assert with_demo[url] <= limit
    assert grown[url] == with_demo[url]
    assert Centre.objects.get(slug="boeckingen").sites.count() >= 12
