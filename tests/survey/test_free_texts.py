"""Free-text coding: every text, paged, with its context; categories per question, counted by
neighbourhood and language, and in the exports."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from survey import services
from survey.models import TextCategory, TextTag
from tests.survey.factories import answers_for, make_full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german():
    """Staff pages in German, whatever an earlier test left active."""
    from django.utils import translation

    with translation.override("de"):
        yield


def _evaluator(*extra):
    user = User.objects.create_user("aylin", is_staff=True)
    names = ["view_response", "view_free_texts", "code_free_texts", "export_responses", *extra]
    user.user_permissions.set(Permission.objects.filter(codename__in=names))
    return user


def _answer(full, text, language="de", quarter=0):
    data = valid_post(full, Q6=text, Q1=str(full["quarters"][quarter].pk))
    response, _created = services.store_response(
        full["survey"], answers_for(full, data), language=language
    )
    return response


@pytest.fixture
def full():
    return make_full_survey()


def _url(full):
    return reverse("survey:free-texts", kwargs={"slug": full["survey"].slug})


def test_all_free_texts_are_listed_page_by_page_without_a_silent_cap(client, full):
    for index in range(61):
        _answer(full, f"Wunsch {index}")
    client.force_login(_evaluator())
    first = client.get(_url(full))
    # Each response also has the "other" text of Q3 ("Ein Chor"): 122 texts.
    assert first.context["page"].paginator.count == 122
    assert len(first.context["rows"]) == 50
    last = client.get(_url(full) + "?page=3")
    assert len(last.context["rows"]) == 22
    only_q6 = client.get(_url(full) + "?question=Q6&page=2")
    assert only_q6.context["page"].paginator.count == 61
    assert len(only_q6.context["rows"]) == 11


def test_each_text_shows_its_response_number_quarter_language_date_channel_and_a_link(client, full):
    response = _answer(full, "نريد مكانًا للقاء", language="ar", quarter=1)
    client.force_login(_evaluator())
    html = client.get(_url(full) + "?question=Q6").content.decode()
    assert '<p class="mb-0" lang="ar" dir="rtl">نريد مكانًا للقاء</p>' in html
    detail = reverse("survey:response-detail", args=[response.pk])
    assert f'href="{detail}"' in html
    assert "Nordstadt" in html and "Online" in html
    page = client.get(detail)
    assert page.status_code == 200 and "نريد مكانًا للقاء" in page.content.decode()


def test_evaluators_tag_texts_with_categories_and_count_them_by_quarter_and_language(client, full):
    texts = [_answer(full, f"Jugendtreff {n}", language="tr") for n in range(6)]
    _answer(full, "Spielplatz", language="de", quarter=1)
    client.force_login(_evaluator())
    url = _url(full) + "?question=Q6"
    added = client.post(url, {"action": "category", "question": "Q6", "name": "Jugend"})
    assert added.status_code == 302
    client.post(url, {"action": "category", "question": "Q6", "name": "Spielen"})
    twice = client.post(url, {"action": "category", "question": "Q6", "name": "jugend"})
    assert twice.status_code == 200 and "name" in twice.context["category_form"].errors
    youth, play = TextCategory.objects.order_by("code")
    assert (youth.code, play.code) == (1, 2)
    page = client.get(url)
    post = {"action": "tag"}
    for row in page.context["rows"]:
        answer = row["answer"]
        post[f"tags_{answer.pk}"] = [str(play.pk if answer.text == "Spielplatz" else youth.pk)]
    saved = client.post(url, post)
    assert saved.status_code == 302
    assert TextTag.objects.filter(category=youth).count() == 6
    assert TextTag.objects.get(category=play).tagged_by.username == "aylin"
    counted = client.get(url)
    by_language = counted.context["by_language"]
    assert by_language["columns"] == ["Deutsch", "Türkisch"]
    rows = {category.name: counts for category, counts in by_language["rows"]}
    assert rows["Jugend"] == [0, 6]
    assert rows["Spielen"] == ["<5", 0]  # one text: too few to show
    untagged = client.get(url + f"&category={youth.pk}")
    assert untagged.context["page"].paginator.count == 6
    # The categories are in the export, one 0/1 column each, explained in the codebook.
    export = client.get(
        reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "csv"})
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_id[str(texts[0].pk)]["Q6_k1"] == "1"
    assert by_id[str(texts[0].pk)]["Q6_k2"] == "0"
    book = client.get(
        reverse("survey:export", kwargs={"slug": full["survey"].slug, "kind": "codebook"})
    ).content.decode("utf-8-sig")
    assert "Q6_k1" in book and "Kategorie: Jugend" in book


def test_reading_free_texts_needs_the_permission_and_tagging_its_own(client, full):
    _answer(full, "Bänke")
    reader = User.objects.create_user("reader", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_response"))
    client.force_login(reader)
    assert client.get(_url(full)).status_code == 403
    reader.user_permissions.add(Permission.objects.get(codename="view_free_texts"))
    reader = User.objects.get(pk=reader.pk)
    client.force_login(reader)
    assert client.get(_url(full)).status_code == 200
    refused = client.post(_url(full), {"action": "category", "question": "Q6", "name": "X"})
    assert refused.status_code == 403
    assert not TextCategory.objects.exists()
