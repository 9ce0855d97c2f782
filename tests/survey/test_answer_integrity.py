"""Every answer points at a question, option, matrix item and neighbourhood that exist.

The database checks only an answer's response; the rest is kept by the application (issue 18:
PostgreSQL's check of each answer locked the question and option rows that every concurrent
submission shares). These tests delete each of them the ways the portal can and look for
answers left pointing nowhere.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from centers.models import Quarter
from survey import services
from survey.models import (
    Answer,
    Choice,
    MatrixRow,
    Question,
    QuestionKind,
    Response,
    SurveyStatus,
)
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


def _dangling():
    """Answers whose question, option, matrix item, neighbourhood or response is gone."""
    targets = {
        "question_id": Question.objects,
        "choice_id": Choice.objects,
        "row_id": MatrixRow.objects,
        "quarter_id": Quarter.objects,
        "response_id": Response.all_objects,
    }
    found = {}
    for column, target in targets.items():
        answers = Answer.objects.filter(**{f"{column}__isnull": False}).exclude(
            **{f"{column}__in": target.values("pk")}
        )
        if answers.exists():
            found[column] = list(answers.values_list("pk", flat=True))
    return found


def _preview_answers(full):
    """Answers given in the preview of a survey that has not started (the only answers a
    question, option or matrix item can still be deleted under)."""
    return services.store_test_response(
        full["survey"], answers_for(full, valid_post(full)), language="de"
    )


@pytest.fixture
def draft():
    return make_full_survey(status=SurveyStatus.DRAFT)


@pytest.fixture
def stored():
    """A resident's stored response to a started survey."""
    full = make_full_survey()
    response, _created = services.store_response(
        full["survey"], answers_for(full, valid_post(full)), language="de", token="stored"
    )
    return response


def test_the_database_checks_only_an_answers_response():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Answer._meta.db_table)
    checked = sorted(
        column
        for constraint in constraints.values()
        if constraint["foreign_key"]
        for column in constraint["columns"]
    )
    assert checked == ["response_id"]


@pytest.mark.parametrize("deleted", ["question", "option", "matrix item"])
def test_deleting_a_part_of_a_survey_not_started_deletes_its_answers(draft, deleted):
    response = _preview_answers(draft)
    before = response.answers.count()
    question, _single, multiple, _scale, matrix = draft["questions"][:5]
    if deleted == "question":
        gone = Answer.objects.filter(question=question).count()
        question.delete()
    elif deleted == "option":
        option = multiple.choices.first()  # ticked in valid_post
        gone = Answer.objects.filter(choice=option).count()
        option.delete()
    else:
        row = matrix.rows.first()
        gone = Answer.objects.filter(row=row).count()
        row.delete()
    assert gone and response.answers.count() == before - gone
    assert _dangling() == {}


def test_a_started_surveys_questions_options_and_items_cannot_be_deleted(stored):
    before = stored.answers.count()
    question, single, _multiple, _scale, matrix = stored.survey.questions.all()[:5]
    for part in (question, single.choices.first(), matrix.rows.first()):
        with pytest.raises(ValidationError):
            part.delete()
    assert stored.answers.count() == before
    assert _dangling() == {}


def test_deleting_a_neighbourhood_keeps_the_answers_without_it(stored):
    before = stored.answers.count()
    home = stored.answers.get(quarter__isnull=False)
    home.quarter.delete()
    home.refresh_from_db()
    assert home.quarter_id is None
    assert stored.answers.count() == before
    assert _dangling() == {}


def test_deleting_a_response_a_survey_or_a_preview_leaves_no_answer_behind(stored, draft):
    services.delete_response(stored, user=User.objects.create_user("office"), reason="Doppelt")
    _preview_answers(draft)
    draft["survey"].delete()
    assert not Answer.objects.exists()
    assert _dangling() == {}


def test_publishing_deletes_the_previews_answers(draft):
    _preview_answers(draft)
    survey = draft["survey"]
    survey.status = SurveyStatus.PUBLISHED
    survey.save()
    assert not Response.all_objects.filter(is_test=True).exists()
    assert not Answer.objects.exists()
    assert _dangling() == {}


def test_the_retention_purge_leaves_no_answer_behind(stored):
    survey = stored.survey
    survey.opens_at = timezone.now() - timedelta(days=900)
    survey.closes_at = timezone.now() - timedelta(days=800)
    survey.save()
    texts = stored.answers.filter(question__kind=QuestionKind.TEXT)
    assert texts.exists()
    call_command("purge_survey_responses", verbosity=0)
    assert not texts.exists()  # the purge ran: free texts of an ended survey are gone
    assert stored.answers.exists()
    assert _dangling() == {}
