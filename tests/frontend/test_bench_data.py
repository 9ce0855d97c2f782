"""The bench's generated activities are ones an editor could save: the pages it measures show
what residents would see (issue 18)."""

import random

import pytest

from bench import generate_apps
from offers.models import Schedule

pytestmark = pytest.mark.django_db


def test_generated_slots_pass_the_slot_rules():
    from tests.factories import make_centre, make_quarter

    centre = make_centre()
    generate_apps.offers(random.Random(18), [centre], [make_quarter(centre)], offers=12)
    slots = list(Schedule.objects.filter(offer__slug__startswith="bench-angebot-"))
    assert len(slots) == 12
    for slot in slots:
        slot.full_clean()
        assert slot.weekdays == str(slot.weekday)
