"""Pages of activities need a constant number of queries, also on ten times the demo."""

import uuid
from datetime import date, time

import pytest
from django.urls import reverse

from demo.offers_content import OFFERS
from offers.models import Offer, Schedule, TargetGroup

pytestmark = pytest.mark.django_db


def _multiply(factor):
    """Copy the demo offers factor-1 more times with bulk inserts (10x the demo)."""
    originals = list(Offer.objects.prefetch_related("schedules", "target_groups", "languages"))
    groups = {g.pk: g for g in TargetGroup.objects.all()}
    new_offers, slots, links_groups, links_langs = [], [], [], []
    for n in range(1, factor):
        for offer in originals:
            copy = Offer(
                **{
                    f.attname: getattr(offer, f.attname)
                    for f in Offer._meta.concrete_fields
                    if f.attname not in {"id", "uid", "slug"}
                },
                uid=uuid.uuid4(),
                slug=f"{offer.slug}-{n}",
            )
            new_offers.append((copy, offer))
    Offer.objects.bulk_create([copy for copy, _o in new_offers], batch_size=500)
    for copy, offer in new_offers:
        for slot in offer.schedules.all():
            slots.append(
                Schedule(
                    offer=copy,
                    recurrence=slot.recurrence,
                    weekday=slot.weekday,
                    week_of_month=slot.week_of_month,
                    date=slot.date,
                    start_time=slot.start_time,
                    end_time=slot.end_time,
                )
            )
        links_groups += [
            Offer.target_groups.through(offer_id=copy.pk, targetgroup_id=g.pk)
            for g in offer.target_groups.all()
        ]
        links_langs += [
            Offer.languages.through(offer_id=copy.pk, offerlanguage_id=lang.pk)
            for lang in offer.languages.all()
        ]
    Schedule.objects.bulk_create(slots, batch_size=1000)
    Offer.target_groups.through.objects.bulk_create(links_groups, batch_size=1000)
    Offer.languages.through.objects.bulk_create(links_langs, batch_size=1000)
    assert groups


@pytest.fixture(scope="module")
def big_demo(demo_content):
    """Ten times the demo, made once for this module inside its shared transaction."""
    _multiply(10)
    assert Offer.objects.count() >= 10 * len(OFFERS) * 4


@pytest.mark.parametrize(
    ("name", "kwargs", "params"),
    [
        ("offers:list", {}, {}),
        (
            "offers:list",
            {},
            {
                "quarter": "boeckingen",
                "age": 9,
                "weekday": 2,
                "time": "afternoon",
                "free": "on",
                "target_group": "kinder",
                "language": "de",
                "q": "Hilfe",
                "page": 2,
            },
        ),
        ("offers:detail", {"slug": "hausaufgabenhilfe-boeckingen-7"}, {}),
        ("offers:this-week", {}, {"quarter": "boeckingen"}),
        ("offers:weekly-plan", {"slug": "boeckingen"}, {}),
        ("offers:ical", {"kind": "quartier", "slug": "boeckingen"}, {}),
        ("offers:ical", {"kind": "angebot", "slug": "sprachcafe-nordstadt-3"}, {}),
        ("offers:csv", {}, {}),
        ("offers:this-week", {}, {}),
        # Neighbourhood and centre pages: tests/centers/test_query_counts.py.
        ("network:actor-detail", {"slug": "sportfreunde-boeckingen-kreuzgrund"}, {}),
        ("survey:landing", {}, {}),
        ("home", {}, {}),
        ("hsds:services", {}, {"page": 3}),
    ],
)
def test_pages_use_a_constant_number_of_queries_on_10x_the_demo(
    client, big_demo, django_assert_max_num_queries, name, kwargs, params
):
    # 20 at most (the filtered list): five filter lists and what cards name (six small tables;
    # both kept per content version outside tests), the actors to filter by, synonyms and index
    # entries of the text search, count and page of offers, and for the cards their target
    # groups, slots, cancellations and holiday and closure periods (one query each, however
    # many offers).
    with django_assert_max_num_queries(20):
        response = client.get(reverse(name, kwargs=kwargs), params)
    assert response.status_code == 200


def test_the_hsds_service_uses_few_queries(client, big_demo, django_assert_max_num_queries):
    offer = Offer.objects.published().first()
    with django_assert_max_num_queries(10):
        response = client.get(reverse("hsds:service", kwargs={"uid": offer.uid}))
    assert response.status_code == 200
    assert time(0) < time(1) and date.today()
