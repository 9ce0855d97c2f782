"""Rate limits count residents, not proxies, and only what was stored."""

import socket
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from portal.lib import clients
from survey.models import Response
from tests.conftest import require
from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def full(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.SURVEY_RATE_LIMIT = "2/h"
    return make_full_survey()


def _post(client, full, n, **meta):
    with translation.override("de"):
        url = reverse("survey:questionnaire", kwargs={"slug": full["survey"].slug})
    return client.post(url, valid_post(full, token=f"t-{n}-{meta}"), **meta)


def test_behind_the_trusted_proxy_two_residents_have_separate_limits(client, full):
    for n in range(2):
        meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
        assert _post(client, full, n, **meta).status_code == 302
    blocked = _post(client, full, 4, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert blocked.status_code == 429
    other = _post(client, full, 5, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302
    assert Response.objects.count() == 3


def test_an_untrusted_peer_cannot_choose_its_address_with_the_header(client, full):
    for n in range(2):
        meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        assert _post(client, full, n, **meta).status_code == 302
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.77"}
    assert _post(client, full, 9, **meta).status_code == 429


def test_the_address_is_the_last_one_our_proxies_did_not_add(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "::1"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.9"
    )
    assert clients.client_ip(request) == "198.51.100.7"  # 1.2.3.4 is the client's own claim
    garbled = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>")
    assert clients.client_ip(garbled) == PROXY


def test_the_login_lockout_sees_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert get_client_ip_address(request) == "198.51.100.7"


def test_invalid_and_empty_posts_do_not_use_up_the_limit(client, full):
    with translation.override("de"):
        url = reverse("survey:questionnaire", kwargs={"slug": full["survey"].slug})
    for _n in range(5):
        assert client.post(url, {"token": "x"}).status_code == 200
    for n in range(2):
        assert _post(client, full, n).status_code == 302


def _window_holds(settings, alias):
    settings.RATE_LIMIT_CACHE = alias
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.4")
    rate = "2/h"
    with time_machine.travel(datetime(2026, 3, 1, 10, tzinfo=UTC), tick=False) as traveller:
        clients.record(request, "test-window", rate)
        traveller.shift(60)
        clients.record(request, "test-window", rate)
        # Past the database cache's default timeout (300 s), deep into the hour:
        traveller.move_to(datetime(2026, 3, 1, 10, 30, tzinfo=UTC))
        assert clients.is_limited(request, "test-window", rate)
        traveller.move_to(datetime(2026, 3, 1, 10, 59, 59, tzinfo=UTC))
        assert clients.is_limited(request, "test-window", rate)
        traveller.move_to(datetime(2026, 3, 1, 11, 0, 1, tzinfo=UTC))
        assert not clients.is_limited(request, "test-window", rate)  # the first hit has left
        clients.record(request, "test-window", rate)
        assert clients.is_limited(request, "test-window", rate)


def test_the_window_lasts_its_full_period_on_the_database_cache(settings):
    settings.CACHES = settings.CACHES | {
        "limits": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_rl"}
    }
    call_command("createcachetable", "t_rl", verbosity=0)
    _window_holds(settings, "limits")


def _redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_the_window_lasts_its_full_period_on_redis(settings):
    require(_redis_up(), "no Redis at 127.0.0.1:6379")
    settings.CACHES = settings.CACHES | {
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/9",
            "KEY_PREFIX": "quartier-tests",
        }
    }
    try:
        _window_holds(settings, "limits")
    finally:
        caches["limits"].clear()


def test_the_limiter_stores_no_address_only_a_keyed_hash(settings):
    settings.RATE_LIMIT_CACHE = "default"
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.42")
    clients.record(request, "survey-submit", "30/h")
    keys = list(caches["default"]._cache.keys())
    assert keys and not [key for key in keys if "198.51.100.42" in key]
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert not clients.is_limited(request, "survey-submit", "1/h")  # the key depends on it
