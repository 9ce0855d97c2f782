"""Editors maintain the synonyms in the admin; quarter managers may look at them."""

import pytest
from django.urls import reverse

from search.models import Synonym
from staff.permissions import EDITORS, QUARTER_MANAGERS
from tests.offers.factories import make_offer
from tests.roles.conftest import make_staff

pytestmark = pytest.mark.django_db

ADD = reverse("admin:search_synonym_add")


def _form(**fields):
    data = {"finds": "Sprachcafé", "terms_de": "Deutschkurs", "terms_ar": "تعلم الألمانية"}
    for code in ("en", "ro", "ru", "tr"):
        data[f"terms_{code}"] = ""
    return data | fields


def test_the_editorial_office_adds_a_synonym_that_the_search_uses_at_once(client):
    make_offer(title="Sprachcafé", slug="sprachcafe")
    client.force_login(make_staff("rita", EDITORS))
    response = client.post(ADD, _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    synonym = Synonym.objects.get()
    assert synonym.history.count() == 1
    found = client.get("/ar/suche/", {"q": "تعلم الألمانية"}).context["page"]
    assert [entry.object_id for entry in found]


def test_a_quarter_manager_may_look_but_not_change(client):
    synonym = Synonym.objects.create(finds="Sprachcafé", terms_de="Deutschkurs")
    client.force_login(make_staff("bora", QUARTER_MANAGERS))
    assert client.get(reverse("admin:search_synonym_changelist")).status_code == 200
    change = reverse("admin:search_synonym_change", args=[synonym.pk])
    assert client.get(change).status_code == 200
    client.post(change, _form(terms_de="Verändert"))
    assert Synonym.objects.get().terms_de == "Deutschkurs"
    assert client.post(ADD, _form()).status_code == 403
