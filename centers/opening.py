"""“Open now · closes at 16:00”: a site's opening hours (schema.org openingHours lines such as
`Mo-Th 09:00-16:00`, `Tu,Th 14:00-18:00`, `Fr 09:00-12:00,14:00-16:00`) read against a moment.

Sites are closed on public holidays in Baden-Württemberg (the `holidays` library keeps them).
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache

import holidays

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
_RANGE = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")


def _days(text):
    found = set()
    for part in text.split(","):
        part = part.strip()[:2].title() if "-" not in part else part.strip()
        if "-" in part:
            first, last = (item.strip()[:2].title() for item in part.split("-", 1))
            if first in DAYS and last in DAYS:
                start, end = DAYS.index(first), DAYS.index(last)
                found.update(
                    range(start, end + 1)
                    if start <= end
                    else [*range(start, 7), *range(0, end + 1)]
                )
        elif part in DAYS:
            found.add(DAYS.index(part))
    return found


def parse(spec):
    """{weekday: [(opens, closes)]} from the lines; lines it cannot read are left out."""
    hours = {day: [] for day in range(7)}
    for line in (spec or "").splitlines():
        line = line.strip()
        if not line or " " not in line:
            continue
        days_text, times_text = line.split(" ", 1)
        for match in _RANGE.finditer(times_text):
            h1, m1, h2, m2 = (int(value) for value in match.groups())
            if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
                continue
            opens, closes = time(h1, m1), time(min(h2, 23), m2 if h2 < 24 else 59)
            if closes <= opens:
                continue
            for day in _days(days_text):
                hours[day].append((opens, closes))
    for ranges in hours.values():
        ranges.sort()
    return hours


@lru_cache(maxsize=8)
def _holidays(year):
    return frozenset(holidays.country_holidays("DE", subdiv="BW", years=year))


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    closes: time | None = None  # when open
    opens: datetime | None = None  # when closed: the next opening, within a week


def status_at(spec, moment):
    """Open or closed at `moment` (a local datetime), with the next change; None without hours."""
    hours = parse(spec)
    if not any(hours.values()):
        return None
    for offset in range(8):
        day = moment.date() + timedelta(days=offset)
        if day in _holidays(day.year):
            continue
        for opens, closes in hours[day.weekday()]:
            if offset == 0 and opens <= moment.time() < closes:
                return OpenStatus(True, closes=closes)
            start = datetime.combine(day, opens, tzinfo=moment.tzinfo)
            if start > moment:
                return OpenStatus(False, opens=start)
    return OpenStatus(False)
