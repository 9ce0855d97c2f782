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


@register.simple_tag(takes_context=True)
def offer_cards(context, offers):
    """The rendered cards of these activities (a queryset: only their ids are read here)."""
    from offers.fragments import offer_cards as cards
    from portal.cached_pages import VALIDITY

    ids = offers.values_list("pk", flat=True) if hasattr(offers, "values_list") else offers
    return cards([getattr(offer, "pk", offer) for offer in ids], context.get(VALIDITY))


@register.inclusion_tag("offers/includes/place_activities.html", takes_context=True)
def activities_in(context, place):
    """The published activities of a neighbourhood or a centre, for that place's page."""
    from centers.models import Quarter
    from offers.fragments import place_activities
    from offers.models import FeedKind, Offer
    from portal.cached_pages import VALIDITY, note_valid_until

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
    name = f"place-activities+until:{kind}:{place.pk}"
    # Inside a page that keeps its own part (portal.cached_pages), not kept a second time.
    html, until = place_activities(offers, name, keep=context.get(VALIDITY) is None)
    note_valid_until(context, until)
    return {
        "request": context.get("request"),
        "activities": html,
        "place": place,
        "is_quarter": isinstance(place, Quarter),
        "calendar_kind": kind,
        "filter_name": filter_name,
    }


@register.simple_tag
def form_field(field):
    """A form field as offers/includes/field.html writes it (label, errors, widget, help), in
    Python: the activity list's ten filters through ten includes cost more than its cards."""
    from django.utils.html import format_html, format_html_join
    from django.utils.translation import gettext

    required = ""
    if field.field.required:
        required = format_html(
            ' <span aria-hidden="true">*</span><span class="visually-hidden">({})</span>',
            gettext("required"),
        )
    errors = ""
    if field.errors:
        errors = format_html(
            '<div class="invalid-feedback d-block" id="{}_errors">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p class="mb-1"><strong>{}</strong> {}</p>',
                ((gettext("Error:"), error) for error in field.errors),
            ),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div class="form-text" id="{}_helptext">{}</div>', field.auto_id, field.help_text
        )
    return format_html(
        '<div class="mb-3">\n  <label class="form-label" for="{}">{}{}</label>\n  {}\n  {}\n  {}\n'
        "</div>",
        field.id_for_label,
        field.label,
        required,
        errors,
        field,
        help_text,
    )
