import pytest
from django.urls import reverse

from offers.models import Schedule
from tests.offers.factories import make_offer, make_target_group

pytestmark = pytest.mark.django_db


def _feed(client):
    return client.get(reverse("offers:ical", kwargs={"kind": "zielgruppe", "slug": "kinder"}))


def test_a_feed_is_served_from_the_cache_the_second_time(client, django_assert_num_queries):
    group = make_target_group(slug="kinder")
    make_offer(title="Basteln", target_groups=[group], slots=[(1, "15:00", "16:00")])
    first = _feed(client)
    with django_assert_num_queries(0):
        second = _feed(client)
    assert second.content == first.content
    assert second["Content-Type"] == "text/calendar; charset=utf-8"
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_saving_an_offer_or_a_slot_invalidates_the_cached_feed(client):
    group = make_target_group(slug="kinder")
    offer = make_offer(title="Basteln", target_groups=[group], slots=[(1, "15:00", "16:00")])
    assert b"SUMMARY:Basteln" in _feed(client).content
    offer.title = "Malen"
    offer.save()
    assert b"SUMMARY:Malen" in _feed(client).content
    Schedule.objects.filter(offer=offer).update(start_time="09:00")  # no signal: bulk update
    slot = offer.schedules.get()
    slot.save()
    assert b"T090000" in _feed(client).content
    offer.target_groups.clear()
    assert b"SUMMARY:Malen" not in _feed(client).content


def test_the_cache_keeps_languages_apart(client):
    offer = make_offer(title="Basteln", title_en="Crafts", slots=[(1, "15:00", "16:00")])
    kwargs = {"kind": "angebot", "slug": offer.slug}
    assert b"Basteln" in client.get(reverse("offers:ical", kwargs=kwargs)).content
    assert b"Crafts" in client.get("/en" + reverse("offers:ical", kwargs=kwargs)[3:]).content


def test_the_cache_can_be_switched_off(client, settings, django_assert_max_num_queries):
    settings.OFFERS_EXPORT_CACHE_SECONDS = 0
    group = make_target_group(slug="kinder")
    make_offer(target_groups=[group], slots=[(1, "15:00", "16:00")])
    _feed(client)
    with django_assert_max_num_queries(10) as context:
        _feed(client)
    assert len(context.captured_queries) > 0
