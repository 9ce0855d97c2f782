from django import template
from django.utils.safestring import mark_safe

from portal.lib.translations import is_fallback

register = template.Library()


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="de"` when a translated field fell back to German on a non-German page."""
    return mark_safe(' lang="de"') if is_fallback(obj, field) else ""  # noqa: S308 (a constant)


@register.simple_tag
def query_with(query, **params):
    """The current filter query string with some parameters replaced (e.g. page)."""
    from django.http import QueryDict

    data = QueryDict(query, mutable=True)
    for key, value in params.items():
        data[key] = value
    return data.urlencode()


@register.simple_tag
def offer_cards(offers):
    """The rendered cards of these activities (a queryset: only their ids are read here)."""
    from offers.fragments import offer_cards as cards

    ids = offers.values_list("pk", flat=True) if hasattr(offers, "values_list") else offers
    return cards([getattr(offer, "pk", offer) for offer in ids])


@register.inclusion_tag("offers/includes/place_activities.html", takes_context=True)
def activities_in(context, place):
    """The published activities of a neighbourhood or a centre, for that place's page."""
    from centers.models import Quarter
    from offers.fragments import place_activities
    from offers.models import FeedKind, Offer

    offers = (
        Offer.objects.published()
        .select_related("site")
        .prefetch_related("schedules", "cancellations")
        .order_by("title")
    )
    if isinstance(place, Quarter):
        offers, kind, filter_name = offers.for_quarter(place), FeedKind.QUARTER, "quarter"
    else:
        offers, kind, filter_name = offers.for_centre(place), FeedKind.CENTRE, "centre"
    return {
        "request": context.get("request"),
        "activities": place_activities(offers, f"place-activities:{kind}:{place.pk}"),
        "place": place,
        "is_quarter": isinstance(place, Quarter),
        "calendar_kind": kind,
        "filter_name": filter_name,
    }
