"""Every admin action goes through the offer's workflow methods: a history row names who did
it, and the public page shows the change at once, even with the page cache on."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer, OfferState
from portal import cache as page_cache
from portal.models import PublicationStatus
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    user = User.objects.create_superuser("redaktion-test", "r@example.org", "pw")
    client.force_login(user)
    return user


def _action(client, action, offers):
    response = client.post(
        reverse("admin:offers_offer_changelist"),
        {"action": action, "_selected_action": [offer.pk for offer in offers]},
        follow=True,
    )
    assert response.status_code == 200
    return response


def _public_page(offer):
    return Client().get(f"/de/angebote/{offer.slug}/")


def _last_history(offer):
    return offer.history.order_by("-history_id").first()


def test_pausing_leaves_a_history_row_and_the_public_page_says_so_at_once(client, editor):
    offer = make_offer(publication_status=PublicationStatus.PUBLISHED)
    assert "paused at the moment" not in _public_page(offer).content.decode().lower()
    rows = offer.history.count()

    _action(client, "pause", [offer])

    offer.refresh_from_db()
    assert offer.state == OfferState.PAUSED
    assert offer.history.count() == rows + 1
    assert _last_history(offer).history_user == editor
    assert "pausiert" in _public_page(offer).content.decode().lower()


def test_resuming_leaves_a_history_row_and_the_note_disappears_at_once(client, editor):
    offer = make_offer(publication_status=PublicationStatus.PUBLISHED, state=OfferState.PAUSED)
    assert "pausiert" in _public_page(offer).content.decode().lower()
    rows = offer.history.count()

    _action(client, "resume", [offer])

    offer.refresh_from_db()
    assert offer.state == OfferState.ACTIVE
    assert offer.history.count() == rows + 1
    assert "pausiert" not in _public_page(offer).content.decode().lower()


def test_marking_checked_leaves_a_history_row_and_refreshes_cached_pages(client, editor):
    offer = make_offer(publication_status=PublicationStatus.PUBLISHED, last_checked=None)
    _public_page(offer)
    version = page_cache.current_version()
    rows = offer.history.count()

    _action(client, "mark_checked", [offer])

    offer.refresh_from_db()
    assert offer.last_checked == timezone.localdate()
    assert offer.history.count() == rows + 1
    assert _last_history(offer).history_user == editor
    assert page_cache.current_version() != version


def test_publishing_leaves_a_history_row_and_the_page_appears_at_once(client, editor):
    offer = make_offer(publication_status=PublicationStatus.REVIEW)
    assert _public_page(offer).status_code == 404

    _action(client, "publish", [offer])

    assert _public_page(offer).status_code == 200
    assert _last_history(offer).publication_status == PublicationStatus.PUBLISHED
    assert _last_history(offer).history_user == editor


def test_submitting_for_review_leaves_a_history_row(client, editor):
    offer = make_offer(publication_status=PublicationStatus.DRAFT)
    _action(client, "submit_for_review", [offer])
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.REVIEW
    assert _last_history(offer).publication_status == PublicationStatus.REVIEW
    assert _last_history(offer).history_user == editor


def test_an_action_that_changes_nothing_leaves_no_history_row(client, editor):
    offer = make_offer(publication_status=PublicationStatus.PUBLISHED, state=OfferState.PAUSED)
    rows = offer.history.count()
    _action(client, "pause", [offer])
    assert offer.history.count() == rows


def test_a_quarter_manager_cannot_publish_through_the_model_either():
    from django.core.exceptions import PermissionDenied

    offer = make_offer(publication_status=PublicationStatus.REVIEW)
    manager = User.objects.create_user("qm-test", password="pw", is_staff=True)
    with pytest.raises(PermissionDenied):
        offer.publish(manager)
    assert Offer.objects.get(pk=offer.pk).publication_status == PublicationStatus.REVIEW
