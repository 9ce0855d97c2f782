import pytest
from django.core.management import call_command

from centers.models import Quarter
from demo.marks import is_demo
from network.models import Actor, Idea, IdeaStatus
from offers.models import Offer
from portal.models import PublicationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for the module; each test's changes are rolled back."""


def test_every_operating_centres_quarter_has_demo_actors_marked_as_demo(demo):
    for quarter in Quarter.objects.filter(centre__slug="boeckingen"):
        assert Actor.objects.published().in_quarter(quarter).exists(), quarter
    for actor in Actor.objects.all():
        assert is_demo(actor)
        assert "Demo" in actor.name
        assert all(
            getattr(actor, f"summary_{lang}") for lang in ["de", "en", "ar", "ro", "ru", "tr"]
        )


def test_some_demo_offers_are_run_by_actors_alone_or_in_cooperation(demo):
    run = Offer.objects.published().filter(actor__isnull=False)
    assert run.filter(centre__isnull=False).count() >= 5
    assert run.filter(centre__isnull=True).exists()


def test_the_demo_has_ideas_in_every_status_and_marks_them(demo):
    for status in IdeaStatus.values:
        assert Idea.objects.filter(status=status).exists(), status
    assert all(is_demo(idea) for idea in Idea.objects.all())
    assert not Idea.objects.filter(status=IdeaStatus.RECEIVED, is_shown=True).exists()


def test_loading_the_demo_twice_adds_no_actor_or_idea(demo):
    counts = Actor.objects.count(), Idea.objects.count()
    call_command("load_demo", verbosity=0)
    assert (Actor.objects.count(), Idea.objects.count()) == counts


def test_the_demo_boeckingen_page_lists_clubs_and_initiatives(client, demo):
    html = client.get("/ar/quartiere/boeckingen/").content.decode()
    assert "Sportfreunde Böckingen-Kreuzgrund (Demo)" in html
    assert "Repair-Initiative Neckarufer (Demo)" in html


def test_the_demo_has_draft_activities_suggested_by_actors_and_links_for_some(demo):
    suggested = Offer.objects.filter(is_proposal=True, actor__isnull=False)
    assert suggested.count() >= 2
    for offer in suggested:
        assert offer.publication_status == PublicationStatus.DRAFT
        assert is_demo(offer) and "Demo" in offer.title_de
        assert offer.centre_id and offer.schedules.exists()
    assert not Offer.objects.published().filter(pk__in=suggested).exists()
    linked = Actor.objects.exclude(suggestion_key_hash="")
    assert linked.count() == 3
    call_command("load_demo", verbosity=0)
    assert suggested.count() == Offer.objects.filter(is_proposal=True, actor__isnull=False).count()
    assert set(
        Actor.objects.exclude(suggestion_key_hash="").values_list("suggestion_key_hash")
    ) == (set(linked.values_list("suggestion_key_hash")))
