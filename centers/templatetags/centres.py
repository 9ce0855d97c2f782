import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from centers.models import Centre, CentreStatus, Quarter
from centers.renditions import rendition as _rendition
from portal.lib.html import rich_text as _rich_text
from portal.lib.html import sanitise
from portal.lib.translations import is_fallback

register = template.Library()

# Same escapes as Django's json_script: nothing inside the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_DECIMAL_COMMA = {"de", "ro", "ru", "tr"}


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="de"` on an element whose text fell back to German; nothing otherwise."""
    return mark_safe(' lang="de"') if is_fallback(obj, field) else ""


@register.filter
def sanitized(value):
    return mark_safe(sanitise(value))  # noqa: S308 - cleaned by nh3 just before


@register.filter
def rich_text(value):
    """An editor's text: HTML sanitised again on the way out, plain text as paragraphs."""
    return mark_safe(_rich_text(value))  # noqa: S308 - cleaned by nh3 just before


@register.filter
def human_size(num_bytes):
    """1.2 MB / 1,2 MB: one decimal, the separator of the active language."""
    num_bytes = num_bytes or 0
    if num_bytes >= 1_000_000:
        value, template_ = num_bytes / 1_000_000, _("{value} MB")
    else:
        value, template_ = max(num_bytes / 1000, 0.1), _("{value} kB")
    number = f"{value:.1f}"
    if (get_language() or "de").split("-")[0] in _DECIMAL_COMMA:
        number = number.replace(".", ",")
    return template_.format(value=number)


@register.filter
def download_label(document):
    return _("Download (PDF, {size})").format(size=human_size(document.file_size))


@register.simple_tag
def rendition(field_file, alias):
    return _rendition(field_file, alias)


@register.simple_tag
def json_ld(data):
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag
def neighbourhood_finder():
    """Data for the home page's "find my neighbourhood" picker and the centres teaser."""
    centres = list(Centre.objects.published())
    return {
        "quarters": list(Quarter.objects.all()),
        "operating": [c for c in centres if c.status == CentreStatus.OPERATING],
        "planned_count": sum(1 for c in centres if c.status == CentreStatus.PLANNED),
    }


@register.inclusion_tag("centers/includes/open_status.html", takes_context=True)
def open_status(context, site, now=None):
    """“Open now · closes at 16:00” / “Closed now · opens Tuesday 09:00” for a site with
    machine-readable opening hours; nothing without them."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from centers.opening import status_at
    from portal.cached_pages import note_valid_until

    moment = timezone.localtime(now) if now else timezone.localtime()
    status = status_at(site.opening_hours_spec, moment)
    same_day = bool(status and status.opens and status.opens.date() == moment.date())
    if status is not None:
        # A kept page shows this until it opens or closes, or the day changes ("opens Tuesday").
        tomorrow = moment.date() + timedelta(days=1)
        changes = [datetime.combine(tomorrow, datetime.min.time(), tzinfo=moment.tzinfo)]
        if status.is_open and status.closes:
            changes.append(datetime.combine(moment.date(), status.closes, tzinfo=moment.tzinfo))
        if status.opens:
            changes.append(status.opens)
        note_valid_until(context, min(changes))
    return {"status": status, "same_day": same_day}
