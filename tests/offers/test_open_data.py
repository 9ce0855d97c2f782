import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from offers.models import CostType, OfferState, Recurrence
from tests.factories import make_centre, make_contact, make_quarter, make_site
from tests.offers.factories import make_language, make_offer, make_slot, make_target_group

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "hsds" / "compiled"


def _schema(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _validate(instance, schema):
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.fixture
def offer():
    centre = make_centre(name="Quartierszentrum Böckingen", slug="boeckingen")
    offer = make_offer(
        title="Hausaufgabenhilfe",
        centre=centre,
        quarter=make_quarter(centre),
        site=make_site(centre, is_main=True, latitude="49.14", longitude="9.18"),
        contact=make_contact(centre),
        min_age=6,
        max_age=12,
        registration_required=True,
        slots=[(2, "14:30", "16:00")],
        target_groups=[make_target_group(name="Kinder")],
        languages=[make_language("de"), make_language("ar")],
        last_checked="2025-01-10",
    )
    make_slot(offer, Recurrence.MONTHLY, weekday=4, week_of_month=1)
    return offer


def test_the_hsds_root_names_the_version(client):
    data = client.get(reverse("hsds:root")).json()
    assert data["version"].startswith("3")
    assert data["openapi_url"].startswith("https://")


def test_one_service_validates_against_the_hsds_schema(client, offer):
    response = client.get(reverse("hsds:service", kwargs={"uid": offer.uid}))
    assert response.status_code == 200
    data = response.json()
    _validate(data, _schema("service_with_definitions.json"))
    assert data["id"] == str(offer.uid)
    assert data["name"] == "Hausaufgabenhilfe"
    assert data["status"] == "active"
    assert {s["byday"] for s in data["schedules"]} == {"WE", "1FR"}
    assert {lang["code"] for lang in data["languages"]} == {"de", "ar"}
    assert data["cost_options"][0]["amount"] == 0
    assert data["organization"]["name"] == "Quartierszentrum Böckingen"


def test_the_service_list_is_paginated_and_each_item_validates(client, offer):
    for n in range(55):
        make_offer(title=f"Angebot {n:02d}", cost_type=CostType.ON_REQUEST)
    make_offer(title="Entwurf", publication_status="draft")
    first = client.get(reverse("hsds:services")).json()
    assert first["total_items"] == 56
    assert first["total_pages"] == 2
    assert first["first_page"] is True and first["last_page"] is False
    assert len(first["contents"]) == 50
    for item in first["contents"]:
        _validate(item, _schema("service_list.json"))
    second = client.get(reverse("hsds:services"), {"page": 2}).json()
    assert second["page_number"] == 2 and len(second["contents"]) == 6
    names = {item["name"] for item in first["contents"] + second["contents"]}
    assert "Entwurf" not in names


@pytest.mark.parametrize("page", ["0", "3", "abc", "-1", "9" * 30])
def test_a_page_out_of_range_is_a_404(client, offer, page):
    assert client.get(reverse("hsds:services"), {"page": page}).status_code == 404


def test_unpublished_or_unknown_services_are_404(client, offer):
    draft = make_offer(publication_status="draft")
    assert client.get(reverse("hsds:service", kwargs={"uid": draft.uid})).status_code == 404
    assert client.get("/api/hsds/services/not-a-uuid").status_code == 404
    ended = make_offer(state=OfferState.ENDED)
    assert client.get(reverse("hsds:service", kwargs={"uid": ended.uid})).status_code == 404


def test_a_paused_service_is_temporarily_closed(client, offer):
    offer.state = OfferState.PAUSED
    offer.save()
    data = client.get(reverse("hsds:service", kwargs={"uid": offer.uid})).json()
    assert data["status"] == "temporarily closed"
    _validate(data, _schema("service_with_definitions.json"))


def test_the_csv_holds_every_published_offer_and_no_formulas(client, offer):
    make_offer(title='=HYPERLINK("http://evil")')
    make_offer(title="Entwurf", publication_status="draft")
    response = client.get(reverse("offers:csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["title"] for row in rows} == {"Hausaufgabenhilfe", '\'=HYPERLINK("http://evil")'}
    row = next(row for row in rows if row["title"] == "Hausaufgabenhilfe")
    assert row["languages"] == "ar; de"
    assert row["min_age"] == "6"
    assert "Mittwoch" in row["schedule"]


def test_the_open_data_page_links_hsds_and_the_csv(client):
    html = client.get(reverse("offers:open-data")).content.decode()
    assert "HSDS" in html
    assert reverse("hsds:services") in html
    assert reverse("offers:csv") in html


def test_the_footer_links_the_open_data_page(client):
    assert reverse("offers:open-data") in client.get("/de/").content.decode()
