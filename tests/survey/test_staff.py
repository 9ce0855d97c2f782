import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from openpyxl import load_workbook

from survey import services
from survey.models import Channel, Response, ResponseChange
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return make_full_survey()


def _staff(*codenames):
    user = User.objects.create_user(f"staff-{len(codenames)}-{'-'.join(codenames)}", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def _submit(full, count, **overrides):
    for index in range(count):
        answers = answers_for(full, valid_post(full, **overrides))
        language = ["de", "ar", "tr"][index % 3]
        services.store_response(full["survey"], answers, language=language)


STAFF_URLS = [
    ("survey:dashboard", "view_response"),
    ("survey:paper-entry", "enter_paper_responses"),
    ("survey:translation-status", "change_survey"),
]


@pytest.mark.parametrize(("name", "codename"), STAFF_URLS)
def test_staff_pages_need_a_login(client, full, name, codename):
    response = client.get(reverse(name, kwargs={"slug": full["survey"].slug}))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.parametrize(("name", "codename"), STAFF_URLS)
def test_staff_pages_need_their_permission(client, full, name, codename):
    url = reverse(name, kwargs={"slug": full["survey"].slug})
    client.force_login(_staff())
    assert client.get(url).status_code == 403
    client.force_login(_staff(codename))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("kind", ["csv", "xlsx", "codebook"])
def test_exports_need_the_export_permission(client, full, kind):
    url = reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": kind})
    client.force_login(_staff("view_response"))
    assert client.get(url).status_code == 403
    client.force_login(_staff("export_responses"))
    assert client.get(url).status_code == 200


def test_an_unknown_export_format_is_not_found(client, full):
    client.force_login(_staff("export_responses"))
    url = reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "pdf"})
    assert client.get(url).status_code == 404


def test_the_csv_export_has_one_row_per_response_in_codebook_order(client, full):
    _submit(full, 3)
    client.force_login(_staff("export_responses"))
    body = client.get(
        reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "csv"})
    ).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    book = client.get(
        reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "codebook"})
    ).content.decode("utf-8-sig")
    book_rows = list(csv.reader(io.StringIO(book), delimiter=";"))[1:]
    assert rows[0] == [row[0] for row in book_rows]
    assert len(rows) == 4
    header = rows[0]
    assert header[:6] == ["response_id", "submitted_on", "language", "channel", "source", "batch"]
    # one column per option of a multiple-choice question, the other text next to its choice
    assert header[header.index("Q3_1") : header.index("Q3_4_other") + 1] == [
        "Q3_1",
        "Q3_2",
        "Q3_3",
        "Q3_4",
        "Q3_4_other",
    ]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Q3_1"] == "1" and first["Q3_2"] == "0" and first["Q3_4_other"] == "Ein Chor"
    assert first["Q1"] == str(full["quarters"][0].code)  # the fixed code, not the name
    assert first["Q2"] == "1"
    assert first["Q5_2"] == "99"
    assert first["channel"] == "online"
    assert {row[2] for row in rows[1:]} == {"de", "ar", "tr"}
    codebook = dict((row[0], row[2]) for row in book_rows)
    assert "1 = Ja" in codebook["Q2"] and "99 = weiß nicht" in codebook["Q5_1"]


def test_the_xlsx_export_has_the_answers_and_the_codebook(client, full):
    _submit(full, 2)
    client.force_login(_staff("export_responses"))
    body = client.get(
        reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "xlsx"})
    ).content
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == ["Antworten", "Codebuch"]
    header = [cell.value for cell in next(workbook["Antworten"].iter_rows())]
    columns = [row[0].value for row in list(workbook["Codebuch"].iter_rows())[1:]]
    assert header == columns
    assert workbook["Antworten"].max_row == 3


def test_the_dashboard_needs_the_same_number_of_queries_for_ten_times_the_responses(
    client, full, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(_staff("view_response", "view_free_texts"))
    url = reverse("survey:dashboard", kwargs={"slug": full["survey"].slug})
    _submit(full, 5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _submit(full, 45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url + "?language=ar&search=Bänke")
    assert response.status_code == 200
    assert "Mehr Bänke" in response.content.decode()


def test_the_dashboard_counts_and_filters(client, full):
    _submit(full, 6)
    client.force_login(_staff("view_response"))
    url = reverse("survey:dashboard", kwargs={"slug": full["survey"].slug})
    assert client.get(url).context["total"] == 6
    assert client.get(url + "?language=ar").context["total"] == 2
    quarter = full["quarters"][1].pk
    assert client.get(url + f"?quarter={quarter}").context["total"] == 0
    # a bad filter value is ignored rather than answered with an error
    response = client.get(url + "?quarter=abc&channel=fax")
    assert response.status_code == 200
    assert response.context["total"] == 6


def _paper_post(full, **overrides):
    data = {
        "language": "ru",
        "source": "Bürgeramt Böckingen",
        "batch": "B-7",
        "Q1": "2",
        "Q2": "1",
        "Q3": "1 4",
        "Q3_other": "Schach",
        "Q4": "99",
        "Q5_1": "3",
        "Q5_2": "4",
        "Q6": "Ein Café",
        "Q7": "2",
    }
    return data | overrides


def test_staff_enter_a_paper_response_with_the_printed_codes(client, full):
    user = _staff("enter_paper_responses")
    client.force_login(user)
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    response = client.post(url, _paper_post(full))
    assert response.status_code == 302
    assert "source=" in response.url
    stored = Response.objects.get()
    assert (stored.channel, stored.language, stored.source, stored.batch) == (
        Channel.PAPER,
        "ru",
        "Bürgeramt Böckingen",
        "B-7",
    )
    assert stored.entered_by == user and stored.entered_at is not None
    answers = {a.question.code: a for a in stored.answers.exclude(question__code="Q3")}
    assert answers["Q1"].quarter == full["quarters"][1]
    assert answers["Q4"].dont_know
    assert sorted(
        stored.answers.filter(question__code="Q3").values_list("choice__code", flat=True)
    ) == [1, 4]
    assert ResponseChange.objects.get().action == "entered"


def test_an_unknown_paper_code_is_refused_and_everything_typed_is_kept(client, full):
    client.force_login(_staff("enter_paper_responses"))
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    response = client.post(url, _paper_post(full, Q2="7"))
    html = response.content.decode()
    assert response.status_code == 200
    assert Response.objects.count() == 0
    assert "7" in html and 'value="Schach"' in html and "Ein Café" in html


def test_authorised_staff_correct_and_delete_a_paper_response(client, full):
    client.force_login(_staff("enter_paper_responses"))
    client.post(
        reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug}), _paper_post(full)
    )
    stored = Response.objects.get()
    edit = reverse("survey:response-edit", kwargs={"pk": stored.pk})
    delete = reverse("survey:response-delete", kwargs={"pk": stored.pk})
    other_clerk = User.objects.create_user("andere-erfassung", is_staff=True)
    other_clerk.user_permissions.set(Permission.objects.filter(codename="enter_paper_responses"))
    client.force_login(other_clerk)
    assert client.get(edit).status_code == 403  # not their form, not their centre's
    editor = _staff("change_response", "delete_response")
    client.force_login(editor)
    form = client.get(edit)
    assert 'value="Schach"' in form.content.decode()
    assert client.post(edit, _paper_post(full, Q2="2", Q6="")).status_code == 302
    assert stored.answers.get(question__code="Q2").choice.code == 2
    assert client.post(delete, {"reason": "doppelt"}).status_code == 302
    assert not Response.objects.exists()
    assert list(ResponseChange.objects.order_by("at", "pk").values_list("action", flat=True)) == [
        "entered",
        "corrected",
        "deleted",
    ]


def test_online_responses_cannot_be_edited_through_the_paper_screen(client, full):
    _submit(full, 1)
    client.force_login(_staff("change_response"))
    pk = Response.objects.get().pk
    assert client.get(reverse("survey:response-edit", kwargs={"pk": pk})).status_code == 404


def test_the_admin_lists_surveys_with_links_to_the_staff_tools(admin_client, full):
    html = admin_client.get(reverse("admin:survey_survey_changelist")).content.decode()
    assert reverse("survey:dashboard", kwargs={"slug": full["survey"].slug}) in html
    assert reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug}) in html
    change = admin_client.get(reverse("admin:survey_survey_change", args=[full["survey"].pk]))
    assert change.status_code == 200
    question = admin_client.get(
        reverse("admin:survey_question_change", args=[full["questions"][1].pk])
    )
    assert question.status_code == 200
