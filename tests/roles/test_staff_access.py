"""Roles set-up, demo accounts, the admin's language and tasks, lockout and two-factor login."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.management.commands.create_demo_users import DEMO_PASSWORD
from portal.models import PublicationStatus
from staff.permissions import ROLE_PERMISSIONS
from tests.factories import make_centre
from tests.roles.conftest import make_staff

pytestmark = pytest.mark.django_db


def _permissions(group):
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_setup_roles_creates_the_three_groups_with_exactly_their_permissions_twice_over():
    call_command("setup_roles")
    call_command("setup_roles")
    assert Group.objects.count() == 3
    for name, permissions in ROLE_PERMISSIONS.items():
        assert _permissions(Group.objects.get(name=name)) == set(permissions)


def test_setup_roles_takes_away_a_permission_someone_added_by_hand():
    call_command("setup_roles")
    group = Group.objects.get(name="Auswertung")
    group.permissions.add(*Group.objects.get(name="Redaktion").permissions.all())
    call_command("setup_roles")
    assert _permissions(group) == set(ROLE_PERMISSIONS["Auswertung"])


def test_evaluation_has_no_permission_outside_the_survey():
    assert all(perm.startswith("survey.") for perm in ROLE_PERMISSIONS["Auswertung"])


@override_settings(DEBUG=True)
def test_demo_users_are_created_once_with_their_roles_and_centres(capsys):
    boeckingen = make_centre(slug="boeckingen")
    sueden = make_centre(slug="heilbronner-sueden")
    call_command("create_demo_users")
    call_command("create_demo_users")
    assert DEMO_PASSWORD in capsys.readouterr().out
    assert User.objects.count() == 4
    qm = User.objects.get(username="qm-boeckingen")
    assert qm.check_password(DEMO_PASSWORD)
    assert qm.is_staff and not qm.is_superuser
    assert list(qm.staff_profile.centres.all()) == [boeckingen]
    assert list(User.objects.get(username="qm-sueden").staff_profile.centres.all()) == [sueden]
    assert User.objects.get(username="redaktion").groups.get().name == "Redaktion"


@override_settings(DEBUG=False)
def test_demo_users_are_refused_when_debug_is_off():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_users")
    assert not User.objects.exists()


def test_the_admin_speaks_german_by_default_and_the_staff_members_chosen_language(client):
    user = make_staff("sprache", "Redaktion")
    client.force_login(user)
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "de"
    user.staff_profile.language = "en"
    user.staff_profile.save()
    response = client.get(reverse("admin:index"))
    assert response["Content-Language"] == "en"
    assert b'lang="en"' in response.content


def test_the_public_site_keeps_its_own_language_for_staff(client):
    user = make_staff("sprache", "Redaktion")
    user.staff_profile.language = "en"
    user.staff_profile.save()
    client.force_login(user)
    assert client.get("/tr/angebote/")["Content-Language"] == "tr"


def test_the_admin_home_lists_the_quarter_managers_tasks_for_their_centres_only(client, world):
    world.foreign.proposal.save()
    client.force_login(world.users["qm"])
    tasks = client.get(reverse("admin:index")).context["tasks"]
    assert tasks["proposals"]["count"] == 1
    assert [centre for centre, _url in tasks["no_position_paper"]] == [world.own.centre]
    assert tasks["survey"]["responses"] == 2
    client.force_login(world.users["redaktion"])
    response = client.get(reverse("admin:index"))
    assert response.context["tasks"]["proposals"]["count"] == 2
    assert "What needs doing" in response.content.decode() or "Was zu tun ist" in (
        response.content.decode()
    )


def test_the_task_list_counts_stale_offers_and_missing_translations(client, world):
    offer = world.own.offer
    offer.publication_status = PublicationStatus.PUBLISHED
    offer.title_en = ""
    offer.save()  # publishing counts as checked today …
    offer.last_checked = timezone.localdate() - timedelta(days=200)
    offer.save()  # … until half a year has passed
    client.force_login(world.users["qm"])
    tasks = client.get(reverse("admin:index")).context["tasks"]
    assert tasks["stale"]["count"] == 1
    assert tasks["translations"]["count"] >= 1
    listed = client.get(tasks["translations"]["url"]).context["cl"].result_list
    assert offer in listed


def test_evaluation_sees_only_the_survey_on_the_admin_home(client, world):
    client.force_login(world.users["auswertung"])
    tasks = client.get(reverse("admin:index")).context["tasks"]
    assert set(tasks) == {"survey"}


def test_the_admin_home_needs_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    # One task-list provider per app and the review queue over every content type: a fixed
    # number of queries, however many centres, offers or actors there are.
    client.force_login(world.users["redaktion"])
    with django_assert_max_num_queries(45) as before:
        client.get(reverse("admin:index"))
    for n in range(30):
        make_centre(name=f"Zentrum {n}", slug=f"mehr-{n}")
    with django_assert_max_num_queries(45) as after:
        client.get(reverse("admin:index"))
    assert len(after.captured_queries) == len(before.captured_queries)


def test_five_wrong_passwords_lock_the_account_for_that_address(client):
    User.objects.create_user("gesperrt", password="richtig-Passwort-1", is_staff=True)
    url = reverse("admin:login")
    for _attempt in range(5):
        client.post(url, {"username": "gesperrt", "password": "falsch"})
    response = client.post(url, {"username": "gesperrt", "password": "richtig-Passwort-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_password_logs_in_when_two_factor_is_not_required(client):
    User.objects.create_user("frei", password="richtig-Passwort-1", is_staff=True)
    response = client.post(
        reverse("admin:login"), {"username": "frei", "password": "richtig-Passwort-1"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@override_settings(STAFF_2FA_REQUIRED=True)
def test_with_two_factor_required_the_password_alone_is_not_enough(client):
    user = User.objects.create_user("zwei", password="richtig-Passwort-1", is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="Telefon")
    response = client.post(
        reverse("admin:login"), {"username": "zwei", "password": "richtig-Passwort-1"}
    )
    assert response.status_code == 200
    assert "otp_token" in response.context["form"].fields
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302

    from django_otp.oath import totp

    token = f"{totp(device.bin_key):06d}"
    client.logout()
    response = client.post(
        reverse("admin:login"),
        {
            "username": "zwei",
            "password": "richtig-Passwort-1",
            "otp_device": device.persistent_id,
            "otp_token": token,
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_two_factor_is_on_by_default_when_debug_is_off():
    from tests.foundation.test_settings import _settings_probe

    assert _settings_probe("s.STAFF_2FA_REQUIRED", DEBUG="0", SECRET_KEY="x" * 50) == ["True"]
    assert _settings_probe(
        "s.STAFF_2FA_REQUIRED", DEBUG="0", SECRET_KEY="x" * 50, STAFF_2FA_REQUIRED="0"
    ) == ["False"]
    assert _settings_probe("s.STAFF_2FA_REQUIRED", DEBUG="1") == ["False"]


def test_sessions_end_after_an_hour_without_a_request():
    from django.conf import settings

    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 3600


def test_the_task_list_counts_centres_and_documents_with_missing_translations(client, world):
    centre = world.own.centre
    centre.summary_de = "Kurz und gut."
    centre.save()
    client.force_login(world.users["qm"])
    tasks = client.get(reverse("admin:index")).context["tasks"]
    assert tasks["centre_translations"]["count"] == 1
    listed = client.get(tasks["centre_translations"]["url"]).context["cl"].result_list
    assert list(listed) == [centre]


def test_the_offer_list_of_a_quarter_manager_needs_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    from tests.offers.factories import make_offer

    for n in range(60):
        make_offer(title=f"Viele {n}", centre=world.own.centre if n % 2 else world.foreign.centre)
    client.force_login(world.users["qm"])
    with django_assert_max_num_queries(25):
        response = client.get(reverse("admin:offers_offer_changelist"))
    assert response.context["cl"].result_count == 32
