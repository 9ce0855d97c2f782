from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from survey import services
from survey.models import Answer, Draft, Excerpt, Response, Survey
from tests.survey.factories import answers_for, make_full_survey, make_survey, valid_post

pytestmark = pytest.mark.django_db


def _in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_the_landing_page_without_a_current_survey_explains_what_will_come(client):
    response = client.get(_in("de", "survey:landing"))
    assert response.status_code == 200
    assert "Fragebogen" in response.content.decode()


def test_the_landing_page_shows_the_current_survey_with_its_window_and_languages(client):
    survey = make_survey(is_current=True, estimated_minutes=5, privacy_notice="Keine IP.")
    html = client.get(_in("ru", "survey:landing")).content.decode()
    assert "Заполнение займёт около 5 минут" in html
    assert "Keine IP." in html
    for endonym in ["Deutsch", "العربية", "Română", "Русский", "Türkçe", "English"]:
        assert endonym in html
    assert 'lang="ar" dir="rtl"' in html
    assert _in("ru", "survey:questionnaire", slug=survey.slug) in html


def test_the_short_link_leads_to_the_current_survey(client):
    make_survey(is_current=True)
    response = client.get("/meinQuartier", HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 302
    assert response.url == "/tr/befragung/"


def test_before_opening_the_questionnaire_says_when_it_opens(client):
    now = timezone.now()
    survey = make_survey(opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    html = client.get(_in("de", "survey:questionnaire", slug=survey.slug)).content.decode()
    assert "Die Befragung beginnt am" in html
    assert 'name="token"' not in html


def test_after_closing_the_page_says_where_the_results_will_be(client):
    now = timezone.now()
    survey = make_survey(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=2))
    html = client.get(_in("en", "survey:questionnaire", slug=survey.slug)).content.decode()
    assert "The survey has closed." in html
    assert "The results will be published on this page." in html


def _closed_full(published=True):
    now = timezone.now()
    full = make_full_survey()
    for _index in range(3):
        services.store_response(full["survey"], answers_for(full, valid_post(full)), language="de")
    Survey.objects.filter(pk=full["survey"].pk).update(
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
        results_published=published,
    )
    return full


def test_results_stay_hidden_until_they_are_published(client):
    full = _closed_full(published=False)
    assert client.get(_in("de", "survey:results", slug=full["survey"].slug)).status_code == 404


def test_published_results_show_numbers_in_tables_and_only_reviewed_free_text(client):
    full = _closed_full()
    Excerpt.objects.create(
        question=full["questions"][5], text="Mehr Grün", text_ar="مساحات خضراء أكثر"
    )
    response = client.get(_in("ar", "survey:results", slug=full["survey"].slug))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<table" in html and 'aria-hidden="true"' in html
    assert "مساحات خضراء أكثر" in html
    assert "Mehr Bänke" not in html  # raw free text never appears publicly
    assert response.context["total"] == 3


def test_the_sitemap_lists_the_questionnaire_of_an_open_survey(client):
    survey = make_survey()
    body = client.get("/sitemap.xml").content.decode()
    assert f"/de/befragung/{survey.slug}/fragebogen/" in body
    assert f"/ar/befragung/{survey.slug}/papierfragebogen/" in body


def test_the_paper_questionnaire_prints_codes_and_boxes_in_arabic(client):
    full = make_full_survey()
    html = client.get(_in("ar", "survey:paper", slug=full["survey"].slug)).content.decode()
    assert 'dir="rtl"' in html
    assert html.count('class="paper-box"') >= 10
    assert ">Q5<" in html and ">99<" in html


def test_the_demo_loads_twice_without_changes_and_keeps_the_survey_open(client, demo_content):
    counts = (Survey.objects.count(), Response.objects.count(), Answer.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Survey.objects.count(), Response.objects.count(), Answer.objects.count()) == counts
    current = Survey.objects.current()
    assert current.is_open
    assert Response.objects.filter(survey=current).values("channel").distinct().count() == 2
    assert Response.objects.values("language").distinct().count() >= 4
    historic = Survey.objects.get(slug="quartiersarbeit-2024")
    assert historic.shows_results
    assert client.get(_in("tr", "survey:results", slug=historic.slug)).status_code == 200
    assert not [gap for q in current.questions.all() for gap in q.translation_gaps()]


def test_translation_gaps_report_missing_and_outdated_texts():
    survey = make_survey(title_en="Survey", title_ro="Sondaj")
    gaps = survey.translation_gaps()
    assert ("title", "ru", "missing") in gaps
    assert ("title", "en", "missing") not in gaps
    survey.title_de = "Neuer Titel"
    survey.save()
    survey.title_en = "New title"
    survey.save()
    gaps = survey.translation_gaps()
    assert ("title", "ro", "outdated") in gaps
    assert not [gap for gap in gaps if gap[1] == "en"]


def test_the_retention_command_anonymises_old_responses_and_removes_expired_drafts():
    full = _closed_full()
    survey = full["survey"]
    Survey.objects.filter(pk=survey.pk).update(retention_days=0)
    Draft.objects.create(survey=survey, code_hash="x", data={}, expires_at=timezone.now())
    call_command("purge_survey_responses", verbosity=0)
    assert Response.objects.filter(survey=survey).count() == 3
    assert not Answer.objects.filter(response__survey=survey).exclude(text="").exists()
    assert not Draft.objects.filter(survey=survey).exists()
    call_command("purge_survey_responses", "--delete", verbosity=0)
    assert not Response.objects.filter(survey=survey).exists()


def test_a_survey_inside_its_retention_period_is_left_alone():
    _closed_full()
    call_command("purge_survey_responses", verbosity=0)
    assert Answer.objects.exclude(text="").exists()


def test_a_condition_must_point_to_an_earlier_question_of_the_same_survey():
    from django.core.exceptions import ValidationError

    full = make_full_survey()
    q2 = full["questions"][1]
    q2.show_if_choice = full["questions"][2].choices.first()
    with pytest.raises(ValidationError):
        q2.full_clean()
    other = make_full_survey()
    q6 = full["questions"][5]
    q6.show_if_choice = other["yes"]
    with pytest.raises(ValidationError):
        q6.full_clean()


def test_untranslated_question_texts_are_marked_as_german(client):
    full = make_full_survey()
    html = client.get(_in("ar", "survey:questionnaire", slug=full["survey"].slug)).content.decode()
    assert '<span lang="de">Frage Q2</span>' in html
    assert 'lang="de">Ja</label>' in html
