import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["9" * 30, "-" + "9" * 30, str(2**63)])
def test_a_huge_number_as_quarter_or_group_is_an_invalid_choice_not_a_server_error(client, value):
    data = {
        "name": "Ayşe",
        "contact": "ayse@example.org",
        "title": "Nähcafé",
        "description": "Gemeinsam nähen.",
        "when": "dienstags",
        "quarter": value,
        "target_groups": [value],
    }
    response = client.post("/de/angebote/vorschlagen/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "quarter" in form.errors and "target_groups" in form.errors
    assert 'value="Nähcafé"' in response.content.decode()
