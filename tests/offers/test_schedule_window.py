"""Occurrences are computed from the window on, not from the series' first day (issue 18), and
must be exactly the dates the full series gives."""

import random
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import pytest

from offers.models import Recurrence
from offers.schedule import _slot_starts, build_rule


def _full_series(slot, offer, start, end):
    rule, _tz = build_rule(slot, offer)
    first = datetime.combine(start, datetime.min.time())
    return rule.between(first, datetime.combine(end, datetime.max.time()), inc=True)


def _slots(rng):
    for _ in range(300):
        recurrence = rng.choice([Recurrence.WEEKLY, Recurrence.MONTHLY])
        days = sorted(rng.sample(range(7), rng.randint(1, 3)))
        yield SimpleNamespace(
            recurrence=recurrence,
            days=days,
            interval=rng.choice([None, 1, 2, 3]) if recurrence == Recurrence.WEEKLY else None,
            week_of_month=rng.choice([1, 2, 3, 4, -1]),
            date=rng.choice([None, date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))]),
            start_time=time(rng.randint(7, 20), rng.choice([0, 30])),
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_window_gives_the_same_dates_as_the_whole_series(seed):
    rng = random.Random(seed)
    for slot in _slots(rng):
        offer = SimpleNamespace(
            valid_from=rng.choice([None, date(2023, 3, 15)]),
            valid_until=rng.choice([None, date(2027, 6, 30)]),
        )
        start = date(2025, 1, 1) + timedelta(days=rng.randint(0, 700))
        end = start + timedelta(days=rng.choice([0, 6, 27, 56, 400]))
        assert _slot_starts(slot, offer, start, end) == _full_series(slot, offer, start, end), slot


@pytest.mark.django_db
def test_the_next_date_looked_for_in_a_fortnight_first_is_the_one_of_the_whole_window():
    """attach_next_dates looks at 14 days before 56: the same next date and the same
    "cancelled on" notes for weekly, fortnightly, monthly and single slots, with cancelled
    weeks, public holidays, school holidays and an end of validity in between."""
    from django.utils import timezone

    from offers.models import ClosureKind, ClosurePeriod, Offer
    from offers.schedule import attach_next_dates
    from tests.offers.factories import make_offer, make_slot

    rng = random.Random(18)
    today = timezone.localdate()
    ClosurePeriod.objects.create(
        name="Ferien",
        kind=ClosureKind.SCHOOL_HOLIDAYS,
        first_day=today + timedelta(days=3),
        last_day=today + timedelta(days=20),
    )
    for _ in range(60):
        offer = make_offer(
            not_in_school_holidays=rng.random() < 0.3,
            on_public_holidays=rng.random() < 0.5,
            valid_until=rng.choice([None, today + timedelta(days=rng.randint(0, 40))]),
            cancelled=sorted({today + timedelta(days=rng.randint(0, 30)) for _ in range(4)}),
        )
        recurrence = rng.choice(list(Recurrence))
        make_slot(
            offer,
            recurrence=recurrence,
            weekdays=sorted(rng.sample(range(7), rng.randint(1, 2))),
            interval=rng.choice([1, 2, 3]) if recurrence == Recurrence.WEEKLY else 1,
            week_of_month=rng.choice([1, 3, -1]) if recurrence == Recurrence.MONTHLY else None,
            date=today + timedelta(days=rng.randint(0, 60))
            if recurrence == Recurrence.SINGLE
            else None,
            start_time=rng.choice(["07:00", "15:00", "23:00"]),
            end_time="23:30",
        )
    offers = Offer.objects.for_listing().order_by("pk")
    quick = [offer.when for offer in attach_next_dates(offers)]
    whole = [offer.when for offer in attach_next_dates(offers, first_days=56)]
    assert quick == whole
    assert any(when.cancelled and when.next for when in whole)
    assert any(when.next and when.next.day > today + timedelta(days=14) for when in whole)
