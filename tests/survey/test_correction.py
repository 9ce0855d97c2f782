"""Correcting a stored paper response changes what the clerk changed, and nothing else."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from survey.models import Answer, Response, ResponseChange
from tests.survey.factories import make_full_survey

pytestmark = pytest.mark.django_db

PAPER_FORM = {
    "language": "tr",
    "source": "Bürgeramt Böckingen",
    "batch": "B-7",
    "Q1": "2",
    "Q2": "1",
    "Q3": "1 4",
    "Q3_other": "Schach  am Dienstag",
    "Q4": "99",
    "Q5_1": "3",
    "Q5_2": "99",
    "Q6": "Ein Café\nmit Garten",
    "Q7": "2",
}


class _FormValues(HTMLParser):
    """What a browser would send back from the page's form without the clerk touching it."""

    def __init__(self):
        super().__init__()
        self.values, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") in ("text", "hidden") and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def _form_values(html):
    parser = _FormValues()
    parser.feed(html)
    # A browser drops the one line break that follows <textarea>.
    return {name: value.removeprefix("\n") for name, value in parser.values.items()}


def _answers(response):
    return sorted(
        Answer.objects.filter(response=response).values_list(
            "pk",
            "question__code",
            "choice__code",
            "row__code",
            "quarter_id",
            "value",
            "dont_know",
            "text",
        ),
        key=repr,
    )


@pytest.fixture
def full():
    return make_full_survey()


@pytest.fixture
def stored(client, full):
    clerk = User.objects.create_user("erfassung", is_staff=True)
    codenames = ["enter_paper_responses", "change_response", "view_response"]
    clerk.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(clerk)
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    assert client.post(url, PAPER_FORM).status_code == 302
    return Response.objects.get()


def _edit(response):
    return reverse("survey:response-edit", kwargs={"pk": response.pk})


def test_the_correction_screen_shows_every_stored_answer(client, stored):
    values = _form_values(client.get(_edit(stored)).content.decode())
    assert {name: values[name] for name in PAPER_FORM} == PAPER_FORM


def test_saving_a_correction_unchanged_keeps_every_answer_byte_identical(client, stored):
    before = _answers(stored)
    values = _form_values(client.get(_edit(stored)).content.decode())
    assert client.post(_edit(stored), values).status_code == 302
    assert _answers(stored) == before
    assert ResponseChange.objects.filter(action="corrected").count() == 1


def test_changing_one_answer_leaves_every_other_answer_identical(client, stored):
    before = _answers(stored)
    values = _form_values(client.get(_edit(stored)).content.decode())
    response = client.post(_edit(stored), values | {"Q7": "5"})
    assert response.status_code == 302
    after = _answers(stored)
    assert [row for row in before if row[1] != "Q7"] == [row for row in after if row[1] != "Q7"]
    assert [row[5] for row in after if row[1] == "Q7"] == [5]
    stored.refresh_from_db()
    assert (stored.language, stored.source, stored.batch) == ("tr", "Bürgeramt Böckingen", "B-7")


def test_a_multiple_choice_answer_survives_a_correction_of_another_question(client, stored):
    values = _form_values(client.get(_edit(stored)).content.decode())
    client.post(_edit(stored), values | {"Q4": "5"})
    q3 = Answer.objects.filter(response=stored, question__code="Q3")
    assert sorted(q3.values_list("choice__code", "text")) == [(1, ""), (4, "Schach  am Dienstag")]


def test_a_correction_shows_on_the_dashboard_at_once(client, full, stored):
    dashboard = reverse("survey:dashboard", kwargs={"slug": full["survey"].slug})
    boeckingen, nordstadt = (f"?quarter={quarter.pk}" for quarter in full["quarters"])
    assert client.get(dashboard + nordstadt).context["total"] == 1
    assert client.get(dashboard + boeckingen).context["total"] == 0  # now cached
    values = _form_values(client.get(_edit(stored)).content.decode())
    client.post(_edit(stored), values | {"Q1": "1"})
    assert client.get(dashboard + nordstadt).context["total"] == 0
    assert client.get(dashboard + boeckingen).context["total"] == 1


def test_a_wrong_code_in_a_correction_changes_nothing_and_keeps_what_was_typed(client, stored):
    before = _answers(stored)
    values = _form_values(client.get(_edit(stored)).content.decode())
    response = client.post(_edit(stored), values | {"Q2": "7", "Q6": "Neu getippt"})
    assert response.status_code == 200
    assert "Neu getippt" in response.content.decode()
    assert _answers(stored) == before
