"""Residents' ideas: a form without account, a status to follow, no personal data published."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from network.models import Idea, IdeaStatus
from tests.factories import make_centre, make_quarter
from tests.network.factories import make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter():
    return make_quarter(make_centre(), name="Böckingen", slug="boeckingen")


def _data(for_quarter, **overrides):
    return {
        "quarter": for_quarter.pk,
        "title": "Eine Bank am Spielplatz",
        "text": "Großeltern müssen stehen.",
        "contact": "oma@example.org",
        "website_url": "",
    } | overrides


def test_an_idea_is_received_unpublished_with_the_page_language(client, quarter):
    response = client.post("/tr/ideen/einreichen/", _data(quarter, title="Bir bank"))
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.status == IdeaStatus.RECEIVED
    assert idea.language == "tr"
    assert not idea.is_shown
    html = client.get(reverse("network:idea-list", kwargs={"slug": "boeckingen"})).content
    assert "Bir bank" not in html.decode()


def test_the_form_is_offered_in_every_language_with_the_quarter_preselected(client, quarter):
    for language in ["de", "en", "ar", "ro", "ru", "tr"]:
        response = client.get(f"/{language}/ideen/einreichen/", {"quartier": "boeckingen"})
        assert response.status_code == 200
        assert f'<option value="{quarter.pk}" selected>' in response.content.decode()


def test_an_idea_with_errors_keeps_the_text_and_says_what_is_missing(client, quarter):
    response = client.post(reverse("network:idea-create"), _data(quarter, quarter="", title=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Großeltern müssen stehen." in html
    assert "Bitte wählen Sie Ihr Quartier." in html
    assert not Idea.objects.exists()


def test_a_bot_in_the_honeypot_stores_no_idea(client, quarter):
    client.post(reverse("network:idea-create"), _data(quarter, website_url="x"))
    assert not Idea.objects.exists()


def test_too_many_ideas_from_one_connection_are_refused(client, quarter, settings):
    settings.NETWORK_FORM_RATE_LIMIT = "1/h"
    client.post(reverse("network:idea-create"), _data(quarter))
    response = client.post(reverse("network:idea-create"), _data(quarter, title="Zweite"))
    assert response.status_code == 429
    assert Idea.objects.count() == 1


def test_the_public_list_shows_status_answer_and_reason_but_never_the_contact(client, quarter):
    make_idea(
        quarter,
        title="Trinkbrunnen",
        status=IdeaStatus.NOT_POSSIBLE,
        reason="Leitungen im Boden.",
        answer="Wasser gibt es im Zentrum.",
        contact="geheim@example.org",
        is_shown=True,
    )
    make_idea(quarter, title="Noch nicht angesehen", contact="auch-geheim@example.org")
    html = client.get(reverse("network:idea-list", kwargs={"slug": "boeckingen"})).content
    html = html.decode()
    assert "Trinkbrunnen" in html and "Nicht möglich" in html
    assert "Leitungen im Boden." in html and "Wasser gibt es im Zentrum." in html
    assert "geheim@example.org" not in html
    assert "Noch nicht angesehen" not in html


def test_the_quarter_page_shows_realised_ideas_only(client, quarter):
    make_idea(quarter, title="Bänke aufgestellt", status=IdeaStatus.REALISED, is_shown=True)
    make_idea(quarter, title="Wird noch geprüft", status=IdeaStatus.LOOKING, is_shown=True)
    html = client.get(quarter.get_absolute_url()).content.decode()
    assert "Bänke aufgestellt" in html
    assert "Wird noch geprüft" not in html
    assert reverse("network:idea-list", kwargs={"slug": "boeckingen"}) in html


def test_not_possible_needs_a_reason(quarter):
    idea = make_idea(quarter)
    with pytest.raises(ValidationError):
        idea.move_to(IdeaStatus.NOT_POSSIBLE, None)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.RECEIVED


def test_contacts_are_erased_after_the_retention_period_and_kept_in_no_history(quarter, settings):
    settings.IDEA_CONTACT_RETENTION_DAYS = 30
    old = make_idea(quarter, contact="alt@example.org")
    Idea.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    new = make_idea(quarter, contact="neu@example.org")
    call_command("purge_idea_contacts", verbosity=0)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.contact == "" and old.title
    assert new.contact == "neu@example.org"
    history_fields = {field.name for field in old.history.model._meta.fields}
    assert "contact" not in history_fields


def test_idea_lists_and_the_form_are_in_the_sitemap(client, quarter):
    index = client.get(reverse("sitemap")).content.decode()
    assert reverse("network:idea-list", kwargs={"slug": "boeckingen"}) in index
    assert reverse("network:idea-create") in index


def test_an_unknown_quarter_has_no_idea_list(client):
    response = client.get(reverse("network:idea-list", kwargs={"slug": "nirgendwo"}))
    assert response.status_code == 404
