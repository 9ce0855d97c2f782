"""Scoped evaluation: the evaluation team sees everything, quarter managers their quarters'
aggregates only, the Redaktion the set-up and the aggregates."""

import pytest
from django.urls import reverse

from centers.models import Quarter
from staff.permissions import EDITORS, EVALUATION, QUARTER_MANAGERS
from survey import services
from tests.factories import make_centre, make_quarter
from tests.roles.conftest import make_staff
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german():
    """Staff pages in German, whatever an earlier test left active."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture
def world():
    full = make_full_survey()
    own_centre, other_centre = make_centre(), make_centre()
    boeckingen, nordstadt = full["quarters"]
    Quarter.objects.filter(pk=boeckingen.pk).update(centre=own_centre)
    Quarter.objects.filter(pk=nordstadt.pk).update(centre=other_centre)
    make_quarter(other_centre)
    for quarter, text, n in ((boeckingen, "Bänke in Böckingen", 6), (nordstadt, "Geheim Nord", 6)):
        for _index in range(n):
            data = valid_post(full, Q1=str(quarter.pk), Q6=text)
            services.store_response(full["survey"], answers_for(full, data), language="de")
    full["manager"] = make_staff("qm", QUARTER_MANAGERS, centres=[own_centre])
    full["evaluator"] = make_staff("auswertung", EVALUATION)
    full["editor"] = make_staff("redaktion", EDITORS)
    return full


def _urls(full):
    slug = full["survey"].slug
    return {
        "dashboard": reverse("survey:dashboard", kwargs={"slug": slug}),
        "crosstab": reverse("survey:crosstab", kwargs={"slug": slug}) + "?question=Q2&by=quarter",
        "texts": reverse("survey:free-texts", kwargs={"slug": slug}),
        "export": reverse("survey:export", kwargs={"slug": slug, "kind": "csv"}),
        "preview": reverse("survey:preview", kwargs={"slug": slug}),
    }


def test_a_quarter_managers_dashboard_shows_no_other_quarters_free_text(client, world):
    client.force_login(world["manager"])
    urls = _urls(world)
    page = client.get(urls["dashboard"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Geheim Nord" not in html
    assert page.context["total"] == 6  # their quarter's responses only
    # Even asking for the other quarter by its number gives it no results.
    nordstadt = world["quarters"][1].pk
    other = client.get(urls["dashboard"] + f"?quarter={nordstadt}&search=Geheim")
    assert "Geheim Nord" not in other.content.decode()
    assert other.context["total"] == 6  # the unknown choice is ignored, the scope stays
    assert client.get(urls["texts"]).status_code == 403
    assert client.get(urls["export"]).status_code == 403


def test_a_quarter_managers_cross_table_holds_only_their_quarters(client, world):
    client.force_login(world["manager"])
    table = client.get(_urls(world)["crosstab"]).context["table"]
    assert [column.label for column in table.columns] == ["Böckingen", "Gesamt"]
    assert table.columns[-1].base == 6


def test_the_evaluation_team_sees_every_quarter_the_free_texts_and_the_exports(client, world):
    client.force_login(world["evaluator"])
    urls = _urls(world)
    dashboard = client.get(urls["dashboard"])
    assert dashboard.context["total"] == 12
    assert "Geheim Nord" in dashboard.content.decode()
    table = client.get(urls["crosstab"]).context["table"]
    assert [column.label for column in table.columns] == ["Böckingen", "Nordstadt", "Gesamt"]
    assert client.get(urls["texts"]).status_code == 200
    assert client.get(urls["export"]).status_code == 200
    assert client.get(urls["preview"]).status_code == 403  # no set-up


def test_the_redaktion_sets_up_and_sees_aggregates_but_no_free_texts_or_raw_exports(client, world):
    client.force_login(world["editor"])
    urls = _urls(world)
    dashboard = client.get(urls["dashboard"])
    assert dashboard.context["total"] == 12
    assert "Geheim Nord" not in dashboard.content.decode()
    assert client.get(urls["crosstab"]).status_code == 200
    assert client.get(urls["texts"]).status_code == 403
    assert client.get(urls["export"]).status_code == 403
    assert client.get(urls["preview"]).status_code == 200
    copy = reverse("admin:survey_survey_copy", args=[world["survey"].pk])
    assert client.get(copy).status_code == 200
