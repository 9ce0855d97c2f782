"""The dashboard adds only new responses to its kept counts, and shows exactly what counting all
of them again shows: after new online and paper responses, a correction, a deletion and a
response committed after one with a higher number, for every filter (issue 18)."""

import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Avg
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from survey import services
from survey.models import Answer, Channel, Missing, Response
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return make_full_survey()


def _post(full, rng, index):
    q3 = [str(choice.pk) for choice in full["questions"][2].choices.all()]
    data = valid_post(
        full,
        Q1=rng.choice([str(q.pk) for q in full["quarters"]] + ["dk"]),
        Q2=str(rng.choice([full["yes"], full["no"], full["other"]]).pk),
        Q3=rng.sample(q3, rng.randint(0, 2)),
        Q4=rng.choice(["1", "3", "5", "dk"]),
        Q5_1=rng.choice(["2", "4", "dk"]),
        Q5_2=rng.choice(["1", "5", "dk"]),
        Q7=str(rng.randint(1, 20)),
        token=f"t{index}",
    )
    if data["Q2"] == str(full["other"].pk):
        data["Q2_other"] = rng.choice(["Vielleicht", "Später"])
    if data["Q2"] != str(full["yes"].pk):
        del data["Q6"]
    else:
        data["Q6"] = rng.choice(["Mehr Bänke", "Ein Spielplatz", "Licht am Weg"])
    if q3[3] not in data["Q3"]:
        del data["Q3_other"]
    return data


def _store(full, rng, index, clerk, pk=None):
    answers = answers_for(full, _post(full, rng, index))
    paper = {}
    if index % 3 == 0:
        paper = {"channel": Channel.PAPER, "entered_by": clerk, "source": "Bürgeramt"}
        if index % 2 == 0:  # over-ticked on paper: kept, not counted
            answers = [a for a in answers if a.question.code != "Q4"] + [
                Answer(question=full["questions"][3], value=2, missing=Missing.SEVERAL),
                Answer(question=full["questions"][3], value=4, missing=Missing.SEVERAL),
            ]
    if pk is not None:  # a response committed after one with a higher number
        response = Response.objects.create(
            pk=pk, survey=full["survey"], language="de", submitted_on=timezone.localdate()
        )
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(answers)
        return response
    language = rng.choice(["de", "en", "tr"])
    response, _created = services.store_response(
        full["survey"], answers, language=language, token=f"t{index}", **paper
    )
    return response


def _shown(data):
    """What the dashboard shows, as plain values."""
    results = []
    for item in data["results"]:
        number = item["number"]
        if number is not None:
            number = {**number, "avg": round(number["avg"], 9)}
        results.append({**item, "question": item["question"].code, "number": number})
    return {**data, "results": results}


def _recounted(full, filters, search):
    """Everything counted again, as the dashboard did before it kept its counts."""
    survey = full["survey"]
    questions, quarters = services.load_questions(survey), services.load_quarters()
    responses = services.filtered_responses(survey, **filters)
    total, results, counts = services._aggregate(survey, questions, quarters, responses)
    for item in results:
        if item["number"] is not None:
            average = Answer.objects.filter(
                response__in=responses, question=item["question"], missing__isnull=True
            ).aggregate(avg=Avg("value"))["avg"]
            assert round(average, 9) == round(item["number"]["avg"], 9)
    breakdowns = services.breakdowns(responses, by_quarter=services._by_quarter(counts, quarters))
    return _shown(
        {
            "total": total,
            "results": results,
            "breakdowns": {name: [tuple(row) for row in rows] for name, rows in breakdowns.items()},
            "texts": services.free_texts(responses, search, limit=services.DASHBOARD_TEXTS),
            "text_count": services.count_free_texts(responses, search),
        }
    )


def _check(full, cases):
    survey = full["survey"]
    questions, quarters = services.load_questions(survey), services.load_quarters()
    for filters, search in cases:
        kept = services.dashboard_data(survey, questions, quarters, dict(filters), search)
        assert _shown(kept) == _recounted(full, filters, search), (filters, search)


def test_kept_counts_equal_a_full_recount_through_new_corrected_and_deleted_responses(
    full, settings
):
    settings.SURVEY_MIN_CELL = 1  # every count shown, none hidden as "<5"
    rng = random.Random(18)
    clerk = User.objects.create_user("clerk")
    first, second = full["quarters"]
    today = timezone.localdate()
    cases = [
        ({}, ""),
        ({"quarters": (first.pk,)}, ""),
        ({"quarter": second.pk}, ""),
        ({"language": "en"}, ""),
        ({"channel": Channel.PAPER}, ""),
        ({"date_from": today - timedelta(days=1), "date_to": today}, ""),
        ({}, "Bänke"),
    ]
    with translation.override("de"):
        _check(full, cases)  # no response yet
        stored = [_store(full, rng, index, clerk) for index in range(6)]
        _check(full, cases)
        stored += [_store(full, rng, index, clerk) for index in range(6, 14)]
        _check(full, cases)  # new responses added to the kept counts

        later = _store(full, rng, 30, clerk, pk=stored[-1].pk + 1000)
        _check(full, cases)
        _store(full, rng, 31, clerk, pk=stored[-1].pk + 500)  # committed after a higher one
        _check(full, cases)

        paper = next(r for r in stored if r.channel == Channel.PAPER)
        answers = answers_for(full, _post(full, rng, 99) | {"Q2": str(full["no"].pk)})
        answers = [a for a in answers if a.question.code != "Q6"]
        assert services.correct_response(paper, answers, user=clerk, language="en")
        _check(full, cases)
        services.delete_response(stored[4], user=clerk)
        services.delete_response(later, user=clerk)
        _check(full, cases)
        _store(full, rng, 40, clerk)
        _check(full, cases)


def test_a_new_response_costs_only_queries_over_the_new_responses(full):
    rng = random.Random(7)
    clerk = User.objects.create_user("clerk")
    for index in range(5):
        _store(full, rng, index, clerk)
    survey = full["survey"]
    questions, quarters = services.load_questions(survey), services.load_quarters()
    with translation.override("de"):
        services.dashboard_data(survey, questions, quarters, {}, "")
        newest = _store(full, rng, 5, clerk)
        with CaptureQueriesContext(connection) as queries:
            data = services.dashboard_data(survey, questions, quarters, {}, "")
    assert data["total"] == 6
    counted = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    # Besides the check of the responses, every count is over the responses above the kept
    # highest number only.
    bound = f'."id" > {newest.pk - 1} '
    assert len([sql for sql in counted if bound not in sql]) == 2, counted


def test_the_neighbourhood_beside_each_free_text_is_found_through_its_own_index():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Answer._meta.db_table)
    assert constraints["survey_answer_home"]["columns"] == ["response_id", "quarter_id"]
