"""Publishing workflow: review and publish actions, scheduled publishing, staff previews."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from offers.models import Offer
from portal.models import PublicationStatus

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _action(client, model, action, objects):
    return client.post(
        reverse(f"admin:{model}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def test_a_quarter_manager_submits_for_review_and_the_office_publishes(client, world):
    offer = world.own.offer
    client.force_login(world.users["qm"])
    _action(client, "offers_offer", "submit_for_review", [offer])
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.REVIEW
    response = _action(client, "offers_offer", "publish", [offer])
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.REVIEW
    assert "publish" not in response.context["action_form"].fields["action"].choices.__str__()
    client.force_login(world.users["redaktion"])
    _action(client, "offers_offer", "publish", [offer])
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.PUBLISHED
    assert [record.history_user for record in offer.history.all()[:2]] == [
        world.users["redaktion"],
        world.users["qm"],
    ]


def test_the_action_list_offers_publishing_only_to_the_editorial_office(client, world):
    client.force_login(world.users["qm"])
    actions = dict(
        client.get(reverse("admin:centers_document_changelist"))
        .context["action_form"]
        .fields["action"]
        .choices
    )
    assert "submit_for_review" in actions
    assert "publish_selected" not in actions
    client.force_login(world.users["redaktion"])
    actions = dict(
        client.get(reverse("admin:centers_document_changelist"))
        .context["action_form"]
        .fields["action"]
        .choices
    )
    assert "publish_selected" in actions


def test_a_quarter_manager_cannot_publish_even_by_posting_the_action(client, world):
    document = world.own.document
    document.publication_status = PublicationStatus.DRAFT
    document.save()
    client.force_login(world.users["qm"])
    _action(client, "centers_document", "publish_selected", [document])
    document.refresh_from_db()
    assert document.publication_status == PublicationStatus.DRAFT


def test_a_scheduled_offer_appears_and_disappears_without_anyone_pressing_a_button(client, world):
    offer = world.own.offer
    offer.publication_status = PublicationStatus.PUBLISHED
    offer.publish_from = datetime(2026, 6, 1, 8, 0, tzinfo=BERLIN)
    offer.publish_until = datetime(2026, 6, 30, 0, 0, tzinfo=BERLIN)
    offer.save()
    url = offer.get_absolute_url()
    with time_machine.travel(datetime(2026, 6, 1, 7, 59, tzinfo=BERLIN), tick=False):
        assert client.get(url).status_code == 404
        assert offer not in Offer.objects.published()
    with time_machine.travel(datetime(2026, 6, 1, 8, 0, tzinfo=BERLIN), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(datetime(2026, 6, 30, 0, 0, tzinfo=BERLIN), tick=False):
        assert client.get(url).status_code == 404


def test_a_scheduled_centre_page_goes_live_at_its_time(client, world):
    centre = world.own.centre
    centre.publish_from = datetime(2026, 9, 1, 0, 0, tzinfo=BERLIN)
    centre.save()
    url = reverse("centers:centre-detail", kwargs={"slug": centre.slug})
    with time_machine.travel(datetime(2026, 8, 31, 23, 59, tzinfo=BERLIN), tick=False):
        assert client.get(url).status_code == 404
    with time_machine.travel(datetime(2026, 9, 1, 0, 0, tzinfo=BERLIN), tick=False):
        assert client.get(url).status_code == 200


def test_staff_preview_a_draft_marked_as_preview_and_never_cached(client, world):
    offer = world.own.offer
    url = offer.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(world.users["qm"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["preview"] is True
    assert b"preview-banner" in response.content
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_quarter_manager_cannot_preview_another_centres_draft_but_sees_its_public_pages(
    client, world
):
    client.force_login(world.users["qm"])
    assert client.get(world.foreign.offer.get_absolute_url()).status_code == 404
    world.foreign.offer.publication_status = PublicationStatus.PUBLISHED
    world.foreign.offer.save()
    response = client.get(world.foreign.offer.get_absolute_url())
    assert response.status_code == 200
    assert response.context["preview"] is False
    assert b"preview-banner" not in response.content


def test_the_centre_page_preview_shows_a_draft_centre_to_the_office(client, world):
    centre = world.own.centre
    centre.publication_status = PublicationStatus.DRAFT
    centre.save()
    url = reverse("centers:centre-detail", kwargs={"slug": centre.slug})
    assert client.get(url).status_code == 404
    client.force_login(world.users["redaktion"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"preview-banner" in response.content
    client.force_login(world.users["auswertung"])
    assert client.get(url).status_code == 404


def test_restoring_an_earlier_version_brings_the_old_text_back(client, world):
    offer = world.own.offer
    old_title = offer.title
    offer.title_de = "Neuer Titel"
    offer.save()
    first = offer.history.earliest()
    client.force_login(world.users["redaktion"])
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, first.history_id])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value not in (None, "") and not isinstance(value, list | tuple) and key != "image"
    }
    data |= {
        "schedules-TOTAL_FORMS": 0,
        "schedules-INITIAL_FORMS": 0,
        "cancellations-TOTAL_FORMS": 0,
        "cancellations-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer.refresh_from_db()
    assert offer.title == old_title


def test_only_paper_responses_get_a_history_and_it_goes_with_the_response(world):
    from survey.models import Channel, Response

    online = Response.objects.create(
        survey=world.survey,
        language="de",
        channel=Channel.ONLINE,
        submitted_on=world.own.response.submitted_on,
        submission_token="einmal",
    )
    assert online.history.count() == 0
    paper = world.own.response
    assert paper.history.count() == 1
    assert not hasattr(paper.history.first(), "submission_token")
    paper.delete()
    assert Response.history.filter(id=paper.pk).count() == 0


def _restore(client, obj, admin_name, version, inline_prefixes=()):
    url = reverse(f"admin:{admin_name}_simple_history", args=[obj.pk, version.history_id])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value not in (None, "") and not isinstance(value, list | tuple) and key != "image"
    }
    for prefix in inline_prefixes:
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return client.post(url, data)


def test_a_quarter_manager_cannot_republish_a_withdrawn_offer_by_restoring_a_version(client, world):
    offer = world.own.offer
    offer.publication_status = PublicationStatus.PUBLISHED
    offer.save()  # published by the editorial office
    published_version = offer.history.order_by("-history_id").first()
    offer.publication_status = PublicationStatus.DRAFT
    offer.save()  # the editorial office withdraws it

    client.force_login(world.users["qm"])
    response = _restore(
        client, offer, "offers_offer", published_version, ("schedules", "cancellations")
    )

    assert response.status_code == 200  # the form comes back with the explanation
    assert "publication_status" in response.context["adminform"].form.errors
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.DRAFT
    assert not Offer.objects.published().filter(pk=offer.pk).exists()
