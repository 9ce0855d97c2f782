"""Demo actors and ideas, loaded by `manage.py load_demo` after the activities (idempotent)."""

from datetime import time, timedelta

from django.utils import timezone

from centers.models import Quarter, Site
from demo.marks import mark
from demo.network_content import ACTORS, IDEAS, LANGS, SUGGESTED_OFFERS, SUGGESTION_LINKS
from network.models import Actor, Idea
from offers.models import Offer, Recurrence, Schedule
from portal.models import PublicationStatus


def _translated(field, texts):
    return {f"{field}_{lang}": text for lang, text in zip(LANGS, texts, strict=True)}


def _actor(spec, today):
    slug, name, kind, quarter_slugs, summary, contact, languages, days, runs = spec
    actor = Actor.objects.filter(slug=slug).first()
    if actor is not None:
        return actor, False
    actor = mark(
        Actor.objects.create(
            slug=slug,
            name=name,
            kind=kind,
            contact_name=contact,
            email=f"{slug[:40]}@example.org",
            phone="07131 000000",
            website=f"https://example.org/{slug}",
            languages=languages,
            last_contact=today - timedelta(days=days) if days is not None else None,
            publication_status=PublicationStatus.PUBLISHED,
            registration_note="Demo",
            **_translated("summary", summary),
        )
    )
    actor.quarters.set(Quarter.objects.filter(slug__in=quarter_slugs))
    for offer_slug, with_centre in runs:
        offer = Offer.objects.filter(slug=offer_slug).first()
        if offer is None:
            continue
        offer.actor = actor
        if not with_centre:
            offer.centre = None
        offer.save()
    return actor, True


def _idea(spec, today):
    quarter_slug, language, title, text, status, days, answer, reason = spec
    quarter = Quarter.objects.filter(slug=quarter_slug).first()
    if quarter is None or Idea.objects.filter(quarter=quarter, title=title).exists():
        return False
    fields = {"quarter": quarter, "title": title, "text": text, "language": language}
    fields |= {"status": status, "is_shown": status != "received"}
    if answer:
        fields |= _translated("answer", answer)
    if reason:
        fields |= _translated("reason", reason)
    idea = mark(Idea.objects.create(**fields))
    # The demo's ideas arrived some time ago.
    Idea.objects.filter(pk=idea.pk).update(created_at=timezone.now() - timedelta(days=days))
    return True


def _suggestion_links():
    """A few demo actors get a link (random, so only its fingerprint is stored): printed once,
    when it is made; the admin makes a new one at any time."""
    links = []
    for slug in SUGGESTION_LINKS:
        actor = Actor.objects.filter(slug=slug, suggestion_key_issued__isnull=True).first()
        if actor is not None:
            key = actor.issue_suggestion_link(None)
            links.append(f"{actor.name}: {actor.suggestion_url(key, 'de')}")
    return links


def _suggested_offer(spec):
    """An activity an actor's contact person suggested: a draft, waiting for the team."""
    actor_slug, site_name, title, description, weekdays, start, end, note = spec
    actor = Actor.objects.filter(slug=actor_slug).first()
    if actor is None or Offer.objects.filter(title_de=title, actor=actor).exists():
        return False
    site = Site.objects.filter(name=site_name).select_related("centre").first()
    offer = mark(
        Offer.objects.create(
            title_de=title,
            description_de=description,
            actor=actor,
            site=site,
            centre=site.centre if site else None,
            quarter=site.quarter if site else actor.quarters.first(),
            publication_status=PublicationStatus.DRAFT,
            is_proposal=True,
            proposer_name=actor.name,
            proposer_contact=actor.email,
            proposal_details=f"Demo: {note}",
        )
    )
    Schedule.objects.create(
        offer=offer,
        recurrence=Recurrence.WEEKLY,
        weekdays=weekdays,
        start_time=time.fromisoformat(start),
        end_time=time.fromisoformat(end),
    )
    return True


def load():
    today = timezone.localdate()
    actors = sum(_actor(spec, today)[1] for spec in ACTORS)
    ideas = sum(_idea(spec, today) for spec in IDEAS)
    suggested = sum(_suggested_offer(spec) for spec in SUGGESTED_OFFERS)
    links = _suggestion_links()
    summary = f"{actors} actors, {ideas} ideas and {suggested} suggested activities created"
    if links:
        summary += "; suggestion links (shown only now):\n  " + "\n  ".join(links)
    return summary
