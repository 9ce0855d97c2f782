from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="de"` when a translated field fell back to German on a non-German page."""
    language = get_language() or "de"
    if language == "de":
        return ""
    if getattr(obj, f"{field}_{language}", None):
        return ""
    return mark_safe(' lang="de"')  # noqa: S308 (a constant)


@register.simple_tag
def query_with(query, **params):
    """The current filter query string with some parameters replaced (e.g. page)."""
    from django.http import QueryDict

    data = QueryDict(query, mutable=True)
    for key, value in params.items():
        data[key] = value
    return data.urlencode()


@register.inclusion_tag("offers/includes/place_activities.html", takes_context=True)
def activities_in(context, place):
    """The published activities of a neighbourhood or a centre, for that place's page."""
    from centers.models import Quarter
    from offers.models import Offer

    offers = Offer.objects.published().prefetch_related("schedules").order_by("title")
    if isinstance(place, Quarter):
        offers, kind, filter_name = offers.for_quarter(place), "quartier", "quarter"
    else:
        offers, kind, filter_name = offers.for_centre(place), "zentrum", "centre"
    return {
        "request": context.get("request"),
        "offers": offers,
        "place": place,
        "is_quarter": isinstance(place, Quarter),
        "calendar_kind": kind,
        "filter_name": filter_name,
    }
