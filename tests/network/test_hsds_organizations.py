"""HSDS 3: organizations are the real providers (centres and local actors), validated."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter
from tests.network.factories import make_actor
from tests.offers.factories import make_offer

pytestmark = pytest.mark.django_db
HSDS = Path(__file__).resolve().parent.parent / "data" / "hsds"


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _validate(instance, schema, registry=None):
    options = {"registry": registry} if registry else {}
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.FormatChecker(), **options
    )
    errors = sorted(validator.iter_errors(instance), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def _object_schemas():
    """The object schemas refer to each other by file name ("phone.json")."""
    resources = [
        (path.name, Resource.from_contents(_load(path), default_specification=DRAFT7))
        for path in (HSDS / "schema").glob("*.json")
    ]
    return Registry().with_resources(resources)


@pytest.fixture
def world():
    centre = make_centre(name="Quartierszentrum Böckingen", slug="boeckingen")
    quarter = make_quarter(centre)
    actor = make_actor(
        [quarter],
        name="TSV Böckingen",
        email="info@tsv.example.org",
        website="https://tsv.example.org",
        contact_name="Frank Obermeier",
        phone="07131 123456",
    )
    return {
        "centre": centre,
        "actor": actor,
        "cooperation": make_offer(title="Kinderturnen", actor=actor, centre=centre),
        "centre_offer": make_offer(title="Sprachcafé", centre=centre),
        "draft_actor": make_actor(
            [quarter], name="Entwurf e.V.", publication_status=PublicationStatus.DRAFT
        ),
    }


def test_a_service_run_by_an_actor_names_the_actor_as_its_organization(client, world):
    offer = world["cooperation"]
    data = client.get(reverse("hsds:service", kwargs={"uid": offer.uid})).json()
    _validate(data, _load(HSDS / "compiled" / "service_with_definitions.json"))
    assert data["organization"]["id"] == str(world["actor"].uid)
    assert data["organization"]["name"] == "TSV Böckingen"
    assert data["organization_id"] == str(world["actor"].uid)


def test_a_service_of_a_draft_actor_names_the_centre(client, world):
    offer = make_offer(actor=world["draft_actor"], centre=world["centre"])
    data = client.get(reverse("hsds:service", kwargs={"uid": offer.uid})).json()
    assert data["organization"]["name"] == "Quartierszentrum Böckingen"


def test_the_service_list_names_each_real_provider(client, world):
    items = client.get(reverse("hsds:services")).json()["contents"]
    schema = _load(HSDS / "compiled" / "service_list.json")
    for item in items:
        _validate(item, schema)
    providers = {item["name"]: item["organization"]["name"] for item in items}
    assert providers == {
        "Kinderturnen": "TSV Böckingen",
        "Sprachcafé": "Quartierszentrum Böckingen",
    }


def test_the_organization_list_holds_published_centres_and_actors_and_validates(client, world):
    body = client.get(reverse("hsds:organizations")).json()
    assert body["total_items"] == 2 and body["first_page"] and body["last_page"]
    schema = _load(HSDS / "compiled" / "organization_list.json")
    for item in body["contents"]:
        _validate(item, schema)
    assert {item["name"] for item in body["contents"]} == {
        "Quartierszentrum Böckingen",
        "TSV Böckingen",
    }
    services = client.get(reverse("hsds:services")).json()["contents"]
    listed = {item["id"] for item in body["contents"]}
    assert {item["organization"]["id"] for item in services} <= listed


def test_an_actor_organization_lists_its_services_and_contact_and_validates(client, world):
    uid = world["actor"].uid
    data = client.get(reverse("hsds:organization", kwargs={"uid": uid})).json()
    _validate(data, _load(HSDS / "schema" / "organization.json"), _object_schemas())
    assert data["website"] == "https://tsv.example.org"
    assert [service["name"] for service in data["services"]] == ["Kinderturnen"]
    assert data["contacts"][0]["phones"][0]["number"] == "07131 123456"


def test_a_centre_organization_lists_the_services_it_provides_itself(client, world):
    centre_id = client.get(reverse("hsds:service", kwargs={"uid": world["centre_offer"].uid}))
    uid = centre_id.json()["organization"]["id"]
    data = client.get(reverse("hsds:organization", kwargs={"uid": uid})).json()
    _validate(data, _load(HSDS / "schema" / "organization.json"), _object_schemas())
    assert [service["name"] for service in data["services"]] == ["Sprachcafé"]


def test_a_draft_actor_or_an_unknown_id_is_not_found(client, world):
    for uid in (world["draft_actor"].uid, "00000000-0000-0000-0000-000000000000"):
        assert client.get(reverse("hsds:organization", kwargs={"uid": uid})).status_code == 404


def test_a_page_out_of_range_is_a_404_with_a_json_error(client, world):
    response = client.get(reverse("hsds:organizations"), {"page": "x"})
    assert response.status_code == 404
    assert response.json()["error"] == "page out of range"


def test_the_root_points_to_the_organizations(client):
    data = client.get(reverse("hsds:root")).json()
    assert data["organizations_url"].endswith(reverse("hsds:organizations"))


def test_a_service_run_by_an_actor_alone_names_the_actor_and_validates(client, world):
    offer = make_offer(title="Vereinslauf", actor=world["actor"])
    data = client.get(reverse("hsds:service", kwargs={"uid": offer.uid})).json()
    _validate(data, _load(HSDS / "compiled" / "service_with_definitions.json"))
    assert data["organization"]["id"] == data["organization_id"] == str(world["actor"].uid)
    items = client.get(reverse("hsds:services")).json()["contents"]
    schema = _load(HSDS / "compiled" / "service_list.json")
    for item in items:
        _validate(item, schema)
    assert {item["name"]: item["organization"]["name"] for item in items}["Vereinslauf"] == (
        "TSV Böckingen"
    )
    organization = client.get(reverse("hsds:organization", kwargs={"uid": world["actor"].uid}))
    _validate(organization.json(), _load(HSDS / "schema" / "organization.json"), _object_schemas())
    assert {service["name"] for service in organization.json()["services"]} == {
        "Kinderturnen",
        "Vereinslauf",
    }


def test_an_actors_suggested_draft_is_in_no_open_data(client, world):
    make_offer(
        title="Vorschlag des Vereins",
        actor=world["actor"],
        centre=world["centre"],
        is_proposal=True,
        publication_status=PublicationStatus.DRAFT,
    )
    for name in ("hsds:services", "hsds:organizations"):
        assert "Vorschlag des Vereins" not in client.get(reverse(name)).content.decode()
    organization = client.get(reverse("hsds:organization", kwargs={"uid": world["actor"].uid}))
    assert "Vorschlag des Vereins" not in organization.content.decode()
    assert "Vorschlag des Vereins" not in client.get(reverse("offers:csv")).content.decode()


def test_the_open_data_page_links_the_organizations(client):
    html = client.get(reverse("offers:open-data")).content.decode()
    assert f'href="{reverse("hsds:organizations")}"' in html
