"""The history keeps many-to-many values and cancellations; restoring brings them back, and a
change made meanwhile only to inline rows or links refuses an outdated save."""

from datetime import date, timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from offers.models import Cancellation, Offer
from portal.models import PublicationStatus
from staff import revisions
from staff.models import Revision, RevisionAction, RevisionState
from tests.offers.factories import make_target_group
from tests.roles.test_editorial import form_data

DAY = date(2031, 3, 4)
LATER = date(2031, 5, 6)


@pytest.fixture
def offer_with_past(world):
    """A published offer whose earlier version had other target groups and a cancellation."""
    offer = world.own.offer
    offer.publication_status = PublicationStatus.PUBLISHED
    offer.save()
    families = make_target_group(name="Familien", slug="familien")
    seniors = make_target_group(name="Seniorinnen und Senioren", slug="senioren")
    Cancellation.objects.create(offer=offer, date=DAY, reason_de="Ferien")
    offer.target_groups.set([families])
    version = offer.history.order_by("-history_id").first()
    # Later: other target groups, and the cancellation deleted.
    offer.target_groups.set([seniors])
    Cancellation.objects.get(offer=offer).delete()
    return offer, version, families, seniors


def _restore(client, offer, version):
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, version.history_id])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_data(page))


def test_the_old_version_shows_its_own_target_groups(client, world, offer_with_past):
    offer, version, families, _seniors = offer_with_past
    client.force_login(world.users["redaktion"])
    url = reverse("admin:offers_offer_simple_history", args=[offer.pk, version.history_id])
    form = client.get(url).context["adminform"].form
    assert list(form["target_groups"].value()) == [families.pk]


def test_restoring_brings_back_target_groups_and_a_deleted_cancellation(
    client, world, offer_with_past
):
    offer, version, families, _seniors = offer_with_past
    client.force_login(world.users["redaktion"])
    assert _restore(client, offer, version).status_code == 302
    assert list(offer.target_groups.all()) == [families]
    assert [(c.date, c.reason_de) for c in offer.cancellations.all()] == [(DAY, "Ferien")]
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.PUBLISHED


def test_a_quarter_managers_restore_waits_and_approval_brings_both_back(
    client, world, offer_with_past
):
    offer, version, families, seniors = offer_with_past
    client.force_login(world.users["qm"])
    assert _restore(client, offer, version).status_code == 302
    # Live is unchanged: still the new target groups, no cancellation.
    assert list(offer.target_groups.all()) == [seniors]
    assert not offer.cancellations.exists()
    revision = Revision.objects.get()
    assert revision.action == RevisionAction.RESTORE
    assert revision.state == RevisionState.PENDING

    changes = revisions.difference(revision)
    target_groups = next(c for c in changes["fields"] if c["label"] == "Zielgruppen")
    assert (target_groups["before"], target_groups["after"]) == (
        "Seniorinnen und Senioren",
        "Familien",
    )
    assert [inline["label"] for inline in changes["inlines"]] == ["ausgefallene Termine"]

    assert revisions.approve(revision, world.users["redaktion"])
    assert list(offer.target_groups.all()) == [families]
    assert [c.date for c in offer.cancellations.all()] == [DAY]


def test_a_quarter_managers_restore_of_a_withdrawn_offer_never_publishes(
    client, world, offer_with_past
):
    offer, version, _families, seniors = offer_with_past
    offer.publication_status = PublicationStatus.DRAFT  # withdrawn by the office
    offer.save_as(world.users["redaktion"])
    client.force_login(world.users["qm"])
    refused = _restore(client, offer, version)
    assert refused.status_code == 200
    assert "Nur die Redaktion kann veröffentlichen" in refused.content.decode()
    offer.refresh_from_db()
    assert offer.publication_status == PublicationStatus.DRAFT
    assert not Offer.objects.published().filter(pk=offer.pk).exists()
    assert list(offer.target_groups.all()) == [seniors]
    assert not offer.cancellations.exists()
    assert not Revision.objects.exists()


def test_the_history_names_changed_target_groups(client, world, offer_with_past):
    offer, _version, _families, _seniors = offer_with_past
    client.force_login(world.users["redaktion"])
    page = client.get(reverse("admin:offers_offer_history", args=[offer.pk])).content.decode()
    assert "Zielgruppen" in page
    assert "Familien" in page and "Seniorinnen und Senioren" in page
    assert "&#x27;targetgroup&#x27;" not in page  # no raw rows of the link table


def test_the_recycle_bin_brings_back_target_groups_and_cancellations(
    client, world, offer_with_past
):
    offer, _version, _families, seniors = offer_with_past
    # The cancellation deleted in the fixture went an hour ago; this one goes with the offer.
    Cancellation.history.filter(offer_id=offer.pk).update(
        history_date=F("history_date") - timedelta(hours=1)
    )
    Cancellation.objects.create(offer=offer, date=LATER, reason_de="Umbau")
    client.force_login(world.users["redaktion"])
    client.post(reverse("admin:offers_offer_delete", args=[offer.pk]), {"post": "yes"})
    record = Offer.history.get(id=offer.pk, history_type="-")
    client.post(reverse("admin:recycle_bin_restore", args=["offers", "offer", record.history_id]))
    restored = Offer.objects.get(pk=offer.pk)
    assert list(restored.target_groups.all()) == [seniors]
    assert [c.date for c in restored.cancellations.all()] == [LATER]


def test_an_actors_neighbourhoods_are_kept_in_its_history(world):
    from tests.factories import make_quarter
    from tests.network.factories import make_actor

    actor = make_actor(quarters=[world.own.quarter])
    other = make_quarter(world.own.centre, name="Quartier Neu", slug="quartier-neu")
    actor.quarters.set([other])
    first, latest = actor.history.order_by("history_id").first(), actor.history.first()
    from staff.history import m2m_values

    assert m2m_values(latest)["quarters"] == [other.pk]
    assert m2m_values(first)["quarters"] in ([], [world.own.quarter.pk])


# --- Two people, one entry: changes to inline rows and links count -------------------------


def _two_sessions(world):
    mine, theirs = Client(), Client()
    mine.force_login(world.users["redaktion"])
    theirs.force_login(world.users["superuser"])
    return mine, theirs


def _open(client, offer):
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    page = client.get(url)
    return url, form_data(page) | {"_editorial_version": page.context["editorial_version"]}


@pytest.mark.parametrize("what", ["edit", "delete"])
def test_a_cancellation_changed_in_another_tab_refuses_the_outdated_save(world, what):
    offer = world.own.offer
    Cancellation.objects.create(offer=offer, date=DAY, reason_de="Ferien")
    mine, theirs = _two_sessions(world)
    url, my_form = _open(mine, offer)
    my_form["title_de"] = "Mein neuer Titel"

    # Meanwhile, in another tab, only the cancellation is edited or deleted.
    _url, their_form = _open(theirs, offer)
    if what == "edit":
        their_form["cancellations-0-reason_de"] = "Betriebsausflug"
    else:
        their_form["cancellations-0-DELETE"] = "on"
    assert theirs.post(url, their_form).status_code == 302

    refused = mine.post(url, my_form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "während Sie ihn bearbeitet haben" in page, refused.context["errors"]
    assert ("1 geändert" if what == "edit" else "1 gelöscht") in page
    assert "ausgefallene Termine" in page
    assert "Mein neuer Titel" in page  # nothing typed is lost
    offer.refresh_from_db()
    assert offer.title_de != "Mein neuer Titel"

    # Saving again after reading is a decision: it goes through. (The browser posts the form
    # as shown; a row deleted meanwhile is shown as a new row: the same as posting it again.)
    again = my_form | {"_editorial_version": refused.context["editorial_version"]}
    saved = mine.post(url, again)
    assert saved.status_code == 302, saved.context["errors"]
    offer.refresh_from_db()
    assert offer.title_de == "Mein neuer Titel"
    # My form still had the cancellation: my version, with it, is what counts now.
    assert [(c.date, c.reason_de) for c in offer.cancellations.all()] == [(DAY, "Ferien")]


def test_a_time_slot_added_in_another_tab_refuses_the_outdated_save(world):
    from tests.offers.factories import make_slot

    offer = world.own.offer
    mine, _theirs = _two_sessions(world)
    url, my_form = _open(mine, offer)
    slot = make_slot(offer, weekday=2)
    slot.history.update(history_user=world.users["superuser"])
    my_form["title_de"] = "Mein Titel"
    refused = mine.post(url, my_form)
    assert refused.status_code == 200
    assert "Termine (1 hinzugefügt)" in refused.content.decode()


def test_target_groups_changed_in_another_tab_refuse_the_outdated_save(world):
    offer = world.own.offer
    group = make_target_group(name="Jugendliche", slug="jugendliche")
    mine, theirs = _two_sessions(world)
    url, my_form = _open(mine, offer)
    my_form["summary_de"] = "Meine Kurzbeschreibung"
    _url, their_form = _open(theirs, offer)
    their_form["target_groups"] = [str(group.pk)]
    assert theirs.post(url, their_form).status_code == 302

    refused = mine.post(url, my_form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Zielgruppen" in page
    assert "Meine Kurzbeschreibung" in page
