"""Random and hostile values at every field of the actor's suggestion form: never a 500, never
the markup reflected, never more than one activity per submission, never a published one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offers.models import Offer
from portal.models import PublicationStatus
from tests.factories import make_centre, make_quarter, make_site
from tests.hardening.test_fuzz import FUZZ, _assert_safe, values
from tests.network.factories import make_actor

pytestmark = pytest.mark.django_db

FIELDS = [
    "title",
    "description",
    "category",
    "target_groups",
    "languages",
    "recurrence",
    "weekdays",
    "date",
    "start_time",
    "end_time",
    "quarter",
    "site",
    "venue_name",
    "street",
    "postcode",
    "cost_type",
    "cost_amount",
    "registration_note",
    "note",
    "website_url",
]
VALID = {
    "title": "Spieleabend",
    "description": "Brettspiele.",
    "recurrence": "weekly",
    "weekdays": "2",
    "start_time": "18:00",
    "end_time": "20:00",
    "venue_name": "Gemeindehaus",
    "cost_type": "free",
}


@pytest.fixture
def link(settings):
    settings.OFFER_PROPOSAL_RATE_LIMIT = None
    centre = make_centre(slug="boeckingen")
    quarter = make_quarter(centre, slug="kreuzgrund")
    make_site(centre, is_main=True, quarter=quarter)
    actor = make_actor([quarter], email="verein@example.org")
    key = actor.issue_suggestion_link(None)
    return {"path": f"/de/angebote/vorschlagen/akteur/{key}/", "quarter": quarter}


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(FIELDS), values, max_size=8))
def test_the_suggestion_form_never_fails_or_publishes(client, link, fields):
    before = Offer.objects.count()
    data = VALID | {"quarter": link["quarter"].pk} | fields
    response = client.post(link["path"], data)
    _assert_safe(response, fields.values())
    assert Offer.objects.count() - before in (0, 1)
    assert not Offer.objects.filter(publication_status=PublicationStatus.PUBLISHED).exists()
