from datetime import date, time

import pytest
from django.core.management import call_command
from django.urls import reverse

from centers.models import Centre
from demo.offers_content import OFFERS
from offers.models import Cancellation, Offer, OfferLanguage, Schedule, TargetGroup

pytestmark = pytest.mark.django_db
LANGS = ["de", "en", "ar", "ro", "ru", "tr"]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_the_demo_has_at_least_15_translated_offers_per_operating_centre(demo):
    for centre in Centre.objects.operating():
        offers = Offer.objects.published().for_centre(centre)
        assert offers.count() >= 15, centre
        assert offers.values("category").distinct().count() >= 6
        assert (
            offers.filter(target_groups__isnull=False).values("target_groups").distinct().count()
            >= 4
        )
    for offer in Offer.objects.all():
        for lang in LANGS:
            assert getattr(offer, f"title_{lang}"), (offer.slug, lang)
            assert getattr(offer, f"summary_{lang}"), (offer.slug, lang)
    assert Cancellation.objects.exists()
    assert OfferLanguage.objects.filter(offers__isnull=False).distinct().count() >= 5


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (Offer.objects.count(), Schedule.objects.count(), Cancellation.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Offer.objects.count(), Schedule.objects.count(), Cancellation.objects.count()) == counts


def test_the_demo_has_something_free_for_a_9_year_old_in_boeckingen_on_wednesday_afternoon(
    client, demo
):
    response = client.get(
        reverse("offers:list"),
        {"quarter": "boeckingen", "age": 9, "weekday": 2, "time": "afternoon", "free": "on"},
    )
    titles = {offer.title for offer in response.context["page"].object_list}
    assert "Hausaufgabenhilfe für Grundschulkinder" in titles
    assert "Seniorentreff mit Kaffee und Kuchen" not in titles


def _multiply(factor):
    """Copy the demo offers factor-1 more times with bulk inserts (10x the demo)."""
    originals = list(Offer.objects.prefetch_related("schedules", "target_groups", "languages"))
    groups = {g.pk: g for g in TargetGroup.objects.all()}
    new_offers, slots, links_groups, links_langs = [], [], [], []
    import uuid

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


@pytest.fixture
def big_demo(demo):
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
        ("hsds:services", {}, {"page": 3}),
    ],
)
def test_pages_use_a_constant_number_of_queries_on_10x_the_demo(
    client, big_demo, django_assert_max_num_queries, name, kwargs, params
):
    with django_assert_max_num_queries(10):
        response = client.get(reverse(name, kwargs=kwargs), params)
    assert response.status_code == 200


def test_the_hsds_service_uses_few_queries(client, big_demo, django_assert_max_num_queries):
    offer = Offer.objects.published().first()
    with django_assert_max_num_queries(10):
        response = client.get(reverse("hsds:service", kwargs={"uid": offer.uid}))
    assert response.status_code == 200
    assert time(0) < time(1) and date.today()
