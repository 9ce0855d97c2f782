"""Missing values: not shown, not answered, several ticked, unreadable and don't know stay
distinct in the database, the exports and the codebook."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import translation

from survey.models import Answer, Missing, Response
from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return make_full_survey()


def _export_rows(client, survey, kind="csv"):
    user = User.objects.create_user("evaluator", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="export_responses"))
    client.force_login(user)
    body = client.get(reverse("survey:export", kwargs={"slug": survey.slug, "kind": kind}))
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig")), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _answer_online(client, full, **overrides):
    with translation.override("de"):
        url = reverse("survey:questionnaire", kwargs={"slug": full["survey"].slug})
    data = {name: value for name, value in valid_post(full, **overrides).items() if value != ""}
    assert client.post(url, data).status_code == 302


def test_a_blank_multiple_choice_question_is_not_answered_rather_than_nothing_chosen(client, full):
    _answer_online(client, full, Q3="", Q3_other="")
    row = _export_rows(client, full["survey"])[0]
    assert [row[f"Q3_{code}"] for code in (1, 2, 3, 4)] == ["-2"] * 4


def test_a_question_skipped_by_its_condition_is_not_shown_and_a_blank_one_not_answered(
    client, full
):
    _answer_online(client, full, Q2=str(full["no"].pk), Q4="", Q7="", Q6="")
    row = _export_rows(client, full["survey"])[0]
    assert row["Q6"] == "-1"  # Q6 is asked only after "Ja" in Q2
    assert row["Q4"] == "-2" and row["Q7"] == "-2"
    assert row["Q5_2"] == "99"  # "don't know" keeps its own code


def test_over_ticked_and_unreadable_answers_keep_their_own_codes_and_are_not_counted(client, full):
    _answer_online(client, full)
    response = Response.objects.get()
    q4 = full["questions"][3]
    Answer.objects.filter(response=response, question=q4).update(missing=Missing.UNREADABLE)
    q3 = full["questions"][2]
    Answer.objects.filter(response=response, question=q3).update(missing=Missing.SEVERAL)
    row = _export_rows(client, full["survey"])[0]
    assert row["Q4"] == "-4"
    assert [row[f"Q3_{code}"] for code in (1, 2, 3, 4)] == ["-3"] * 4
    assert row["Q3_4_other"] == "Ein Chor"  # what the resident wrote stays readable

    from survey import services

    questions = services.load_questions(full["survey"])
    _total, results = services.aggregate(
        full["survey"], questions, services.load_quarters(), Response.objects.all()
    )
    by_code = {item["question"].code: item for item in results}
    assert by_code["Q4"]["answered"] == 0 and by_code["Q3"]["answered"] == 0


def test_the_codebook_explains_every_missing_value_code(client, full):
    user = User.objects.create_user("evaluator", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="export_responses"))
    client.force_login(user)
    url = reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "codebook"})
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    values = {row[0]: row[2] for row in rows[1:]}
    assert "-1 = nicht gezeigt (Filterfrage)" in values["Q6"]
    assert "-1" not in values["Q4"]
    for code in ("-2 = keine Angabe", "-3 = mehrere angekreuzt", "-4 = unleserlich", "99 = weiß"):
        assert code in values["Q4"]
    assert values["Q3_1"].startswith("0 = nicht gewählt; 1 = gewählt; -2 = keine Angabe")
