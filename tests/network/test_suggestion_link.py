"""A registered actor's contact person suggests activities through a personal, revocable link;
they arrive as drafts of that actor for the quarter management, never published."""

import copy
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from network.models import Actor, suggestion_key_hash
from offers.models import Offer, Recurrence
from portal.models import PublicationStatus
from staff.permissions import EDITORS, QUARTER_MANAGERS
from tests.factories import make_centre, make_quarter, make_site
from tests.network.factories import make_actor
from tests.offers.factories import make_target_group
from tests.roles.conftest import make_staff

pytestmark = pytest.mark.django_db

# SITE_URL is empty in the tests: the link is the path.
LINK = re.compile(r"/[a-z]{2}/angebote/vorschlagen/akteur/([A-Za-z0-9_-]+)/")


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def _world(shared_data):
    centre = make_centre(name="Quartierszentrum Böckingen", slug="qz-boeckingen")
    other_centre = make_centre(name="Zentrum Süd", slug="zentrum-sued")
    quarter = make_quarter(centre, name="Böckingen", slug="boeckingen")
    other = make_quarter(other_centre, name="Südstadt", slug="suedstadt")
    return {
        "centre": centre,
        "quarter": quarter,
        "other": other,
        "site": make_site(centre, name="Bürgerhaus Böckingen", quarter=quarter),
        "actor": make_actor(
            [quarter],
            name="Repair-Café Böckingen",
            email="repair@example.org",
            contact_name="Gisela Brandt",
            registered_online=True,
            languages="tr,de",
            publication_status=PublicationStatus.DRAFT,
        ),
        "qm": make_staff("qm", QUARTER_MANAGERS, [centre]),
        "qm_other": make_staff("qm-sued", QUARTER_MANAGERS, [other_centre]),
        "editor": make_staff("redaktion", EDITORS),
    }


@pytest.fixture
def world(db, _world):
    """Made once per module; each test gets its own copies, its changes are rolled back."""
    return copy.deepcopy(_world)


def _approve(client, world, capture):
    client.force_login(world["editor"])
    with capture(execute=True):
        client.post(
            reverse("admin:network_actor_changelist"),
            {"action": "publish_selected", "_selected_action": [world["actor"].pk]},
        )
    client.logout()
    world["actor"].refresh_from_db()


def _data(world, **overrides):
    return {
        "title": "Reparieren im Bürgerhaus",
        "description": "Wir reparieren Toaster, Fahrräder und Kleidung.",
        "recurrence": "weekly",
        "weekdays": ["1", "3"],
        "date": "",
        "start_time": "15:00",
        "end_time": "17:30",
        "quarter": world["quarter"].pk,
        "site": world["site"].pk,
        "cost_type": "free",
        "cost_amount": "",
        "registration_note": "",
        "note": "",
        "website_url": "",
    } | overrides


def _key(world, actor=None):
    actor = actor or world["actor"]
    actor.publication_status = PublicationStatus.PUBLISHED
    return actor.issue_suggestion_link(None)


def test_approval_mails_the_link_in_the_actors_language_and_stores_only_a_hash(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    _approve(client, world, django_capture_on_commit_callbacks)
    actor = world["actor"]
    assert actor.publication_status == PublicationStatus.PUBLISHED
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["repair@example.org"]
    key = LINK.search(mail.body).group(1)
    assert "/tr/" in mail.body  # Turkish is the first of its languages the portal speaks
    assert actor.suggestion_key_hash == suggestion_key_hash(key)
    assert key not in repr(list(Actor.objects.values()))
    # A second publication (after hiding) sends no new link.
    actor.publication_status = PublicationStatus.DRAFT
    actor.save()
    with django_capture_on_commit_callbacks(execute=True):
        actor.publish(world["editor"])
    assert len(mailoutbox) == 1


def test_the_full_way_from_approval_to_a_draft_offer_in_the_quarter_managers_queue(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    _approve(client, world, django_capture_on_commit_callbacks)
    path = LINK.search(mailoutbox[0].body).group(0)
    assert path.startswith("/tr/")
    page = client.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store, private"
    assert "noindex" in page["X-Robots-Tag"]
    # No Referer carries the key to another site; "no-referrer" would break the CSRF check.
    assert page["Referrer-Policy"] == "same-origin"
    group = make_target_group(name="Familien")
    response = client.post(path, _data(world, target_groups=[group.pk]))
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.actor == world["actor"]
    assert offer.publication_status == PublicationStatus.DRAFT
    assert offer.is_proposal and offer.proposer_name == "Repair-Café Böckingen"
    assert offer.centre == world["centre"] and offer.site == world["site"]
    assert offer.title_de == "Reparieren im Bürgerhaus"
    slot = offer.schedules.get()
    assert slot.recurrence == Recurrence.WEEKLY and slot.weekdays == "13"
    assert list(offer.target_groups.all()) == [group]
    assert not Offer.objects.published().exists()
    assert client.get(offer.get_absolute_url()).status_code == 404
    # The contact person sees it with its status on their page.
    html = client.get(path).content.decode()
    assert "Reparieren im Bürgerhaus" in html
    # The quarter management sees it in its task list and its queue, "suggested by" the actor.
    client.force_login(world["qm"])
    home = client.get(reverse("admin:index"))
    assert home.context["tasks"]["actor_suggestions"]["count"] == 1
    assert home.context["tasks"]["proposals"]["count"] == 0
    assert "von einem Akteur im Quartier vorgeschlagenes Angebot" in home.content.decode()
    changelist = client.get(
        reverse("admin:offers_offer_changelist") + "?is_proposal__exact=1"
    ).content.decode()
    assert "Reparieren im Bürgerhaus" in changelist
    assert "vorgeschlagen von Repair-Café Böckingen" in changelist
    # … and a quarter manager of another quarter does not.
    client.force_login(world["qm_other"])
    assert client.get(reverse("admin:index")).context["tasks"]["actor_suggestions"]["count"] == 0
    changelist = client.get(reverse("admin:offers_offer_changelist")).content.decode()
    assert "Reparieren im Bürgerhaus" not in changelist
    change = reverse("admin:offers_offer_change", args=[offer.pk])
    assert client.get(change).status_code == 404


def test_a_single_date_and_a_free_address(client, world):
    path = _path(world)
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = _data(
        world,
        recurrence="single",
        weekdays=[],
        date=day,
        site="",
        venue_name="Pausenhof der Grundschule",
        street="Ludwigsburger Str. 10",
        postcode="74080",
        cost_type="amount",
        cost_amount="2,50",
    )
    assert client.post(path, data).status_code == 302
    offer = Offer.objects.get()
    assert offer.site is None and offer.venue_name == "Pausenhof der Grundschule"
    assert offer.quarter == world["quarter"] and offer.centre == world["centre"]
    assert str(offer.cost_amount) == "2.50"
    assert offer.schedules.get().date.isoformat() == day


def _path(world, actor=None, language="de"):
    url = (actor or world["actor"]).suggestion_url(_key(world, actor), language)
    return url[url.index(f"/{language}/") :]


def test_errors_keep_the_input_and_create_nothing(client, world):
    path = _path(world)
    response = client.post(
        path, _data(world, weekdays=[], end_time="14:00", site="", title="Mein Titel")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Mein Titel"' in html
    assert "mindestens einen Wochentag" in html
    # The error summary's link leads to the group of checkboxes.
    assert 'href="#id_weekdays"' in html and '<fieldset class="mb-3" id="id_weekdays"' in html
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    "hostile",
    [
        {"quarter": "99999999999999999999999999"},
        {"site": "-1"},
        {"category": "abc"},
        {"target_groups": ["1e9", "99999999999999999999999"]},
        {"languages": ["<script>"]},
        {"title": "x" * 5000},
        {"description": "\x00"},
        {"date": "99999-01-01", "recurrence": "single"},
        {"start_time": "25:99"},
        {"cost_amount": "1e400", "cost_type": "amount"},
        {"recurrence": "monthly"},
        {"weekdays": ["9"]},
    ],
)
def test_hostile_input_is_a_form_error_not_a_500(client, world, hostile):
    response = client.post(_path(world), _data(world, **hostile))
    assert response.status_code == 200
    assert not Offer.objects.exists()


def test_another_quarters_quarter_or_site_cannot_be_chosen(client, world):
    foreign_site = make_site(make_centre(), name="Fremd", quarter=world["other"])
    for data in ({"quarter": world["other"].pk}, {"site": foreign_site.pk}):
        assert client.post(_path(world), _data(world, **data)).status_code == 200
    assert not Offer.objects.exists()


def test_a_double_submit_makes_one_offer(client, world):
    path = _path(world)
    assert client.post(path, _data(world)).status_code == 302
    assert client.post(path, _data(world)).status_code == 302
    assert Offer.objects.count() == 1


def test_the_honeypot_gets_a_thank_you_and_stores_nothing(client, world):
    response = client.post(_path(world), _data(world, website_url="http://spam.example"))
    assert response.status_code == 302
    assert not Offer.objects.exists()


def test_the_rate_limit_keeps_the_input(client, world, settings):
    settings.OFFER_PROPOSAL_RATE_LIMIT = "1/h"
    path = _path(world)
    assert client.post(path, _data(world)).status_code == 302
    response = client.post(path, _data(world, title="Zweiter Vorschlag"))
    assert response.status_code == 429
    assert 'value="Zweiter Vorschlag"' in response.content.decode()
    assert Offer.objects.count() == 1


@pytest.mark.parametrize("language", ["de", "ar"])
def test_revoked_unknown_and_expired_links_give_a_friendly_404(client, world, language):
    actor = world["actor"]
    actor.publication_status = PublicationStatus.PUBLISHED
    actor.save()
    path = _path(world, language=language)
    assert client.get(path).status_code == 200
    actor.revoke_suggestion_link(None)
    response = client.get(path)
    assert response.status_code == 404
    assert "noindex" in response["X-Robots-Tag"]
    assert client.post(path, _data(world)).status_code == 404
    assert not Offer.objects.exists()
    for bad in ("x", "a" * 43, "%00" * 30, "a" * 500):
        assert client.get(f"/{language}/angebote/vorschlagen/akteur/{bad}/").status_code == 404
    path = _path(world, language=language)
    Actor.objects.filter(pk=actor.pk).update(
        suggestion_key_issued=timezone.now() - timedelta(days=400)
    )
    assert client.get(path).status_code == 404


def test_a_hidden_actors_link_opens_nothing(client, world):
    path = _path(world)
    Actor.objects.filter(pk=world["actor"].pk).update(publication_status="draft")
    assert client.get(path).status_code == 404


def test_another_actors_link_shows_only_its_own_suggestions(client, world):
    other = make_actor([world["quarter"]], name="Schachclub", email="schach@example.org")
    client.post(_path(world), _data(world, title="Reparieren geheim"))
    html = client.get(_path(world, actor=other)).content.decode()
    assert "Reparieren geheim" not in html
    assert "Repair-Café" not in html


def test_a_new_link_replaces_the_old_one_and_the_admin_shows_and_mails_it(
    client, world, mailoutbox
):
    actor = world["actor"]
    Actor.objects.filter(pk=actor.pk).update(publication_status="published")
    old = _path(world)
    client.force_login(world["qm"])
    response = client.post(
        reverse("admin:network_actor_changelist"),
        {"action": "issue_suggestion_links", "_selected_action": [actor.pk]},
        follow=True,
    )
    shown = LINK.search(response.content.decode()).group(1)
    assert LINK.search(mailoutbox[-1].body).group(1) == shown
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(f"/de/angebote/vorschlagen/akteur/{shown}/").status_code == 200
    client.force_login(world["qm"])
    client.post(
        reverse("admin:network_actor_changelist"),
        {"action": "revoke_suggestion_links", "_selected_action": [actor.pk]},
    )
    client.logout()
    assert client.get(f"/de/angebote/vorschlagen/akteur/{shown}/").status_code == 404


def test_a_quarter_manager_of_another_quarter_cannot_renew_the_link(client, world, mailoutbox):
    actor = world["actor"]
    Actor.objects.filter(pk=actor.pk).update(publication_status="published")
    client.force_login(world["qm_other"])
    client.post(
        reverse("admin:network_actor_changelist"),
        {"action": "issue_suggestion_links", "_selected_action": [actor.pk]},
    )
    actor.refresh_from_db()
    assert actor.suggestion_key_issued is None
    assert not mailoutbox


def test_an_actor_published_in_its_change_form_gets_the_link_too(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # Whatever way it is approved (action, form, approved revision), the save sees it.
    actor = world["actor"]
    actor.publication_status = PublicationStatus.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        actor.save_as(world["editor"])
    assert len(mailoutbox) == 1 and LINK.search(mailoutbox[0].body)


def test_an_actor_without_e_mail_gets_no_link_on_approval_and_the_admin_says_so(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    actor = world["actor"]
    Actor.objects.filter(pk=actor.pk).update(email="")
    _approve(client, world, django_capture_on_commit_callbacks)
    assert not mailoutbox and actor.suggestion_key_issued is None
    client.force_login(world["editor"])
    response = client.post(
        reverse("admin:network_actor_changelist"),
        {"action": "issue_suggestion_links", "_selected_action": [actor.pk]},
        follow=True,
    )
    assert "nicht per E-Mail gesendet" in response.content.decode()
    assert LINK.search(response.content.decode())


def test_a_failing_mail_server_does_not_undo_the_approval(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("network.models.send_mail", broken)
    _approve(client, world, django_capture_on_commit_callbacks)
    assert world["actor"].publication_status == PublicationStatus.PUBLISHED
    assert world["actor"].suggestion_key_hash


def test_the_actor_change_page_shows_the_state_of_the_link_not_the_link(client, world):
    actor = world["actor"]
    key = _key(world)
    client.force_login(world["qm"])
    html = client.get(reverse("admin:network_actor_change", args=[actor.pk])).content.decode()
    assert "gültig bis" in html
    assert key not in html and actor.suggestion_key_hash not in html
    actor.revoke_suggestion_link(None)
    html = client.get(reverse("admin:network_actor_change", args=[actor.pk])).content.decode()
    assert "widerrufen" in html
