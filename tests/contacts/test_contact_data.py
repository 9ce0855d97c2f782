"""Every phone number, e-mail and postal address comes from stored contact data through one
formatter; a tel: link dials exactly the number it shows (on every sitemap page in every
language: tests/foundation/test_every_page.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from contacts.models import ContactPerson, Office
from contacts.phones import e164

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for the module; each test's changes are rolled back."""


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("07131 56-1167", "+497131561167"),
        ("07131/56-4415", "+497131564415"),
        ("+49 (0) 7131 56-1167", "+497131561167"),
        ("0049 7131 561167", "+497131561167"),
        ("+49 7131 56 1167", "+497131561167"),
        ("56-1167", ""),
        ("ruf mich an", ""),
        ("", ""),
    ],
)
def test_the_formatter_dials_the_digits_people_write(written, dialled):
    assert e164(written) == dialled


@pytest.mark.parametrize(
    "path", ["/de/impressum/", "/de/barrierefreiheit/", "/de/leichte-sprache/"]
)
def test_legal_pages_show_the_stored_numbers_of_the_city_office(demo, client, path):
    person = ContactPerson.objects.get(name="Nora Zeltwanger")
    person.phone = "07131 56-9999"
    person.save()
    html = client.get(path).content.decode()
    assert 'href="tel:+497131569999"' in html
    assert "56-1167" not in html


def test_the_legal_notice_and_privacy_notice_take_the_address_from_the_office(demo, client):
    office = Office.current()
    office.street = "Rathausgasse 1"
    office.save()
    assert "Rathausgasse 1" in client.get("/de/impressum/").content.decode()
    assert "Rathausgasse 1" in client.get("/de/datenschutz/").content.decode()
    assert "Marktplatz 7" not in client.get("/de/impressum/").content.decode()


def test_what_the_seed_does_not_state_is_marked_as_demo(demo):
    office_people = ContactPerson.objects.city_office()
    assert {p.phone for p in office_people} == {"07131 56-1167", "07131 56-4415"}
    assert not office_people.filter(is_demo=True).exists()
    assert not office_people.exclude(email="").exists()
    assert not ContactPerson.objects.filter(centre__isnull=False, is_demo=False).exists()
    assert Office.current().is_demo


def test_no_template_has_a_phone_number_e_mail_or_address_typed_in():
    typed = re.compile(r"tel:\+?\d|mailto:[^{\"]|\b0\d{3,4}[ /]\d{2}|\b7\d{4} Heilbronn|@[a-z]+\.")
    found = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if typed.search(line):
                found.append(f"{template}:{number}: {line.strip()}")
    assert found == []


def test_a_contact_without_a_dialable_number_is_refused_with_a_message(db):
    person = ContactPerson(name="Test", role="Test", phone="56-1167")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "07131 56-1167" in str(error.value.message_dict["phone"])
