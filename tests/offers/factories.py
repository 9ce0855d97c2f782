"""Factories for activities; each takes overrides as keyword arguments."""

from datetime import date, time
from itertools import count

from offers.models import (
    Cancellation,
    Category,
    Offer,
    OfferLanguage,
    Recurrence,
    Schedule,
    TargetGroup,
)
from portal.models import PublicationStatus

_sequence = count(1)


def make_category(**fields):
    n = next(_sequence)
    defaults = {"name": f"Kategorie {n}", "slug": f"kategorie-{n}"}
    return Category.objects.create(**(defaults | fields))


def make_target_group(**fields):
    n = next(_sequence)
    defaults = {"name": f"Zielgruppe {n}", "slug": f"zielgruppe-{n}"}
    return TargetGroup.objects.create(**(defaults | fields))


def make_language(code="de", **fields):
    language, _created = OfferLanguage.objects.get_or_create(
        code=code, defaults={"name": code.upper()} | fields
    )
    return language


def make_offer(slots=None, target_groups=(), languages=(), cancelled=(), **fields):
    """A published offer; slots are (weekday, "HH:MM", "HH:MM") tuples for weekly slots."""
    n = next(_sequence)
    defaults = {
        "title": f"Angebot {n}",
        "slug": f"angebot-{n}",
        "summary": "Ein Angebot für die Nachbarschaft.",
        "description": "Erster Absatz.\n\nZweiter Absatz.",
        "publication_status": PublicationStatus.PUBLISHED,
        "valid_from": date(2024, 1, 1),
    }
    offer = Offer.objects.create(**(defaults | fields))
    for weekday, start, end in slots or []:
        make_slot(offer, weekday=weekday, start_time=start, end_time=end)
    offer.target_groups.set(target_groups)
    offer.languages.set(languages)
    for day in cancelled:
        Cancellation.objects.create(offer=offer, date=day, reason="Ferien")
    return offer


def _time(value):
    if isinstance(value, str):
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    return value


def make_slot(offer, recurrence=Recurrence.WEEKLY, start_time="15:00", end_time="17:00", **fields):
    return Schedule.objects.create(
        offer=offer,
        recurrence=recurrence,
        start_time=_time(start_time),
        end_time=_time(end_time),
        **fields,
    )
