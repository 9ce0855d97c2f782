import pytest
from django.core.management import call_command
from django.db.models import Q
from pypdf import PdfReader

from centers.models import Centre, Document, DocumentKind, ProcessFacts, Quarter, Site
from contacts.models import ContactPerson
from demo.marks import real_content

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "ar", "ro", "ru", "tr"]


def _snapshot():
    models = [Centre, Site, Quarter, Document, ContactPerson, ProcessFacts]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_load_demo_twice_changes_nothing(demo_content):
    """Its own content is no real content (tests/foundation/test_demo_guard.py): it runs again."""
    assert real_content() == []
    first = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == first


def test_demo_has_the_agreed_centres_and_branches(demo_content):
    slugs = set(Centre.objects.operating().values_list("slug", flat=True))
    assert slugs == {"boeckingen", "heilbronner-sueden", "augaertle", "nordstadt"}
    assert Centre.objects.planned().count() >= 3
    assert Site.objects.filter(centre__slug="boeckingen", name="Außenstelle Kreuzgrund").exists()
    assert Site.objects.filter(
        centre__slug="heilbronner-sueden", name="Außenstelle Hoover-Siedlung"
    ).exists()
    assert 10 <= Quarter.objects.count() <= 14


def test_every_operating_centre_has_one_main_site_a_manager_and_real_pdfs(demo_content):
    for centre in Centre.objects.operating():
        assert centre.sites.filter(is_main=True).count() == 1
        assert centre.contacts.exists()
        kinds = set(centre.documents.published().values_list("kind", flat=True))
        assert kinds == {DocumentKind.POSITION_PAPER, DocumentKind.ANNUAL_REPORT}
        for document in centre.documents.all():
            with document.file.open("rb") as handle:
                assert len(PdfReader(handle).pages) == 1


def test_the_city_office_contacts_are_there(demo_content):
    office = {c.name: c.phone for c in ContactPerson.objects.city_office()}
    assert office == {"Nora Zeltwanger": "07131 56-1167", "Mareike Siebert": "07131 56-4415"}


def test_demo_texts_exist_in_all_six_languages(demo_content):

    def empty(field):
        return Q(**{field: ""}) | Q(**{f"{field}__isnull": True})

    for language in LANGUAGES:
        assert not Centre.objects.operating().filter(empty(f"description_{language}")).exists()
        assert not Quarter.objects.filter(empty(f"description_{language}")).exists()
        assert not Document.objects.filter(empty(f"summary_{language}")).exists()
        assert not ContactPerson.objects.filter(empty(f"role_{language}")).exists()
        assert getattr(ProcessFacts.current(), f"topics_{language}")


def test_the_demo_street_directory_is_marked_and_splits_a_street_between_quarters(demo_content):
    from centers.models import StreetSection
    from demo.marks import is_demo

    sections = list(StreetSection.objects.select_related("quarter"))
    assert len(sections) >= 30
    assert all(is_demo(section) for section in sections)
    fleiner = StreetSection.objects.lookup("Fleiner Straße")
    assert fleiner.needs_number
    assert StreetSection.objects.lookup("Fleiner Straße", 12).quarter.slug == "innenstadt-sued"
    assert StreetSection.objects.lookup("Fleiner Straße", 60).quarter.slug == "suedstadt"
    # Every quarter of an operating centre has streets to be found by.
    for quarter in Quarter.objects.filter(centre__status="operating"):
        assert quarter.street_sections.exists(), quarter
