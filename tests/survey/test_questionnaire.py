import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from survey.models import Answer, Draft, Response
from tests.survey.factories import make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return make_full_survey()


def _url(survey, language="de"):
    with translation.override(language):
        return reverse("survey:questionnaire", kwargs={"slug": survey.slug})


def test_the_questionnaire_shows_every_question_with_fieldsets_and_labels(client, full):
    response = client.get(_url(full["survey"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") >= 5 + 2  # choice groups plus one per matrix row
    assert 'for="Q6"' in html and 'for="Q7"' in html
    assert "Frage 1 von 7" in html or "Question 1 of 7" in html


def test_a_complete_answer_of_every_question_type_is_stored(client, full):
    response = client.post(_url(full["survey"]), valid_post(full))
    assert response.status_code == 302, response.context["summary"]
    stored = Response.objects.get()
    assert (stored.language, stored.channel) == ("de", "online")
    answers = {(a.question.code, a.row_id and a.row.code): a for a in stored.answers.all()}
    assert answers[("Q1", None)].quarter == full["quarters"][0]
    assert answers[("Q2", None)].choice == full["yes"]
    q3 = [a for a in stored.answers.all() if a.question.code == "Q3"]
    assert sorted(a.choice.code for a in q3) == [1, 4]
    assert [a.text for a in q3 if a.choice.is_other] == ["Ein Chor"]
    assert answers[("Q4", None)].value == 4
    assert answers[("Q5", 1)].value == 5
    assert answers[("Q5", 2)].dont_know is True
    assert answers[("Q6", None)].text == "Mehr Bänke"
    assert answers[("Q7", None)].value == 3


def test_the_response_is_stored_in_the_language_of_the_page(client, full):
    client.post(_url(full["survey"], "ar"), valid_post(full))
    assert Response.objects.get().language == "ar"


def test_arabic_indic_digits_are_accepted_and_stored_as_western_digits(client, full):
    client.post(_url(full["survey"], "ar"), valid_post(full, Q7="١٢"))
    assert Answer.objects.get(question__code="Q7").value == 12


def test_a_skipped_question_is_not_stored_even_if_posted(client, full):
    client.post(_url(full["survey"]), valid_post(full, Q2=str(full["no"].pk)))
    assert Response.objects.count() == 1
    assert not Answer.objects.filter(question__code="Q6").exists()


def test_a_required_question_hidden_by_skip_logic_is_not_required(client, full):
    q6 = full["questions"][5]
    q6.required = True
    q6.save()
    response = client.post(_url(full["survey"]), valid_post(full, Q2=str(full["no"].pk), Q6=""))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"Q1": ""}, "Q1", "Bitte wählen Sie eine Antwort aus."),
        ({"Q2": "999999"}, "Q2", None),
        ({"Q4": "9"}, "Q4", None),
        ({"Q5_1": "0"}, "Q5_1", None),
        ({"Q6": "x" * 51}, "Q6", "höchstens 50 Zeichen"),
        ({"Q7": "zwölf"}, "Q7", None),
        ({"Q7": "21"}, "Q7", None),
        ({"Q3_other": ""}, "Q3_other", None),
        ({"Q5_2": ""}, "Q5_2", "Bitte wählen Sie eine Antwort aus."),
    ],
)
def test_bad_answers_are_refused_with_a_message_and_nothing_is_stored(
    client, full, overrides, field, message
):
    response = client.post(_url(full["survey"]), valid_post(full, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert f'id="{field}-error"' in html
    if message:
        assert message in html
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0


def test_a_choice_of_another_question_is_refused(client, full):
    foreign = full["questions"][2].choices.first()
    response = client.post(_url(full["survey"]), valid_post(full, Q2=str(foreign.pk)))
    assert 'id="Q2-error"' in response.content.decode()
    assert Response.objects.count() == 0


def test_more_answers_than_allowed_are_refused(client, full):
    pks = [str(c.pk) for c in full["questions"][2].choices.all()[:3]]
    response = client.post(_url(full["survey"]), valid_post(full, Q3=pks))
    assert 'id="Q3-error"' in response.content.decode()
    assert Response.objects.count() == 0


def test_two_answers_to_a_single_choice_question_are_refused(client, full):
    response = client.post(
        _url(full["survey"]), valid_post(full, Q2=[str(full["yes"].pk), str(full["no"].pk)])
    )
    assert 'id="Q2-error"' in response.content.decode()
    assert Response.objects.count() == 0


def test_on_an_error_every_answer_is_shown_again_exactly(client, full):
    q3 = list(full["questions"][2].choices.all())
    response = client.post(_url(full["survey"]), valid_post(full, Q1=""))
    html = response.content.decode()
    assert f'name="Q2" id="Q2-1" value="{full["yes"].pk}" checked' in html
    assert f'name="Q3" id="Q3-1" value="{q3[0].pk}" checked' in html
    assert f'name="Q3" id="Q3-4" value="{q3[3].pk}" checked' in html
    assert f'name="Q3" id="Q3-2" value="{q3[1].pk}">' in html
    assert 'value="Ein Chor"' in html
    assert 'name="Q5_1" id="Q5_1-5" value="5" checked' in html
    assert 'name="Q5_2" id="Q5_2-6" value="dk" checked' in html
    assert ">Mehr Bänke</textarea>" in html
    assert 'value="3"' in html


def test_the_error_summary_is_in_the_respondents_language(client, full):
    response = client.post(_url(full["survey"], "tr"), valid_post(full, Q1=""))
    html = response.content.decode()
    assert "Lütfen işaretli alanları düzeltin." in html
    assert "Lütfen bir yanıt seçin." in html
    assert 'href="#Q1-1"' in html


def test_a_double_submit_stores_one_response(client, full):
    first = client.post(_url(full["survey"]), valid_post(full))
    second = client.post(_url(full["survey"]), valid_post(full))
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Response.objects.count() == 1


def test_a_closed_survey_accepts_no_answers(client, full):
    from datetime import timedelta

    from django.utils import timezone

    survey = full["survey"]
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.opens_at = timezone.now() - timedelta(days=3)
    survey.save()
    response = client.post(_url(survey), valid_post(full))
    assert response.status_code == 403
    assert Response.objects.count() == 0
    assert client.get(_url(survey)).status_code == 200


def test_a_questionnaire_left_open_for_days_can_still_be_sent(full):
    """No CSRF cookie to expire: a page opened long ago (or whose cookies were cleared) is sent
    from the portal's own page and stored."""
    client = Client(enforce_csrf_checks=True, HTTP_ORIGIN="http://testserver")
    html = client.get(_url(full["survey"])).content.decode()
    assert 'name="csrfmiddlewaretoken"' not in html
    client.cookies.clear()
    assert client.post(_url(full["survey"]), valid_post(full)).status_code == 302
    assert Response.objects.count() == 1


def test_the_honeypot_pretends_success_but_stores_nothing(client, full):
    response = client.post(_url(full["survey"]), valid_post(full, website="http://spam"))
    assert response.status_code == 302
    assert Response.objects.count() == 0


def test_the_rate_limit_keeps_the_answers_and_stores_nothing(client, full, settings):
    settings.SURVEY_RATE_LIMIT = "2/h"
    for index in range(2):
        client.post(_url(full["survey"]), valid_post(full, token=f"t{index}"))
    response = client.post(_url(full["survey"]), valid_post(full, token="t3"))
    assert response.status_code == 429
    assert ">Mehr Bänke</textarea>" in response.content.decode()
    assert Response.objects.count() == 2


def test_no_address_user_agent_cookie_or_account_is_stored_with_an_online_response(client, full):
    names = {field.name for field in Response._meta.get_fields()}
    assert not names & {"ip", "ip_address", "user_agent", "cookie", "session", "user", "account"}
    client.post(
        _url(full["survey"]),
        valid_post(full),
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Secret-Browser/1.0",
    )
    row = Response.objects.values().get()
    assert "203.0.113.7" not in str(row) and "Secret-Browser" not in str(row)
    assert row["entered_by_id"] is None
    assert set(row) == {
        "id",
        "survey_id",
        "language",
        "channel",
        "submitted_on",
        "submission_token",
        "entered_by_id",
        "entered_at",
        "source",
        "batch",
        "serial",  # of a printed form; empty online
        "is_test",  # a Redaktion's try in the preview
    }


def test_saving_for_later_gives_a_code_that_brings_the_answers_back(client, full):
    survey = full["survey"]
    response = client.post(_url(survey), valid_post(full, action="save", Q1=""))
    html = response.content.decode()
    code = html.split('class="survey-code">')[1].split("<")[0]
    draft = Draft.objects.get()
    assert code.replace("-", "") not in draft.code_hash
    assert draft.expires_at == survey.closes_at
    assert Response.objects.count() == 0
    resumed = client.post(reverse("survey:resume", kwargs={"slug": survey.slug}), {"code": code})
    assert f'value="{full["yes"].pk}" checked' in resumed.content.decode()


def test_a_wrong_resume_code_is_answered_with_a_form_error(client, full):
    url = reverse("survey:resume", kwargs={"slug": full["survey"].slug})
    response = client.post(url, {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 200
    assert 'id="id_code-error"' in response.content.decode()


def test_a_draft_survey_is_not_found(client, full):
    survey = full["survey"]
    survey.status = "draft"
    survey.save()
    assert client.get(_url(survey)).status_code == 404


def test_a_stored_response_sent_again_as_the_questionnaire_posts_it_stores_the_same_answers(
    client, full
):
    from survey.forms import QuestionnaireForm
    from survey.services import load_quarters

    client.post(_url(full["survey"]), valid_post(full))
    first = Response.objects.get()
    again = QuestionnaireForm.data_from(first, load_quarters()) | {"token": "token-2"}
    assert client.post(_url(full["survey"]), again).status_code == 302
    second = Response.objects.exclude(pk=first.pk).get()

    def answers(response):
        return sorted(
            response.answers.values_list(
                "question__code", "choice_id", "row_id", "quarter_id", "value", "dont_know", "text"
            ),
            key=repr,
        )

    assert answers(second) == answers(first)
