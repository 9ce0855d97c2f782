"""Activities a registered actor's contact person suggests through their personal link.

They arrive as drafts of that actor, marked as suggestions (the editors' queue of proposals),
in the centre of the quarter they are for, and are never published from here.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from network.models import Actor
from offers.models import Offer, Recurrence, Schedule
from portal.models import PublicationStatus

# The same title sent again within this time is the same suggestion (a double click, a reload).
DUPLICATE_WINDOW = timedelta(minutes=30)


def suggestions_of(actor):
    """What this actor suggested, newest first: the contact person follows its status."""
    return Offer.objects.filter(actor=actor, is_proposal=True).order_by("-created_at", "-pk")


def _details(data):
    lines = [gettext("Suggested through the link of the actor.")]
    if data.get("note"):
        lines.append(gettext("Note: {note}").format(note=data["note"]))
    return "\n".join(lines)


def suggest_offer(actor, data):
    """Creates the draft activity of `actor` from a suggestion form's cleaned data.

    Returns (offer, created); a repeated submission gives the first offer back.
    """
    site = data.get("site")
    quarter = (site.quarter if site and site.quarter_id else None) or data["quarter"]
    centre = site.centre if site else quarter.centre
    with transaction.atomic():
        # One suggestion at a time per actor, so two simultaneous clicks cannot both pass.
        Actor.objects.select_for_update().filter(pk=actor.pk).first()
        earlier = (
            suggestions_of(actor)
            .filter(
                title_de=data["title"],
                publication_status=PublicationStatus.DRAFT,
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            )
            .first()
        )
        if earlier is not None:
            return earlier, False
        offer = Offer.objects.create(
            # In the German (default) fields whatever the page language, so editors see it.
            title_de=data["title"],
            description_de=data["description"],
            category=data.get("category"),
            actor=actor,
            centre=centre,
            quarter=quarter,
            site=site,
            venue_name="" if site else data.get("venue_name", ""),
            street="" if site else data.get("street", ""),
            postcode="" if site else data.get("postcode", ""),
            cost_type=data["cost_type"],
            cost_amount=data.get("cost_amount"),
            registration_required=bool(data.get("registration_note")),
            registration_note_de=data.get("registration_note", ""),
            publication_status=PublicationStatus.DRAFT,
            is_proposal=True,
            proposer_name=actor.name,
            proposer_contact=actor.email,
            proposal_details=_details(data),
        )
        offer.target_groups.set(data.get("target_groups") or [])
        offer.languages.set(data.get("languages") or [])
        single = data["recurrence"] == Recurrence.SINGLE
        Schedule.objects.create(
            offer=offer,
            recurrence=data["recurrence"],
            weekdays="" if single else data["weekdays"],
            date=data.get("date") if single else None,
            start_time=data["start_time"],
            end_time=data["end_time"],
        )
    return offer, True
