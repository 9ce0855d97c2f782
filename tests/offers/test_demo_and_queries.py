import pytest
from django.core.management import call_command
from django.urls import reverse

from centers.models import Centre
from offers.models import Cancellation, Offer, OfferLanguage, Schedule

pytestmark = pytest.mark.django_db
LANGS = ["de", "en", "ar", "ro", "ru", "tr"]


@pytest.fixture
def demo(demo_content):
    """The demo content shared by this module's tests (tests/conftest.py)."""


def test_the_demo_has_at_least_15_translated_offers_per_operating_centre(demo):
    for centre in Centre.objects.operating():
        offers = Offer.objects.published().for_centre(centre)
        assert offers.count() >= 15, centre
        assert offers.values("category").distinct().count() >= 6
        assert (
            offers.filter(target_groups__isnull=False).values("target_groups").distinct().count()
            >= 4
        )
    # What residents see is translated; an actor's suggestion waits in the words it came in.
    for offer in Offer.objects.published():
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
