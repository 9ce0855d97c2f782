"""Small factories for survey tests: a survey with one question of every type."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from centers.models import Quarter
from survey.models import Choice, MatrixRow, Question, QuestionKind, Survey, SurveyStatus
from tests.factories import make_quarter

_sequence = count(1)


def make_survey(**fields):
    n = next(_sequence)
    now = timezone.now()
    defaults = {
        "title_de": f"Befragung {n}",
        "title_ar": f"استطلاع {n}",
        "slug": f"befragung-{n}",
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "status": SurveyStatus.PUBLISHED,
    }
    return Survey.objects.create(**(defaults | fields))


def make_question(survey, kind, code, **fields):
    defaults = {"text_de": f"Frage {code}", "position": int(code[1:])}
    return Question.objects.create(survey=survey, kind=kind, code=code, **(defaults | fields))


def make_choices(question, *labels, other=None):
    choices = [
        Choice.objects.create(question=question, code=index, position=index, label_de=label)
        for index, label in enumerate(labels, start=1)
    ]
    if other:
        code = len(labels) + 1
        choices.append(
            Choice.objects.create(
                question=question, code=code, position=code, label_de=other, is_other=True
            )
        )
    return choices


def _quarter(name):
    return Quarter.objects.filter(name=name).first() or make_quarter(name=name)


def make_full_survey(**fields):
    """Q1 quarter, Q2 single with other, Q3 multiple (max 2), Q4 scale with don't know,
    Q5 matrix, Q6 text (only if Q2 = "Ja"), Q7 number."""
    survey = make_survey(**fields)
    quarters = [_quarter("Böckingen"), _quarter("Nordstadt")]
    q1 = make_question(survey, QuestionKind.QUARTER, "Q1", required=True)
    q2 = make_question(survey, QuestionKind.SINGLE, "Q2", required=True)
    yes, no, other = make_choices(q2, "Ja", "Nein", other="Sonstiges (bitte angeben)")
    q3 = make_question(survey, QuestionKind.MULTIPLE, "Q3", max_choices=2)
    make_choices(q3, "Kinder", "Jugendliche", "Senior*innen", other="Sonstiges")
    q4 = make_question(
        survey,
        QuestionKind.SCALE,
        "Q4",
        scale_min_label_de="gar nicht",
        scale_max_label_de="sehr",
        allow_dont_know=True,
    )
    q5 = make_question(survey, QuestionKind.MATRIX, "Q5", required=True, allow_dont_know=True)
    for index, label in enumerate(["Angebote", "Öffnungszeiten"], start=1):
        MatrixRow.objects.create(question=q5, code=index, position=index, label_de=label)
    q6 = make_question(survey, QuestionKind.TEXT, "Q6", max_length=50, show_if_choice=yes)
    q7 = make_question(survey, QuestionKind.NUMBER, "Q7", number_min=1, number_max=20)
    return {
        "survey": survey,
        "quarters": quarters,
        "questions": [q1, q2, q3, q4, q5, q6, q7],
        "yes": yes,
        "no": no,
        "other": other,
    }


def valid_post(full, **overrides):
    """A complete, valid submission of make_full_survey's questionnaire."""
    q3_choices = list(full["questions"][2].choices.all())
    data = {
        "Q1": str(full["quarters"][0].pk),
        "Q2": str(full["yes"].pk),
        "Q3": [str(q3_choices[0].pk), str(q3_choices[3].pk)],
        "Q3_other": "Ein Chor",
        "Q4": "4",
        "Q5_1": "5",
        "Q5_2": "dk",
        "Q6": "Mehr Bänke",
        "Q7": "3",
        "token": "token-1",
        "action": "submit",
    }
    return data | overrides


def answers_for(full, data):
    """Unsaved answers from a questionnaire post, as the online form reads them."""
    from django.utils.datastructures import MultiValueDict

    from survey import services
    from survey.forms import QuestionnaireForm

    lists = {name: value if isinstance(value, list) else [value] for name, value in data.items()}
    form = QuestionnaireForm(
        MultiValueDict(lists),
        questions=services.load_questions(full["survey"]),
        quarters=services.load_quarters(),
    )
    assert form.is_valid(), form.errors
    return form.answers
