"""Exports for statistics programs: SPSS and Stata with variable and value labels, R, labels
instead of codes, the codebook in German and English; every download logged."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from openpyxl import load_workbook

from survey import exports, services
from survey.models import ExportLog
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german():
    """Staff pages in German, whatever an earlier test left active."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture
def full():
    full = make_full_survey()
    q2 = full["questions"][1]
    q2.text_en = "Do you know the centre?"
    q2.save()
    full["yes"].label_en = "Yes"
    full["yes"].save()
    for language in ("de", "ar", "tr"):
        services.store_response(
            full["survey"], answers_for(full, valid_post(full)), language=language
        )
    data = valid_post(full, Q2=str(full["no"].pk), Q6="", Q4="dk")
    services.store_response(full["survey"], answers_for(full, data), language="ru")
    return full


@pytest.fixture
def evaluator(client):
    user = User.objects.create_user("aylin", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="export_responses"))
    client.force_login(user)
    return user


def _get(client, full, kind, **query):
    url = reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": kind})
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def test_the_sav_file_reads_back_with_pyreadstat_with_the_right_value_labels(
    client, full, evaluator
):
    body = _get(client, full, "sav").content
    frame, meta = exports.read_back(body, ".sav")
    assert len(frame) == 4
    labels = meta.variable_value_labels
    assert labels["Q2"][1.0] == "Ja" and labels["Q2"][2.0] == "Nein"
    assert labels["Q2"][-2.0] == "keine Angabe"
    assert labels["Q1"][float(full["quarters"][0].code)] == "Böckingen"
    assert labels["Q4"][99.0] == "weiß nicht"
    assert labels["Q3_1"] == {
        0.0: "nicht gewählt",
        1.0: "gewählt",
        -2.0: "keine Angabe",
        -3.0: "mehrere angekreuzt",
        -4.0: "unleserlich",
    }
    names = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert names["Q2"] == "Frage Q2"
    assert names["Q3_1"] == "Frage Q3 – Kinder"
    # Q6 is asked only after "Ja": the "Nein" response holds -1 = not shown.
    row = frame[frame["Q2"] == 2.0].iloc[0]
    assert row["Q6"] == "-1" and row["Q4"] == 99.0
    assert meta.missing_ranges["Q2"] == [{"lo": -4.0, "hi": -2.0}]
    assert set(frame["language"]) == {"de", "ar", "tr", "ru"}


def test_the_sav_file_can_carry_english_labels(client, full, evaluator):
    body = _get(client, full, "sav", language="en").content
    _frame, meta = exports.read_back(body, ".sav")
    assert meta.variable_value_labels["Q2"][1.0] == "Yes"
    assert meta.variable_value_labels["Q2"][2.0] == "Nein"  # no English yet: German
    assert dict(zip(meta.column_names, meta.column_labels, strict=True))["Q2"] == (
        "Do you know the centre?"
    )


def test_the_stata_file_reads_back_with_variable_and_value_labels(client, full, evaluator):
    body = _get(client, full, "dta").content
    frame, meta = exports.read_back(body, ".dta")
    assert len(frame) == 4
    q2 = meta.variable_to_label["Q2"]
    assert meta.value_labels[q2][1] == "Ja"
    assert dict(zip(meta.column_names, meta.column_labels, strict=True))["Q2"] == "Frage Q2"


def test_csv_and_xlsx_come_with_labels_instead_of_codes_on_request(client, full, evaluator):
    body = _get(client, full, "csv", values="labels").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    header = rows[0]
    assert "Frage Q2" in header
    column = header.index("Frage Q2")
    assert sorted(row[column] for row in rows[1:]) == ["Ja", "Ja", "Ja", "Nein"]
    q6 = header.index("Frage Q6")
    assert "nicht gezeigt (Filterfrage)" in [row[q6] for row in rows[1:]]
    body = _get(client, full, "xlsx", values="labels", language="en").content
    sheet = load_workbook(io.BytesIO(body)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    index = values[0].index("Do you know the centre?")
    assert sorted(row[index] for row in values[1:]) == ["Nein", "Yes", "Yes", "Yes"]


def test_the_codebook_in_german_and_english_has_types_conditions_missing_codes_and_quarters(
    client, full, evaluator
):
    for language, sheets in (
        ("de", ["Codebuch", "Quartiere"]),
        ("en", ["Codebook", "Neighbourhoods"]),
    ):
        body = _get(client, full, "codebook-xlsx", language=language).content
        book = load_workbook(io.BytesIO(body))
        assert book.sheetnames == sheets
        rows = {row[0].value: [cell.value for cell in row] for row in book[sheets[0]].iter_rows()}
        quarters = [[cell.value for cell in row] for row in book[sheets[1]].iter_rows()]
        assert [full["quarters"][0].code, "Böckingen"] in quarters
        if language == "de":
            assert rows["Q2"][2] == "Einfachauswahl"
            assert rows["Q6"][3] == "nur wenn Q2 = 1 (Ja)"
            assert "-1 = nicht gezeigt (Filterfrage)" in rows["Q6"][5]
        else:
            assert rows["Q2"][2] == "single choice"
            assert rows["Q6"][3] == "only if Q2 = 1 (Yes)"
            assert "-2 = not answered" in rows["Q2"][5]
            assert rows["Q1"][2] == "neighbourhood (code list)"


def test_the_r_script_reads_the_csv_with_factor_labels_and_missing_as_na(client, full, evaluator):
    script = _get(client, full, "R").content.decode()
    assert "read.csv2(" in script
    assert 'd[["Q2"]] <- factor(d[["Q2"]], levels = c(1, 2, 3), labels = c("Ja", "Nein"' in script
    assert 'd[["Q2"]][d[["Q2"]] %in% c(-2, -3, -4)] <- NA' in script


def test_every_download_is_logged_with_who_and_when(client, full, evaluator):
    for kind in ("csv", "xlsx", "sav", "dta", "R", "codebook", "codebook-xlsx"):
        _get(client, full, kind)
    form = reverse("survey:download", kwargs={"slug": full["survey"].slug})
    assert client.get(form, {"kind": "sav", "language": "xx"}).status_code == 200
    logged = list(ExportLog.objects.order_by("pk").values_list("kind", "user__username"))
    assert [kind for kind, _user in logged] == [
        "csv",
        "xlsx",
        "sav",
        "dta",
        "R",
        "codebook",
        "codebook-xlsx",
        "sav",
    ]
    assert {user for _kind, user in logged} == {"aylin"}
    assert all(entry.at for entry in ExportLog.objects.all())
