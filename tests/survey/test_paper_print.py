"""The printed questionnaire: pages with numbers, a serial number and a QR code on each."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from survey import printing
from survey.models import QuestionKind
from tests.survey.factories import make_full_survey, make_question

pytestmark = pytest.mark.django_db


def _print(client, survey, language="de", query=""):
    with translation.override(language):
        url = reverse("survey:paper", kwargs={"slug": survey.slug})
    return client.get(url + query)


def test_every_printed_page_carries_the_serial_number_a_qr_code_and_its_page_number(client):
    full = make_full_survey()
    for number in range(8, 20):
        make_question(full["survey"], QuestionKind.TEXT, f"Q{number}", max_length=1000)
    response = _print(client, full["survey"])
    html = response.content.decode()
    pages = html.count('<section class="paper-page"')
    assert pages >= 3
    assert len(re.findall(r'<div class="paper-qr" aria-hidden="true"><svg', html)) == pages
    serials = set(re.findall(r'class="paper-serial" dir="ltr">([A-Z0-9-]+)<', html))
    assert len(serials) == 1
    assert f"Seite {pages} von {pages}" in html
    assert html.count("Bitte wenden") == pages - 1
    assert "no-store" in response["Cache-Control"]  # a new serial number for every print


def test_a_pile_of_copies_gets_a_serial_number_each(client):
    full = make_full_survey()
    html = _print(client, full["survey"], query="?copies=3").content.decode()
    serials = re.findall(r'class="paper-serial" dir="ltr">([A-Z0-9-]+)<', html)
    assert len(set(serials)) == 3


def test_the_qr_code_names_survey_wave_language_page_and_serial():
    full = make_full_survey(wave=2)
    payload = printing.qr_payload(full["survey"], "tr", 2, 4, "ABCD-EFGH")
    assert payload == f"HNQ1;s={full['survey'].slug};w=2;l=tr;p=2/4;n=ABCD-EFGH"
    assert printing.qr_svg(payload).startswith("<svg")


def test_no_printed_page_holds_a_lone_question_when_it_can_share_one(client):
    full = make_full_survey()
    for number in range(8, 30):
        kind = QuestionKind.TEXT if number % 3 else QuestionKind.SINGLE
        make_question(full["survey"], kind, f"Q{number}", max_length=600)
    html = _print(client, full["survey"], "ar").content.decode()
    for page in html.split('<section class="paper-page"')[1:]:
        assert page.count('class="paper-question"') >= 2


def test_the_neighbourhood_question_prints_the_fixed_codes_and_outside_heilbronn(client):
    full = make_full_survey()
    html = _print(client, full["survey"]).content.decode()
    for quarter in full["quarters"]:
        assert f'dir="ltr">{quarter.code}</span> {quarter.name}' in html
    assert 'dir="ltr">99</span> Außerhalb Heilbronns / weiß nicht' in html


def test_a_serial_number_entered_twice_is_pointed_out(client):
    from django.contrib.auth.models import Permission, User

    full = make_full_survey()
    clerk = User.objects.create_user("erfassung", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(codename="enter_paper_responses"))
    client.force_login(clerk)
    url = reverse("survey:paper-entry", kwargs={"slug": full["survey"].slug})
    data = {"language": "de", "source": "A", "batch": "1", "serial": "abcd-efgh", "Q2": "2"}
    client.post(url, data)
    page = client.post(url, data, follow=True).content.decode()
    assert "Ein Bogen mit dieser Seriennummer wurde schon erfasst" in page


def test_the_printed_form_names_sender_and_return_places_from_the_stored_data(client):
    from contacts.models import ContactPerson
    from tests.factories import make_centre, make_site

    full = make_full_survey()
    office = ContactPerson.objects.create(
        name="Erika Muster", role_de="Quartiersentwicklung", phone="07131 56-0000"
    )
    centre = make_centre(name="Zentrum am Fluss")
    make_site(centre, is_main=True, street="Uferweg 1", opening_hours="Mo 9–12")
    survey = full["survey"]
    survey.sender = office
    survey.save()
    survey.return_centres.add(centre)
    html = _print(client, survey).content.decode()
    assert "Stadt Heilbronn" in html and "Quartiersentwicklung" in html
    assert "07131 56-0000" in html
    assert "Zentrum am Fluss" in html and "Uferweg 1" in html and "Mo 9–12" in html
