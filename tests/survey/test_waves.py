"""Waves: copy a survey as its next wave, lock an opened survey's structure, preview and test a
draft, switch the current survey in one step."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from survey import services
from survey.models import Choice, MatrixRow, Question, Response, Survey, SurveyStatus
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


def _editor():
    user = User.objects.create_user("rita", is_staff=True)
    names = ["change_survey", "add_survey", "view_survey", "change_question", "view_question"]
    names += ["delete_choice", "delete_question", "view_response", "export_responses"]
    user.user_permissions.set(Permission.objects.filter(codename__in=names))
    return user


def _structure(survey):
    """Everything that gives an answer its meaning, and every translation, by code."""
    rows = []
    for question in survey.questions.order_by("position"):
        condition = question.show_if_choice
        rows.append(
            (
                question.code,
                question.kind,
                question.required,
                question.max_choices,
                question.allow_dont_know,
                (condition.question.code, condition.code) if condition else None,
                question.text_de,
                question.text_ar,
                [(c.code, c.label_de, c.label_tr, c.is_other) for c in question.choices.all()],
                [(r.code, r.label_de, r.label_ru) for r in question.rows.all()],
            )
        )
    return rows


@pytest.fixture
def survey_2024():
    full = make_full_survey(
        title_de="Befragung zur Quartiersarbeit 2024",
        title_ar="استطلاع حول العمل المجتمعي",
        slug="quartiersarbeit-2024",
        opens_at=timezone.now() - timedelta(days=800),
        closes_at=timezone.now() - timedelta(days=770),
        results_published=True,
        results_text_de="Vielen Dank",
    )
    for question in full["survey"].questions.all():
        question.text_ar = f"سؤال {question.code}"
        question.save()
    Choice.objects.filter(question__survey=full["survey"]).update(label_tr="Seçenek")
    MatrixRow.objects.filter(question__survey=full["survey"]).update(label_ru="Пункт")
    services.store_response(full["survey"], answers_for(full, valid_post(full)), language="de")
    return full


def _copy(survey, year=2027):
    opens = timezone.now() + timedelta(days=30)
    return services.copy_as_next_wave(
        survey, year=year, opens_at=opens, closes_at=opens + timedelta(days=30)
    )


def test_copying_the_2024_survey_yields_an_identical_structure_with_codes_and_translations(
    survey_2024,
):
    original = survey_2024["survey"]
    copy = _copy(original)
    assert _structure(copy) == _structure(original)
    assert copy.title_de == "Befragung zur Quartiersarbeit 2027"
    assert copy.title_ar == "استطلاع حول العمل المجتمعي 2027"
    assert copy.slug == "quartiersarbeit-2027"
    assert copy.status == SurveyStatus.DRAFT and not copy.is_current
    assert copy.wave == original.wave + 1
    assert not copy.results_published and copy.results_text_de == ""
    assert copy.responses.count() == 0
    # The condition points to the copy's own option, not to the 2024 survey's.
    condition = copy.questions.get(code="Q6").show_if_choice
    assert condition.question.survey == copy
    # The 2024 survey is untouched.
    assert original.questions.count() == 7 and original.responses.count() == 1


def test_the_redaktion_copies_a_survey_in_the_admin_with_a_confirm_form(client, survey_2024):
    client.force_login(User.objects.create_superuser("admin"))
    url = reverse("admin:survey_survey_copy", args=[survey_2024["survey"].pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["year"] >= 2025
    bad = client.post(
        url, {"year": "2027", "opens_at": "2027-03-01T00:00", "closes_at": "2027-02-01T00:00"}
    )
    assert bad.status_code == 200 and "closes_at" in bad.context["form"].errors
    assert Survey.objects.count() == 1
    done = client.post(
        url, {"year": "2027", "opens_at": "2027-02-01T00:00", "closes_at": "2027-03-01T00:00"}
    )
    copy = Survey.objects.get(slug="quartiersarbeit-2027")
    assert done.status_code == 302 and done.url.endswith(f"/{copy.pk}/change/")
    assert copy.questions.count() == 7


def test_an_open_survey_refuses_option_deletion(client):
    full = make_full_survey()
    choice = full["no"]
    with pytest.raises(ValidationError):
        choice.delete()
    assert Choice.objects.filter(pk=choice.pk).exists()
    # In the admin there is no box to delete an option, nor a row to add one.
    client.force_login(User.objects.create_superuser("admin"))
    page = client.get(reverse("admin:survey_question_change", args=[full["questions"][1].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="choices-0-DELETE"' not in html
    assert 'name="choices-0-code"' not in html  # the code is shown, not editable
    assert 'name="choices-0-label_de"' in html  # the text is


def test_an_open_survey_refuses_new_options_and_changed_codes_but_takes_new_texts():
    full = make_full_survey()
    question = full["questions"][1]
    new = Choice(question=question, code=9, position=9, label_de="Vielleicht")
    with pytest.raises(ValidationError):
        new.full_clean()
    choice = Choice.objects.get(pk=full["no"].pk)
    choice.code = 7
    with pytest.raises(ValidationError) as error:
        choice.full_clean()
    assert "code" in error.value.message_dict
    choice = Choice.objects.get(pk=full["no"].pk)
    choice.label_de = "Nein, eher nicht"
    choice.full_clean()
    choice.save()
    question = Question.objects.get(pk=question.pk)
    question.kind = "multiple"
    with pytest.raises(ValidationError):
        question.full_clean()


def test_a_draft_survey_can_still_be_changed_freely(survey_2024):
    copy = _copy(survey_2024["survey"])
    question = copy.questions.get(code="Q2")
    Choice(question=question, code=9, position=9, label_de="Vielleicht").full_clean()
    question.choices.get(code=2).delete()
    assert question.choices.count() == 2


def test_a_draft_answers_404_to_residents_but_the_redaktion_tests_it_in_the_preview(
    client, survey_2024
):
    copy = _copy(survey_2024["survey"])
    assert client.get(reverse("survey:detail", kwargs={"slug": copy.slug})).status_code == 404
    preview = reverse("survey:preview", kwargs={"slug": copy.slug})
    assert client.get(preview).status_code == 302  # login first
    client.force_login(_editor())
    page = client.get(preview)
    assert page.status_code == 200
    assert page.context["preview"] is True
    full = {**survey_2024, "survey": copy}
    full["questions"] = list(copy.questions.order_by("position"))
    full["yes"] = full["questions"][1].choices.get(code=1)
    q3 = list(full["questions"][2].choices.all())
    post = valid_post(full, Q2=str(full["yes"].pk), Q3=[str(q3[0].pk)], Q3_other="")
    post["Q1"] = str(survey_2024["quarters"][0].pk)
    sent = client.post(preview, post)
    assert sent.status_code == 302
    assert Response.all_objects.filter(survey=copy, is_test=True).count() == 1
    # Kept apart: not counted on the dashboard, not in the export, no structure lock.
    assert copy.responses.count() == 0
    assert not Survey.objects.get(pk=copy.pk).structure_locked
    rows = list(services.export_rows(copy, services.load_questions(copy)))
    assert len(rows) == 1  # the header only
    # Deleted on publication.
    copy.status = SurveyStatus.PUBLISHED
    copy.save()
    assert not Response.all_objects.filter(survey=copy).exists()


def test_the_preview_needs_the_permission_to_change_surveys(client, survey_2024):
    user = User.objects.create_user("aylin", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_response"))
    client.force_login(user)
    url = reverse("survey:preview", kwargs={"slug": survey_2024["survey"].slug})
    assert client.get(url).status_code == 403


def test_switching_the_current_survey_is_one_step_and_never_leaves_none(client, survey_2024):
    old = survey_2024["survey"]
    services.make_current(old)
    copy = _copy(old)
    with pytest.raises(ValidationError) as error:
        services.make_current(copy)
    assert "one_current_survey" not in str(error.value)
    assert Survey.objects.current() == Survey.objects.get(pk=old.pk)
    copy.status = SurveyStatus.PUBLISHED
    copy.save()
    client.force_login(User.objects.create_superuser("admin"))
    answer = client.post(
        reverse("admin:survey_survey_changelist"),
        {"action": "make_current_action", "_selected_action": [copy.pk]},
        follow=True,
    )
    assert answer.status_code == 200
    assert Survey.objects.current() == copy
    assert list(Survey.objects.filter(is_current=True)) == [copy]


def test_errors_about_dates_and_the_current_survey_are_plain_words_not_constraint_names():
    full = make_full_survey()
    survey = full["survey"]
    survey.closes_at = survey.opens_at - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        survey.full_clean()
    assert "survey_closes_after_opening" not in str(error.value)
    services.make_current(survey)
    other = make_full_survey()["survey"]
    other.is_current = True
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "one_current_survey" not in str(error.value)
