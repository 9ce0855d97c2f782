"""The admin's activity list costs the same queries for 5 activities as for 50, each in its own
centre, neighbourhood and category (issue 18: no query per row)."""

import pytest
from django.contrib.auth.models import User
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_centre, make_quarter
from tests.offers.factories import make_category, make_offer, make_target_group

pytestmark = pytest.mark.django_db


def _more_offers(count):
    for _n in range(count):
        centre = make_centre()
        make_offer(
            centre=centre,
            quarter=make_quarter(centre=centre),
            category=make_category(),
            target_groups=[make_target_group()],
        )


def _queries(client, url):
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.context["cl"]


def test_the_activity_list_needs_the_same_queries_for_ten_times_the_activities(client):
    client.force_login(User.objects.create_superuser("redaktion", "r@example.org", "pw"))
    url = reverse("admin:offers_offer_changelist")
    _more_offers(5)
    few, listed = _queries(client, url)
    assert listed.result_count == 5
    _more_offers(45)
    many, listed = _queries(client, url)
    assert listed.result_count == 50
    assert many == few
