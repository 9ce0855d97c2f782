"""A transactional test's flush leaves the database as `migrate` does (tests/conftest.py)."""

import pytest
from django.core.management import call_command

from offers.models import ClosurePeriod


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_school_holidays_of_the_data_migration_are_there_again():
    def holidays():
        return sorted(
            ClosurePeriod.objects.filter(kind="school_holidays").values_list("first_day", flat=True)
        )

    migrated = holidays()
    assert len(migrated) == 5
    call_command("flush", interactive=False, verbosity=0)
    assert holidays() == migrated


@pytest.mark.django_db(transaction=True)
def test_every_flush_leaves_the_same_rows():
    from tests import demo_replay

    call_command("flush", interactive=False, verbosity=0)
    first = demo_replay._state()
    call_command("flush", interactive=False, verbosity=0)
    assert demo_replay._state() == first
