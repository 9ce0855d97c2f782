"""Public results per wave, compared with the previous wave: accessible tables, SVG bars
without inline styles, small groups suppressed, every wave's results in the sitemap."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from survey import services
from survey.models import SurveyStatus
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


def _closed(full, days_ago):
    now = timezone.now()
    survey = full["survey"]
    survey.opens_at = now - timedelta(days=days_ago + 30)
    survey.closes_at = now - timedelta(days=days_ago)
    survey.results_published = True
    survey.save()


@pytest.fixture
def waves():
    earlier = make_full_survey(slug="quartiersarbeit-2024")
    for _index in range(8):
        data = valid_post(earlier, Q4="2")
        services.store_response(earlier["survey"], answers_for(earlier, data), language="de")
    _closed(earlier, 700)
    opens = timezone.now() - timedelta(days=60)
    current = services.copy_as_next_wave(
        earlier["survey"], year=opens.year, opens_at=opens, closes_at=opens + timedelta(days=30)
    )
    current.status = SurveyStatus.PUBLISHED
    current.results_published = True
    current.save()
    copy = {**earlier, "survey": current, "questions": list(current.questions.order_by("position"))}
    copy["yes"] = copy["questions"][1].choices.get(code=1)
    copy["no"] = copy["questions"][1].choices.get(code=2)
    q3 = list(copy["questions"][2].choices.all())
    for index in range(7):
        yes = index < 5
        data = valid_post(
            copy,
            Q2=str((copy["yes"] if yes else copy["no"]).pk),
            Q3=[str(q3[0].pk)],
            Q3_other="",
            Q4="5",
            Q6="Mehr Bänke" if yes else "",
        )
        services.store_response(current, answers_for(copy, data), language="ar")
    return earlier["survey"], current


def test_the_results_compare_each_question_with_the_previous_wave(client, waves):
    earlier, current = waves
    with translation.override("de"):
        url = reverse("survey:results", kwargs={"slug": current.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["previous"] == earlier
    q4 = next(item for item in page.context["results"] if item["question"].code == "Q4")
    table = q4["comparison"]
    assert [column.label for column in table.columns] == [str(current.year), str(earlier.year)]
    rows = dict(table.rows)
    assert rows["5 – sehr"][0].percent == 100.0 and rows["2"][1].percent == 100.0
    html = page.content.decode()
    assert "Compared with the previous wave" in html or "Vergleich mit der vorigen Welle" in html
    assert "style=" not in html.split("<main", 1)[1]
    assert (
        '<rect class="survey-bar survey-bar-previous" y="50%" height="45%" width="100.0%"/>' in html
    )


def test_small_groups_are_suppressed_in_the_public_comparison(client, waves):
    _earlier, current = waves
    page = client.get(reverse("survey:results", kwargs={"slug": current.slug}))
    q2 = next(item for item in page.context["results"] if item["question"].code == "Q2")
    no = dict(q2["comparison"].rows)["Nein"]
    assert no[0].suppressed and no[0].shown == "<5"  # two people said no this time
    bars = {bar["label"]: bar for bar in q2["bars"]}
    assert bars["Nein"]["suppressed"] and bars["Nein"]["n"] == "<5"
    assert "&lt;5" in page.content.decode()


def test_the_arabic_results_page_is_right_to_left_and_suppresses_the_same_cells(client, waves):
    _earlier, current = waves
    with translation.override("ar"):
        url = reverse("survey:results", kwargs={"slug": current.slug})
    html = client.get(url).content.decode()
    assert 'dir="rtl"' in html and "&lt;5" in html


def test_every_waves_results_are_in_the_sitemap(client, waves):
    earlier, current = waves
    body = client.get("/sitemap.xml").content.decode()
    assert f"/{earlier.slug}/ergebnisse/" in body
    assert f"/{current.slug}/ergebnisse/" in body
