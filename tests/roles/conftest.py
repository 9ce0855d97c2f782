import copy
from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from portal.models import PublicationStatus
from staff.management.commands.setup_roles import setup_roles
from staff.models import StaffProfile
from staff.permissions import EDITORS, EVALUATION, QUARTER_MANAGERS
from survey.models import Channel, Response
from tests.factories import make_centre, make_contact, make_document, make_quarter, make_site
from tests.offers.factories import make_offer
from tests.survey.factories import make_survey


def make_staff(username, role=None, centres=(), superuser=False):
    user = User.objects.create_user(username, is_staff=True, is_superuser=superuser)
    if role:
        user.groups.set([setup_roles()[role]])
    profile = StaffProfile.objects.create(user=user)
    profile.centres.set(centres)
    return user


def _centre_world(name):
    centre = make_centre(name=f"Zentrum {name}", slug=f"zentrum-{name}")
    quarter = make_quarter(centre, name=f"Quartier {name}", slug=f"quartier-{name}")
    return SimpleNamespace(
        centre=centre,
        quarter=quarter,
        site=make_site(centre, is_main=True),
        contact=make_contact(centre),
        document=make_document(centre),
        offer=make_offer(
            title=f"Angebot {name}", centre=centre, publication_status=PublicationStatus.DRAFT
        ),
        proposal=make_offer(
            title=f"Vorschlag {name}",
            quarter=quarter,
            is_proposal=True,
            publication_status=PublicationStatus.DRAFT,
        ),
    )


@pytest.fixture
def world(db, _world):
    """Two centres with their content, one staff member per role and a current survey.

    Made once per test module (_world); each test gets its own copies of the objects, as with
    Django's TestCase.setUpTestData, and its database changes are rolled back after it."""
    return copy.deepcopy(_world)


@pytest.fixture(scope="module")
def _world(shared_data):
    return build_world()


def build_world():
    own, foreign = _centre_world("eigen"), _centre_world("fremd")
    users = {
        "superuser": make_staff("it", superuser=True),
        "redaktion": make_staff("redaktion", EDITORS),
        "qm": make_staff("qm-eigen", QUARTER_MANAGERS, [own.centre]),
        "qm-foreign": make_staff("qm-fremd", QUARTER_MANAGERS, [foreign.centre]),
        "auswertung": make_staff("auswertung", EVALUATION),
    }
    survey = make_survey(slug="befragung", is_current=True)
    for world_part, user in ((own, users["qm"]), (foreign, users["qm-foreign"])):
        world_part.response = Response.objects.create(
            survey=survey,
            language="de",
            channel=Channel.PAPER,
            submitted_on=date(2026, 5, 1),
            entered_by=user,
            entered_at=timezone.now(),
        )
    return SimpleNamespace(own=own, foreign=foreign, users=users, survey=survey)
