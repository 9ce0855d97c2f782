"""With STAFF_2FA_REQUIRED every staff page outside /admin/ needs a verified (TOTP) session."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import PublicationStatus

pytestmark = pytest.mark.django_db


def _patterns(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if getattr(entry, "app_name", None) == "admin":
                continue
            inner = entry.namespace or ""
            name = f"{namespace}{inner}:" if inner else namespace
            yield from _patterns(entry, name, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield namespace, entry, prefix + str(entry.pattern)


def staff_patterns():
    return [
        (namespace + entry.name, entry, route)
        for namespace, entry, route in _patterns()
        if getattr(entry.callback, "staff_view", False)
    ]


def test_every_administration_address_goes_through_the_staff_gate():
    unguarded = [
        route
        for _namespace, entry, route in _patterns()
        if "verwaltung" in route and not getattr(entry.callback, "staff_view", False)
    ]
    assert unguarded == []
    assert len(staff_patterns()) >= 6


def _args(route, world):
    values = {"slug": world.survey.slug, "pk": world.own.response.pk, "kind": "csv"}
    return {
        key: value for key, value in values.items() if f"<{key}>" in route or f":{key}>" in route
    }


def _verify(client, user):
    device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def test_every_staff_page_sends_an_unverified_session_to_the_login(client, world, settings):
    settings.STAFF_2FA_REQUIRED = True
    client.force_login(world.users["superuser"])
    for name, _entry, route in staff_patterns():
        url = reverse(name, kwargs=_args(route, world))
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


def test_every_staff_page_opens_for_a_verified_session(client, world, settings):
    settings.STAFF_2FA_REQUIRED = True
    _verify(client, world.users["superuser"])
    for name, _entry, route in staff_patterns():
        url = reverse(name, kwargs=_args(route, world))
        response = client.get(url)
        assert response.status_code in (200, 405), url  # 405: a page that only takes POST


def test_previews_of_drafts_need_the_second_factor_too(client, world, settings):
    settings.STAFF_2FA_REQUIRED = True
    offer = world.own.offer
    assert offer.publication_status == PublicationStatus.DRAFT
    client.force_login(world.users["redaktion"])
    assert client.get(offer.get_absolute_url()).status_code == 404
    _verify(client, world.users["redaktion"])
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau" in response.content.decode()


def test_without_the_requirement_staff_pages_open_after_the_password(client, world, settings):
    settings.STAFF_2FA_REQUIRED = False
    client.force_login(world.users["superuser"])
    url = reverse("survey:dashboard", kwargs={"slug": world.survey.slug})
    assert client.get(url).status_code == 200
