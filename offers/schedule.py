"""One occurrence generator for the page, "this week", the iCalendar export and the JSON-LD.

A slot becomes an RFC 5545 recurrence rule (dateutil's rrule); the same rule is written into
the .ics file, so the calendar and the page can never disagree.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule
from django.utils import timezone
from django.utils.translation import gettext as _

from offers.models import Recurrence, WeekOfMonth

RRULE_DAYS = [MO, TU, WE, TH, FR, SA, SU]
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class Occurrence:
    offer: object
    slot: object
    start: datetime
    end: datetime
    cancelled: bool = False
    reason: str = ""

    @property
    def day(self):
        return timezone.localtime(self.start).date()

    @property
    def time_range(self):
        return format_time_range(
            timezone.localtime(self.start).time(), timezone.localtime(self.end).time()
        )


@lru_cache(maxsize=16)
def _holidays_of(year):
    return frozenset(holidays.country_holidays("DE", subdiv="BW", years=year))


def is_public_holiday(day):
    """A public holiday in Baden-Württemberg (the `holidays` library keeps the rules)."""
    return day in _holidays_of(day.year)


def public_holidays_between(first, last):
    years = range(first.year, last.year + 1)
    return sorted(day for year in years for day in _holidays_of(year) if first <= day <= last)


def slot_falls_on(slot, offer, day):
    return bool(_slot_starts(slot, offer, day, day))


def skips_holiday(offer, slot, day):
    """Repeating dates fall out on public holidays unless the offer says it runs then."""
    return (
        slot.recurrence != Recurrence.SINGLE
        and not offer.on_public_holidays
        and is_public_holiday(day)
    )


def format_time_range(start, end):
    """15:00–17:00; Arabic writes it in words (من 15:00 إلى 17:00) so the digits cannot flip."""
    return _("%(start)s–%(end)s") % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}


def series_start(slot, offer):
    """The first day the series may begin: slot date, else valid_from, else a fixed anchor."""
    return slot.date or offer.valid_from or date(2020, 1, 1)


def series_end(offer):
    return offer.valid_until


def ical_days(slot, nth=None):
    """The slot's weekdays as iCalendar BYDAY values: ["TU", "TH"], or ["2TU", "2TH"] monthly."""
    prefix = str(nth) if nth else ""
    return [f"{prefix}{ICAL_DAYS[day]}" for day in slot.days]


def rrule_parts(slot):
    """The recurrence of a slot as an icalendar vRecur dict, or None for a single date."""
    if slot.recurrence == Recurrence.SINGLE:
        return None
    if slot.recurrence == Recurrence.MONTHLY:
        return {"FREQ": "MONTHLY", "BYDAY": ical_days(slot, slot.week_of_month)}
    parts = {"FREQ": "WEEKLY", "BYDAY": ical_days(slot)}
    if slot.interval and slot.interval > 1:
        parts["INTERVAL"] = slot.interval
    return parts


def build_rule(slot, offer):
    tz = timezone.get_default_timezone()
    dtstart = datetime.combine(series_start(slot, offer), slot.start_time)
    until_day = series_end(offer)
    until = datetime.combine(until_day, slot.start_time) if until_day else None
    weekdays = [RRULE_DAYS[day] for day in slot.days]
    if slot.recurrence == Recurrence.MONTHLY:
        byweekday = [weekday(slot.week_of_month) for weekday in weekdays]
        return rrule(MONTHLY, dtstart=dtstart, byweekday=byweekday, until=until), tz
    return (
        rrule(
            WEEKLY, dtstart=dtstart, byweekday=weekdays, interval=slot.interval or 1, until=until
        ),
        tz,
    )


def _slot_starts(slot, offer, start, end):
    """Naive local start datetimes of a slot between the dates start and end (inclusive)."""
    first = datetime.combine(start, datetime.min.time())
    last = datetime.combine(end, datetime.max.time())
    if slot.recurrence == Recurrence.SINGLE:
        moment = datetime.combine(slot.date, slot.start_time)
        return [moment] if first <= moment <= last else []
    rule, _tz = build_rule(slot, offer)
    return _rule_from(rule, slot, start).between(first, last, inc=True)


def _rule_from(rule, slot, start):
    """The same rule begun at the last whole period (week(s) or month) before `start`.

    Stepping a series from its first day (often years ago) up to today costs hundreds of
    iterations per slot and page; moving DTSTART by whole periods yields the same dates from
    `start` on. The feed writes the original rule (build_rule), not this one."""
    dtstart = rule._dtstart
    if start <= dtstart.date():
        return rule
    if slot.recurrence == Recurrence.MONTHLY:
        if (start.year, start.month) <= (dtstart.year, dtstart.month):
            return rule
        moved = dtstart.replace(year=start.year, month=start.month, day=1)
    else:
        step = 7 * (slot.interval or 1)
        moved = dtstart + timedelta(days=(start - dtstart.date()).days // step * step)
    return rule.replace(dtstart=moved)


def occurrences_for(offer, start, end, periods=None, slots=None, cancelled=None):
    """Every occurrence of one offer from the date start to the date end, cancellations marked:
    cancelled dates, public holidays and holiday/closure periods (`periods`, loaded here when
    not given) for repeating slots.

    `slots` and `cancelled` ({day: Cancellation}) default to what is stored; the admin's live
    preview passes the unsaved rows of the form instead."""
    from offers.models import closure_periods

    tz = timezone.get_default_timezone()
    if offer.valid_from and start < offer.valid_from:
        start = offer.valid_from
    if offer.valid_until and end > offer.valid_until:
        end = offer.valid_until
    if end < start:
        return []
    if periods is None:
        periods = closure_periods(start, end)
    cancelled = offer.cancelled_dates() if cancelled is None else cancelled
    closed = offer.closure_reasons(periods)
    found = []
    for slot in offer.slots() if slots is None else slots:
        repeating = slot.recurrence != Recurrence.SINGLE
        for moment in _slot_starts(slot, offer, start, end):
            day = moment.date()
            begins = timezone.make_aware(moment, tz)
            cancellation = cancelled.get(day)
            reason = cancellation.reason if cancellation else ""
            holiday = skips_holiday(offer, slot, day)
            if holiday and not reason:
                reason = _("public holiday")
            period = closed.get(day) if repeating else None
            if period is not None and not reason:
                reason = period
            found.append(
                Occurrence(
                    offer=offer,
                    slot=slot,
                    start=begins,
                    end=begins + slot.duration,
                    cancelled=cancellation is not None or holiday or period is not None,
                    reason=reason,
                )
            )
    found.sort(key=lambda item: item.start)  # one activity: its title sorts nothing
    return found


def occurrences_between(offers, start, end):
    """Occurrences of many offers (prefetched schedules and cancellations), sorted by time."""
    from offers.models import closure_periods

    periods = closure_periods(start, end)
    found = []
    for offer in offers:
        found.extend(occurrences_for(offer, start, end, periods))
    found.sort(key=lambda item: (item.start, item.offer.title))
    return found


def excluded_days(offer, slot, first, last, periods):
    """The days a repeating slot would fall on but does not (public holidays, holiday and
    closure periods), first…last: the EXDATEs of the feed and exceptDate of the JSON-LD."""
    if slot.recurrence == Recurrence.SINGLE:
        return set()
    closed = offer.closure_reasons(periods)
    days = set(closed)
    if not offer.on_public_holidays:
        days.update(public_holidays_between(first, last))
    days = {day for day in days if first <= day <= last}
    if not days:
        return set()
    # One pass over the slot's dates instead of one recurrence rule per candidate day.
    falls = {moment.date() for moment in _slot_starts(slot, offer, min(days), max(days))}
    return days & falls


@dataclass(frozen=True)
class NextDates:
    """What a list shows of an offer: its next date that takes place and the cancelled ones
    before it (“cancelled on …”)."""

    next: Occurrence | None
    cancelled: tuple

    @property
    def nothing_soon(self):
        return self.next is None and not self.cancelled

    @property
    def valid_until(self):
        """Until when this stays what a list shows: a shown date drops out once it has ended,
        and the window moves on at midnight."""
        tomorrow = timezone.localdate() + timedelta(days=1)
        midnight = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
        shown = [item.end for item in self.cancelled] + ([self.next.end] if self.next else [])
        return min([midnight, *shown])


def attach_next_dates(offers, today=None, days=56, cancelled_shown=2, first_days=14):
    """Sets `offer.when` (NextDates) on each offer; periods are loaded once for all.

    The first `first_days` are looked at first: most activities take place in them, and all
    that comes before their next date is in them. Only the others are looked at for all `days`
    (a third less time per card, issue 18)."""
    offers = list(offers)
    today = today or timezone.localdate()
    last = today + timedelta(days=days)
    periods = _kept_closure_periods(today, last)
    now = timezone.localtime()
    for offer in offers:
        for until in (today + timedelta(days=min(first_days, days)), last):
            found = occurrences_for(offer, today, until, periods)
            found = [item for item in found if item.end >= now]
            upcoming = next((item for item in found if not item.cancelled), None)
            if upcoming is not None:
                break
        cancelled = [
            item
            for item in found
            if item.cancelled and (upcoming is None or item.start < upcoming.start)
        ]
        offer.when = NextDates(upcoming, tuple(cancelled[:cancelled_shown]))
    return offers


def _kept_closure_periods(first, last):
    """closure_periods, kept in this process per content version until midnight: every batch of
    cards and every place's list asks for the same weeks."""
    from offers.models import closure_periods
    from portal.cache import local_fragment

    def load():
        midnight = datetime.combine(timezone.localdate() + timedelta(days=1), datetime.min.time())
        return closure_periods(first, last), timezone.make_aware(midnight)

    return local_fragment(f"closure-periods:{first}:{last}", load, per_language=False)


def group_by_day(occurrences, start, days=7):
    """[(date, [occurrences])] for each day of the window, empty days included."""
    by_day = {start + timedelta(days=n): [] for n in range(days)}
    for item in occurrences:
        by_day.setdefault(item.day, []).append(item)
    return sorted(by_day.items())


def describe_slot(slot):
    """E.g. "Weekly: Tuesday, 15:00–17:00" or "03.05.2025, 10:00–12:00"."""
    times = slot.time_range
    if slot.recurrence == Recurrence.SINGLE and slot.date:
        return _("%(date)s, %(times)s") % {"date": f"{slot.date:%d.%m.%Y}", "times": times}
    day = slot.weekday_names
    if slot.recurrence == Recurrence.MONTHLY and slot.week_of_month:
        return _("Monthly: %(weekday)s (%(nth)s of the month), %(times)s") % {
            "nth": WeekOfMonth(slot.week_of_month).label,
            "weekday": day,
            "times": times,
        }
    if slot.interval and slot.interval > 1:
        return _("Every two weeks: %(weekday)s, %(times)s") % {"weekday": day, "times": times}
    return _("Weekly: %(weekday)s, %(times)s") % {"weekday": day, "times": times}


def next_dates(offer, limit=10, today=None, days=400, slots=None, cancelled=None):
    """The next `limit` occurrences from today on, cancelled ones included and marked.

    With `slots` and `cancelled` the unsaved rows of the admin form (live preview)."""
    today = today or timezone.localdate()
    found = occurrences_for(
        offer, today, today + timedelta(days=days), slots=slots, cancelled=cancelled
    )
    return found[:limit]


def upcoming_rows(found):
    """(css class, text) per date: "Di, 03.06.2026, 15:00–17:00 – fällt aus (Ferien)"."""
    from django.utils.formats import date_format

    rows = []
    for item in found:
        text = f"{date_format(item.day, 'D, d.m.Y')}, {item.time_range}"
        if item.cancelled:
            text = _("%(date)s – cancelled") % {"date": text}
            if item.reason:
                text += f" ({item.reason})"
        rows.append(("upcoming-cancelled" if item.cancelled else "", text))
    return rows


def no_dates_message():
    return _("No dates in the coming year: check the time slots and the validity period.")


def upcoming_dates_html(offer, preview_url=""):
    """The admin's preview of the next ten dates: computed on the server from what is saved,
    and, with `preview_url`, refreshed by static/offers/upcoming-dates.js while editing."""
    from django.utils.html import format_html, format_html_join

    if offer is None or offer.pk is None:
        content = format_html("<p>{}</p>", _("The dates appear here once the activity is saved."))
    else:
        rows = upcoming_rows(next_dates(offer))
        if rows:
            content = format_html(
                '<ol class="upcoming-dates">{}</ol>',
                format_html_join("", '<li class="{}">{}</li>', rows),
            )
        else:
            content = format_html("<p>{}</p>", no_dates_message())
    if not preview_url:
        return content
    return format_html(
        '<div class="upcoming-preview" data-preview-url="{}" aria-live="polite">{}</div>',
        preview_url,
        content,
    )
