"""Comparison and cross-tables: any question by a dimension and against an earlier wave, with the
base stated and small groups suppressed in the page and in every download."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from survey import evaluation, services
from survey.models import ExportLog, Response
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german():
    """Staff pages in German, whatever an earlier test left active."""
    from django.utils import translation

    with translation.override("de"):
        yield


def _evaluator():
    user = User.objects.create_user("aylin", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_response", "export_responses"])
    )
    return user


def _answer(full, n, *, quarter, yes=True, scale="4", language="de", day=None):
    for _index in range(n):
        overrides = {"Q1": str(quarter.pk), "Q4": scale}
        if not yes:
            overrides |= {"Q2": str(full["no"].pk), "Q6": ""}
        response, _created = services.store_response(
            full["survey"], answers_for(full, valid_post(full, **overrides)), language=language
        )
        if day:
            Response.objects.filter(pk=response.pk).update(submitted_on=day)


@pytest.fixture
def full():
    full = make_full_survey()
    boeckingen, nordstadt = full["quarters"]
    _answer(full, 6, quarter=boeckingen, scale="5")
    _answer(full, 2, quarter=nordstadt, yes=False, scale="2")
    return full


def _url(full, **query):
    from urllib.parse import urlencode

    base = reverse("survey:crosstab", kwargs={"slug": full["survey"].slug})
    return f"{base}?{urlencode(query)}"


def test_a_question_by_neighbourhood_states_its_base_and_percentages(client, full):
    client.force_login(_evaluator())
    page = client.get(_url(full, question="Q2", by="quarter"))
    table = page.context["table"]
    labels = [column.label for column in table.columns]
    assert labels == ["Böckingen", "Nordstadt", "Gesamt"]
    assert [column.base for column in table.columns] == [6, 2, 8]
    yes_row = dict(table.rows)["Ja"]
    assert yes_row[0].n == 6 and yes_row[0].percent == 100.0
    assert yes_row[2].percent == 75.0
    assert "Basis: Antworten mit einer Angabe" in page.content.decode()


def test_a_cross_table_suppresses_a_cell_under_the_threshold_in_the_page_and_every_export(
    client, full
):
    client.force_login(_evaluator())
    page = client.get(_url(full, question="Q2", by="quarter"))
    html = page.content.decode()
    nordstadt = page.context["table"].columns[1]
    assert nordstadt.suppressed and nordstadt.shown_base == "<5"
    no_row = dict(page.context["table"].rows)["Nein"]
    assert no_row[1].suppressed and no_row[1].shown == "<5" and no_row[1].percent is None
    assert "&lt;5" in html
    # CSV: the Nordstadt columns hold "<5", never the 2.
    body = client.get(_url(full, question="Q2", by="quarter", download="csv")).content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[1]
    n_column = header.index("Nordstadt (n)")
    data = {row[0]: row for row in rows[2:] if row}
    assert data["Nein"][n_column] == "<5" and data["Nein"][n_column + 1] == ""
    assert data["Ja"][header.index("Böckingen (n)")] == "6"
    # XLSX: the same.
    body = client.get(_url(full, question="Q2", by="quarter", download="xlsx")).content
    sheet = load_workbook(io.BytesIO(body)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    xlsx = {row[0]: row for row in values[2:] if row and row[0]}
    assert xlsx["Nein"][n_column] == "<5"
    assert 2 not in [value for row in values for value in row]
    # Every download is logged with who and when.
    assert list(ExportLog.objects.values_list("kind", "user__username")) == [
        ("table.xlsx", "aylin"),
        ("table.csv", "aylin"),
    ]


def test_the_dashboard_suppresses_small_groups_too(client, full):
    user = _evaluator()
    client.force_login(user)
    url = reverse("survey:dashboard", kwargs={"slug": full["survey"].slug})
    nordstadt = full["quarters"][1]
    page = client.get(f"{url}?quarter={nordstadt.pk}")
    q2 = next(item for item in page.context["results"] if item["question"].code == "Q2")
    assert q2["suppressed"]
    assert all(bar["suppressed"] and bar["n"] in ("<5", 0) for bar in q2["bars"] if bar["n"])
    assert dict(page.context["breakdowns"]["quarter"])["Nordstadt"] == "<5"


def test_the_threshold_is_a_setting(client, full, settings):
    settings.SURVEY_MIN_CELL = 2
    client.force_login(_evaluator())
    table = client.get(_url(full, question="Q2", by="quarter")).context["table"]
    assert not table.columns[1].suppressed and dict(table.rows)["Nein"][1].n == 2


def test_a_scale_shows_its_distribution_and_mean_per_group(client, full):
    client.force_login(_evaluator())
    table = client.get(_url(full, question="Q4", by="quarter")).context["table"]
    means = dict(table.means)["Mittelwert"]
    assert means[0].value == 5 and means[2].value == pytest.approx((6 * 5 + 2 * 2) / 8)
    assert means[1].suppressed
    assert dict(table.rows)["5 – sehr"][0].n == 6


def test_a_conditional_question_counts_only_those_who_were_asked(client, full):
    client.force_login(_evaluator())
    table = client.get(_url(full, question="Q6")).context["table"]
    # Q6 is a free text: not a table question; the form refuses it without an error page.
    assert table is None
    age = client.get(_url(full, question="Q4", by="q:Q2")).context["table"]
    assert [column.label for column in age.columns] == ["Ja", "Nein", "Gesamt"]


def test_the_current_wave_is_compared_with_an_earlier_one_per_quarter(client, full):
    earlier = full["survey"]
    earlier.opens_at -= timedelta(days=800)
    earlier.save()
    opens = timezone.now() - timedelta(days=1)
    current = services.copy_as_next_wave(
        earlier, year=2027, opens_at=opens, closes_at=opens + timedelta(days=30)
    )
    current.status = "published"
    current.save()
    copy = {
        **full,
        "survey": current,
        "questions": list(current.questions.order_by("position")),
    }
    copy["yes"] = copy["questions"][1].choices.get(code=1)
    copy["no"] = copy["questions"][1].choices.get(code=2)
    q3 = list(copy["questions"][2].choices.all())
    post = {"Q3": [str(q3[0].pk), str(q3[3].pk)], "Q2": str(copy["yes"].pk)}
    for _index in range(5):
        data = valid_post(copy, Q1=str(full["quarters"][0].pk), Q4="3", **post)
        services.store_response(current, answers_for(copy, data), language="ar")
    client.force_login(_evaluator())
    query = {"question": "Q4", "by": "quarter", "compare": earlier.pk}
    url = reverse("survey:crosstab", kwargs={"slug": current.slug})
    table = client.get(url, query).context["table"]
    labels = [column.label for column in table.columns]
    year = str(earlier.year)
    now = str(current.year)
    # The same quarter of both waves side by side, the totals last.
    assert labels == [
        f"Böckingen {now}",
        f"Böckingen {year}",
        f"Nordstadt {year}",
        f"Gesamt {now}",
        f"Gesamt {year}",
    ]
    means = dict(table.means)["Mittelwert"]
    assert means[0].value == 3 and means[1].value == 5


def test_the_date_range_limits_the_responses_and_a_reversed_range_is_a_form_error(client, full):
    last_week = timezone.localdate() - timedelta(days=7)
    _answer(full, 5, quarter=full["quarters"][0], day=last_week)
    client.force_login(_evaluator())
    table = client.get(
        _url(full, question="Q2", date_from=timezone.localdate().isoformat())
    ).context["table"]
    assert table.columns[-1].base == 8
    table = client.get(_url(full, question="Q2", date_to=last_week.isoformat())).context["table"]
    assert table.columns[-1].base == 5
    page = client.get(
        _url(full, question="Q2", date_from="2026-05-02", date_to="2026-05-01", by="nonsense")
    )
    assert page.status_code == 200 and page.context["table"] is None
    assert "date_to" in page.context["form"].errors


def test_suppression_hides_counts_between_one_and_the_threshold():
    assert [evaluation.suppress(n, 5) for n in (0, 1, 4, 5)] == [False, True, True, False]
