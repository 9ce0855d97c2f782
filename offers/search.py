"""How an offer is found: its entry in the portal-wide search index (search/), which forgives
accents, inflections, typos and knows the editors' synonyms; the offer list's search box uses
the same matching."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from portal.models import PublicationStatus
from search import engine
from search.models import Kind
from search.registry import register, texts, translated


def search_offers(queryset, text, language):
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(pk__in=engine.matching_ids(Kind.OFFER, text, language))


def _window(offer):
    from offers.models import OfferState

    if offer.publication_status != PublicationStatus.PUBLISHED or offer.state == OfferState.ENDED:
        return None
    until = offer.publish_until
    if offer.valid_until:
        end = timezone.make_aware(datetime.combine(offer.valid_until + timedelta(days=1), time()))
        until = min(until, end) if until else end
    return {"visible_from": offer.publish_from, "visible_until": until}


def _places(offer):
    quarters = {q.pk: q for q in (offer.quarter, offer.site.quarter if offer.site else None) if q}
    if offer.centre:
        quarters.update({q.pk: q for q in offer.centre.quarters.all()})
    return list(quarters.values())


def _entry(offer, language):
    visible = _window(offer)
    if visible is None:
        return None
    quarters = _places(offer)
    title = translated(offer, "title", language) or offer.title
    summary = translated(offer, "summary", language)
    related = [
        offer.category.name if offer.category else "",
        *(group.name for group in offer.target_groups.all()),
        *(lang.name for lang in offer.languages.all()),
        offer.actor.name if offer.actor else "",
        offer.centre.name if offer.centre else "",
        f"{offer.site.name} {offer.site.street}" if offer.site else "",
        offer.street,
        *(quarter.name for quarter in quarters),
    ]
    # The same activity runs in several centres: where it happens tells the results apart.
    place = (
        offer.site.name
        if offer.site
        else offer.venue_name or (offer.centre.name if offer.centre else "")
    )
    return visible | {
        "title": title,
        "snippet": " · ".join(part for part in (place, summary) if part)[:400],
        "url": offer.get_absolute_url(),
        "quarters": quarters,
        "body": " ".join(
            [texts(offer, language, "title", "summary", "description", "venue_name"), *related]
        ),
    }


def register_offers():
    from offers.models import Offer

    register(
        Offer,
        Kind.OFFER,
        _entry,
        load=lambda qs: qs.select_related(
            "category", "actor", "centre", "site__quarter", "quarter"
        ).prefetch_related("target_groups", "languages", "centre__quarters"),
        follows={
            "network.Actor": lambda actor: actor.offers.all(),
            "centers.Centre": lambda centre: centre.offers.all(),
            "centers.Quarter": lambda quarter: Offer.objects.for_quarter(quarter),
        },
        m2m=["target_groups", "languages"],
    )
