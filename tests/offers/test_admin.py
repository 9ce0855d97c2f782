from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer, OfferState, Recurrence
from portal.models import PublicationStatus
from tests.factories import make_centre
from tests.offers.factories import make_language, make_offer, make_slot, make_target_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def _action(client, action, offers):
    return client.post(
        reverse("admin:offers_offer_changelist"),
        {"action": action, "_selected_action": [offer.pk for offer in offers]},
        follow=True,
    )


def test_duplicating_copies_slots_cancellations_and_groups_as_a_draft(editor_client):
    offer = make_offer(
        title="Sprachcafé",
        slots=[(3, "10:00", "11:30")],
        target_groups=[make_target_group()],
        languages=[make_language("ar")],
        cancelled=[date(2025, 3, 13)],
    )
    make_slot(offer, Recurrence.MONTHLY, weekday=4, week_of_month=1)
    response = _action(editor_client, "duplicate", [offer])
    assert response.status_code == 200
    copy = Offer.objects.exclude(pk=offer.pk).get()
    assert copy.publication_status == PublicationStatus.DRAFT
    assert copy.slug != offer.slug and copy.uid != offer.uid
    assert copy.schedules.count() == 2
    assert copy.cancellations.count() == 1
    assert copy.target_groups.count() == 1 and copy.languages.count() == 1
    assert offer.schedules.count() == 2  # the original keeps its own


def test_bulk_publish_and_pause(editor_client):
    drafts = [make_offer(publication_status="draft") for _ in range(2)]
    _action(editor_client, "publish", drafts)
    assert Offer.objects.published().count() == 2
    _action(editor_client, "pause", drafts[:1])
    assert Offer.objects.filter(state=OfferState.PAUSED).count() == 1


def test_the_stale_filter_lists_offers_not_checked_for_six_months(editor_client):
    today = timezone.localdate()
    make_offer(title="Frisch", last_checked=today - timedelta(days=30))
    make_offer(title="Alt", last_checked=today - timedelta(days=200))
    make_offer(title="Nie", last_checked=None)
    response = editor_client.get(reverse("admin:offers_offer_changelist"), {"checked": "stale"})
    titles = {offer.title for offer in response.context["cl"].result_list}
    assert titles == {"Alt", "Nie"}


def test_the_change_form_has_inline_slots_and_cancellations(editor_client):
    offer = make_offer(centre=make_centre(), slots=[(1, "15:00", "17:00")])
    response = editor_client.get(reverse("admin:offers_offer_change", args=[offer.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="schedules-0-start_time"' in html
    assert "cancellations-TOTAL_FORMS" in html
    # Hours and minutes, as the public pages show them (the German format added :00 seconds).
    assert 'name="schedules-0-start_time" value="15:00"' in html
    assert 'name="schedules-0-end_time" value="17:00"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"centre__id__exact": "1"},
        {"publication_status__exact": "draft"},
        {"is_proposal__exact": "1"},
    ],
)
def test_the_changelist_filters_work(editor_client, params):
    make_offer()
    assert editor_client.get(reverse("admin:offers_offer_changelist"), params).status_code == 200
