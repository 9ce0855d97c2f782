"""Paper forms are entered as residents filled them in: blanks, too many ticks, unreadable marks."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from centers.models import Quarter
from survey.models import Answer, Missing, Response
from tests.factories import make_quarter
from tests.survey.factories import make_full_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return make_full_survey()


@pytest.fixture
def clerk(client):
    user = User.objects.create_user("erfassung", is_staff=True)
    codenames = ["enter_paper_responses", "view_response", "export_responses"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return user


def _enter(client, full, **answers):
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    data = {"language": "de", "source": "Bürgeramt", "batch": "B-1"} | answers
    return client.post(url, data, follow=True)


def _export(client, full):
    url = reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "csv"})
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_a_form_with_a_blank_required_question_and_a_double_tick_is_stored_with_codes(
    client, full, clerk
):
    # Q1 (required) left blank, two ticks in the single-choice Q2, three where two are allowed
    # in Q3, an unreadable mark in the scale Q4.
    page = _enter(client, full, Q2="1 2", Q3="1 2 3", Q4="?", Q5_1="3", Q5_2="3 4", Q7="4")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Papierfragebogen Nr." in text  # saved, not refused
    assert "Frage 2: mehrere Kästchen angekreuzt" in text
    assert "Frage 1: leer gelassen: als „keine Angabe“ gespeichert" in text
    assert "Frage 4: als „unleserlich“ gespeichert" in text

    response = Response.objects.get()
    q2 = Answer.objects.filter(response=response, question__code="Q2")
    assert sorted(q2.values_list("choice__code", "missing")) == [
        (1, Missing.SEVERAL),
        (2, Missing.SEVERAL),
    ]
    row = _export(client, full)[0]
    assert row["Q1"] == "-2"
    assert row["Q2"] == "-3"
    assert [row["Q3_1"], row["Q3_2"], row["Q3_3"], row["Q3_4"]] == ["-3"] * 4
    assert row["Q4"] == "-4"
    assert (row["Q5_1"], row["Q5_2"]) == ("3", "-3")
    assert row["Q6"] == "-2"  # Q2 over-ticked with "Ja" among the ticks: Q6 was asked
    assert row["Q7"] == "4"


def test_the_correction_screen_shows_the_ticks_and_marks_as_they_were_entered(client, full, clerk):
    clerk.user_permissions.add(Permission.objects.get(codename="change_response"))
    _enter(client, full, Q1="1", Q2="1 2", Q4="?", Q5_1="3", Q5_2="1")
    response = Response.objects.get()
    form = client.get(reverse("survey:response-edit", kwargs={"pk": response.pk})).context["form"]
    assert form.initial["Q2"] == "1 2" and form.initial["Q4"] == "?"


def test_a_neighbourhood_keeps_its_printed_code_when_another_is_added_before_it(
    client, full, clerk
):
    nordstadt = Quarter.objects.get(name="Nordstadt")
    code = nordstadt.code
    make_quarter(name="Altstadt")  # sorts first alphabetically
    nordstadt.refresh_from_db()
    assert nordstadt.code == code
    _enter(client, full, Q1=str(code), Q2="2", Q5_1="1", Q5_2="1")
    assert Answer.objects.get(question__code="Q1").quarter == nordstadt
    assert _export(client, full)[0]["Q1"] == str(code)


def test_the_code_of_a_neighbourhood_can_never_be_changed():
    quarter = make_quarter(name="Sontheim")
    quarter.code += 1
    with pytest.raises(ValueError):
        quarter.save()


def test_outside_heilbronn_is_an_answer_of_its_own_with_the_code_99(client, full, clerk):
    _enter(client, full, Q1="99", Q2="2", Q5_1="1", Q5_2="1")
    answer = Answer.objects.get(question__code="Q1")
    assert answer.dont_know and answer.quarter is None
    assert _export(client, full)[0]["Q1"] == "99"


def test_the_export_with_labels_names_the_chosen_answer_beside_its_code(client, full, clerk):
    _enter(client, full, Q1="1", Q2="2", Q5_1="1", Q5_2="1")
    url = reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "csv"})
    body = client.get(url + "?labels=1").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Q1"], row["Q1_label"]) == ("1", "Böckingen")
    assert (row["Q2"], row["Q2_label"]) == ("2", "Nein")


def test_an_unknown_code_is_still_refused_as_a_typing_mistake(client, full, clerk):
    page = _enter(client, full, Q1="1", Q2="7", Q5_1="1", Q5_2="1")
    assert "Unbekannter Code: 7" in page.content.decode()
    assert not Response.objects.exists()
