"""Roles × admin pages × own/foreign objects: who may open what, and who gets a 404."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (admin name, attribute of the centre's world) — every object that belongs to one centre.
OBJECTS = [
    ("centers_centre", "centre"),
    ("centers_quarter", "quarter"),
    ("centers_site", "site"),
    ("centers_document", "document"),
    ("contacts_contactperson", "contact"),
    ("offers_offer", "offer"),
    ("offers_offer", "proposal"),
    ("survey_response", "response"),
]
ROLES = ["superuser", "redaktion", "qm", "auswertung"]
SURVEY_ONLY = {"survey_response"}
# What quarter managers may only look at; the office adds and deletes these.
QM_NO_DELETE = {"centers_centre", "centers_quarter", "survey_response"}
QM_NO_ADD = {"centers_centre", "centers_quarter", "survey_response"}


def _expected(role, admin_name, view, own):
    if role in ("superuser", "redaktion"):
        if view == "add" and admin_name == "survey_response":
            return 403  # paper questionnaires are entered on their own screen
        if view == "delete" and admin_name == "centers_quarter" and role == "redaktion":
            return 200
        return 200
    if role == "auswertung":
        if admin_name not in SURVEY_ONLY:
            return 403
        return {"changelist": 200, "add": 403, "change": 200, "history": 200, "delete": 403}[view]
    # Quarter management
    if view == "changelist":
        return 200
    if view == "add":
        return 403 if admin_name in QM_NO_ADD else 200
    if view == "delete" and admin_name in QM_NO_DELETE:
        return 403
    return 200 if own else 404


CASES = [
    (role, admin_name, attribute, view, own)
    for role in ROLES
    for admin_name, attribute in OBJECTS
    for view, owns in (
        ("changelist", [True]),
        ("add", [True]),
        ("change", [True, False]),
        ("history", [True, False]),
        ("delete", [True, False]),
    )
    for own in owns
]


@pytest.mark.parametrize(
    ("role", "admin_name", "attribute", "view", "own"),
    CASES,
    ids=[f"{c[0]}-{c[2]}-{c[3]}-{'own' if c[4] else 'foreign'}" for c in CASES],
)
def test_each_role_reaches_exactly_the_admin_pages_it_should(
    client, world, role, admin_name, attribute, view, own
):
    client.force_login(world.users[role])
    obj = getattr(world.own if own else world.foreign, attribute)
    args = [] if view in ("changelist", "add") else [obj.pk]
    response = client.get(reverse(f"admin:{admin_name}_{view}", args=args))
    assert response.status_code == _expected(role, admin_name, view, own)


def test_a_quarter_manager_lists_only_their_own_centres_objects(client, world):
    client.force_login(world.users["qm"])
    for admin_name, attribute in OBJECTS:
        response = client.get(reverse(f"admin:{admin_name}_changelist"))
        shown = {obj.pk for obj in response.context["cl"].result_list}
        assert getattr(world.own, attribute).pk in shown, admin_name
        assert getattr(world.foreign, attribute).pk not in shown, admin_name


def test_a_resident_proposal_for_an_own_quarter_is_listed_for_its_quarter_manager(client, world):
    client.force_login(world.users["qm"])
    response = client.get(reverse("admin:offers_offer_changelist") + "?is_proposal__exact=1")
    assert [offer.pk for offer in response.context["cl"].result_list] == [world.own.proposal.pk]


def test_guessing_another_centres_id_in_a_post_gives_404_and_changes_nothing(client, world):
    client.force_login(world.users["qm"])
    offer = world.foreign.offer
    response = client.post(
        reverse("admin:offers_offer_change", args=[offer.pk]), {"title_de": "Übernommen"}
    )
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.title != "Übernommen"


def test_restoring_another_centres_version_gives_404(client, world):
    client.force_login(world.users["qm"])
    record = world.foreign.offer.history.first()
    url = reverse(
        "admin:offers_offer_simple_history", args=[world.foreign.offer.pk, record.history_id]
    )
    assert client.get(url).status_code == 404
    assert client.post(url, {"title_de": "Zurück"}).status_code == 404


def test_form_choices_list_only_the_quarter_managers_own_centre_and_its_parts(client, world):
    client.force_login(world.users["qm"])
    form = client.get(reverse("admin:offers_offer_add")).context["adminform"].form
    assert list(form.fields["centre"].queryset) == [world.own.centre]
    assert list(form.fields["quarter"].queryset) == [world.own.quarter]
    assert list(form.fields["site"].queryset) == [world.own.site]
    assert list(form.fields["contact"].queryset) == [world.own.contact]


def _offer_post(centre, **extra):
    data = {
        "title_de": "Neues Angebot",
        "slug": "neues-angebot",
        "centre": centre.pk,
        "cost_type": "free",
        "city": "Heilbronn",
        "state": "active",
        "publication_status": "draft",
        "schedules-TOTAL_FORMS": 0,
        "schedules-INITIAL_FORMS": 0,
        "cancellations-TOTAL_FORMS": 0,
        "cancellations-INITIAL_FORMS": 0,
    }
    return data | extra


def test_selecting_another_centre_in_a_form_is_a_form_error(client, world):
    from offers.models import Offer

    client.force_login(world.users["qm"])
    response = client.post(reverse("admin:offers_offer_add"), _offer_post(world.foreign.centre))
    assert response.status_code == 200
    assert "centre" in response.context["adminform"].form.errors
    assert not Offer.objects.filter(slug="neues-angebot").exists()


def test_a_quarter_manager_adds_an_offer_for_their_centre_as_draft_or_for_review(client, world):
    from offers.models import Offer

    client.force_login(world.users["qm"])
    response = client.post(
        reverse("admin:offers_offer_add"),
        _offer_post(world.own.centre, publication_status="review"),
    )
    assert response.status_code == 302
    offer = Offer.objects.get(slug="neues-angebot")
    assert (offer.centre, offer.publication_status) == (world.own.centre, "review")
    assert offer.history.first().history_user == world.users["qm"]


def test_a_quarter_manager_cannot_publish_but_the_editorial_office_can(client, world):
    from offers.models import Offer

    client.force_login(world.users["qm"])
    response = client.post(
        reverse("admin:offers_offer_add"),
        _offer_post(world.own.centre, publication_status="published"),
    )
    assert "publication_status" in response.context["adminform"].form.errors
    assert not Offer.objects.filter(slug="neues-angebot").exists()
    client.force_login(world.users["redaktion"])
    response = client.post(
        reverse("admin:offers_offer_add"),
        _offer_post(world.own.centre, publication_status="published"),
    )
    assert response.status_code == 302
    assert Offer.objects.published().filter(slug="neues-angebot").exists()


def test_a_quarter_manager_cannot_change_the_centres_facts(client, world):
    client.force_login(world.users["qm"])
    response = client.get(reverse("admin:centers_centre_change", args=[world.own.centre.pk]))
    form = response.context["adminform"].form
    assert "name" not in form.fields
    assert "summary_de" in form.fields


@pytest.mark.parametrize("role", ["qm", "auswertung"])
@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_quarter_managers_and_evaluation_cannot_see_users_or_roles(client, world, role, url_name):
    client.force_login(world.users[role])
    assert client.get(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("role", ["qm", "redaktion", "auswertung"])
def test_nobody_but_it_can_escalate_by_editing_their_own_account_or_a_role(client, world, role):
    from django.contrib.auth.models import Group

    user = world.users[role]
    client.force_login(user)
    response = client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {"username": user.username, "is_staff": "on", "is_superuser": "on"},
    )
    assert response.status_code == 403
    group = Group.objects.get(name="Quartiersmanagement")
    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": "Quartiersmanagement"}
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_superuser


@pytest.mark.parametrize(
    "url_name", ["admin:survey_question_changelist", "admin:survey_survey_add"]
)
def test_quarter_managers_cannot_change_survey_questions(client, world, url_name):
    client.force_login(world.users["qm"])
    assert client.get(reverse(url_name)).status_code == 403


def test_evaluation_reaches_the_results_and_the_export_but_not_the_paper_entry(client, world):
    client.force_login(world.users["auswertung"])
    slug = world.survey.slug
    assert client.get(reverse("survey:dashboard", kwargs={"slug": slug})).status_code == 200
    export = reverse("survey:export", kwargs={"slug": slug, "kind": "xlsx"})
    assert client.get(export).status_code == 200
    assert client.get(reverse("survey:paper-entry", kwargs={"slug": slug})).status_code == 403


def test_quarter_managers_enter_paper_responses_but_cannot_export(client, world):
    client.force_login(world.users["qm"])
    slug = world.survey.slug
    assert client.get(reverse("survey:paper-entry", kwargs={"slug": slug})).status_code == 200
    export = reverse("survey:export", kwargs={"slug": slug, "kind": "xlsx"})
    assert client.get(export).status_code == 403
