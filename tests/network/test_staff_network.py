"""The quarter management reviews its quarters' actors and ideas and sees its network."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from network.models import Actor, Idea, IdeaStatus
from portal.models import PublicationStatus
from staff.permissions import EDITORS, QUARTER_MANAGERS
from tests.factories import make_centre, make_quarter
from tests.network.factories import make_actor, make_idea
from tests.offers.factories import make_offer
from tests.roles.conftest import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    own_centre = make_centre(name="Zentrum eigen", slug="zentrum-eigen")
    foreign_centre = make_centre(name="Zentrum fremd", slug="zentrum-fremd")
    own = make_quarter(own_centre, name="Quartier eigen", slug="quartier-eigen")
    foreign = make_quarter(foreign_centre, name="Quartier fremd", slug="quartier-fremd")
    today = timezone.localdate()
    return {
        "own": own,
        "foreign": foreign,
        "own_actor": make_actor(
            [own],
            name="=Verein eigen",
            registered_online=True,
            publication_status=PublicationStatus.DRAFT,
            last_contact=today - timedelta(days=500),
        ),
        "recent": make_actor([own], name="Kürzlich besucht", last_contact=today),
        "foreign_actor": make_actor([foreign], name="Verein fremd", registered_online=True),
        "own_idea": make_idea(own, title="Bank eigen"),
        "foreign_idea": make_idea(foreign, title="Bank fremd"),
        "qm": make_staff("qm", QUARTER_MANAGERS, [own_centre]),
        "editor": make_staff("redaktion", EDITORS),
    }


def test_a_quarter_manager_lists_only_their_quarters_actors_and_ideas(client, network):
    client.force_login(network["qm"])
    actors = client.get(reverse("admin:network_actor_changelist")).content.decode()
    assert "=Verein eigen" in actors and "Verein fremd" not in actors
    ideas = client.get(reverse("admin:network_idea_changelist")).content.decode()
    assert "Bank eigen" in ideas and "Bank fremd" not in ideas


@pytest.mark.parametrize("key,model", [("foreign_actor", "actor"), ("foreign_idea", "idea")])
def test_another_quarters_actor_or_idea_answers_404_to_a_quarter_manager(
    client, network, key, model
):
    client.force_login(network["qm"])
    url = reverse(f"admin:network_{model}_change", args=[network[key].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Übernommen", "title": "Übernommen"}).status_code == 404


def test_a_quarter_manager_reviews_a_registration_and_submits_it_for_publication(client, network):
    client.force_login(network["qm"])
    actor = network["own_actor"]
    response = client.post(
        reverse("admin:network_actor_changelist"),
        {"action": "submit_for_review", "_selected_action": [actor.pk]},
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.publication_status == PublicationStatus.REVIEW
    assert actor.history.first().history_user == network["qm"]


def test_a_quarter_manager_cannot_publish_an_actor_but_the_editorial_office_can(client, network):
    actor = network["own_actor"]
    action = {"action": "publish_selected", "_selected_action": [actor.pk]}
    client.force_login(network["qm"])
    client.post(reverse("admin:network_actor_changelist"), action)
    actor.refresh_from_db()
    assert actor.publication_status == PublicationStatus.DRAFT
    client.force_login(network["editor"])
    client.post(reverse("admin:network_actor_changelist"), action)
    actor.refresh_from_db()
    assert actor.publication_status == PublicationStatus.PUBLISHED


def test_a_quarter_manager_answers_an_own_idea_and_shows_it(client, network):
    client.force_login(network["qm"])
    idea = network["own_idea"]
    for action in ("mark_looking", "show"):
        client.post(
            reverse("admin:network_idea_changelist"),
            {"action": action, "_selected_action": [idea.pk, network["foreign_idea"].pk]},
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.LOOKING and idea.is_shown
    foreign = Idea.objects.get(pk=network["foreign_idea"].pk)
    assert foreign.status == IdeaStatus.RECEIVED and not foreign.is_shown


def test_the_overview_shows_a_quarter_managers_quarters_offers_and_overdue_contacts(
    client, network
):
    make_offer(title="Repair-Treff", actor=network["recent"])
    client.force_login(network["qm"])
    html = client.get(reverse("admin:network_actor_overview")).content.decode()
    assert "Quartier eigen" in html and "Quartier fremd" not in html
    assert "Verein fremd" not in html
    assert "Repair-Treff" in html
    assert html.count("seit einem Jahr kein Kontakt") == 1


def test_the_editorial_office_sees_every_quarter_in_the_overview(client, network):
    client.force_login(network["editor"])
    html = client.get(reverse("admin:network_actor_overview")).content.decode()
    assert "Quartier eigen" in html and "Quartier fremd" in html


def test_the_csv_export_holds_only_own_quarters_and_inert_cells(client, network):
    client.force_login(network["qm"])
    response = client.get(reverse("admin:network_actor_overview_export", args=["csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[1] for row in rows[1:]]
    assert "'=Verein eigen" in names
    assert "Verein fremd" not in names


def test_the_xlsx_export_is_a_workbook_with_text_cells(client, network):
    client.force_login(network["qm"])
    response = client.get(reverse("admin:network_actor_overview_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=Verein eigen" in values and "Verein fremd" not in values


def test_an_unknown_export_format_is_not_found(client, network):
    client.force_login(network["editor"])
    assert (
        client.get(reverse("admin:network_actor_overview_export", args=["pdf"])).status_code == 404
    )


def test_staff_without_the_role_do_not_reach_the_overview(client, network):
    client.force_login(make_staff("auswertung-nur"))
    response = client.get(reverse("admin:network_actor_overview"))
    assert response.status_code == 403


def test_the_task_list_counts_registrations_and_new_ideas_of_own_quarters(client, network):
    client.force_login(network["qm"])
    html = client.get(reverse("admin:index")).content.decode()
    assert "1 Verein oder Initiative hat sich angemeldet" in html
    assert "1 neue Idee von Bewohnerinnen und Bewohnern" in html


def test_a_quarter_manager_picks_only_own_quarters_for_a_new_actor(client, network):
    client.force_login(network["qm"])
    html = client.get(reverse("admin:network_actor_add")).content.decode()
    assert "Quartier eigen" in html and "Quartier fremd" not in html
    assert Actor.objects.count() == 3


def test_a_web_address_typed_without_a_scheme_is_kept_as_an_https_one():
    """Staff type "www.verein.de"; the actor form (and the admin built from it) keeps it as
    https, the default Django 6 will have."""
    from django.contrib import admin

    from network.admin import ActorAdmin
    from network.forms import ActorAdminForm

    assert ActorAdminForm.base_fields["website"].clean("www.verein-heilbronn.de") == (
        "https://www.verein-heilbronn.de"
    )
    admin_field = ActorAdmin(Actor, admin.site).formfield_for_dbfield(
        Actor._meta.get_field("website"), request=None
    )
    assert admin_field.clean("www.verein-heilbronn.de") == "https://www.verein-heilbronn.de"
    assert admin_field.clean("http://alt.example.org") == "http://alt.example.org"


@pytest.mark.parametrize(
    ("language", "names"),
    [("de", ["Deutsch", "Arabisch", "Türkisch"]), ("tr", ["Almanca", "Arapça", "Türkçe"])],
)
def test_the_languages_an_actor_works_in_are_named_in_the_readers_language(language, names):
    """The checkboxes of the registration form and the admin take Django's own translations
    of the language names (they showed "German", "Arabic" … in every language)."""
    from django.utils import translation

    from network.forms import ActorAdminForm

    with translation.override(language):
        shown = [str(label) for _code, label in ActorAdminForm.base_fields["language_list"].choices]
    for name in names:
        assert name in shown
