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
