"""Detail pages whose own part is kept in the fragment store (portal.cache), for cache misses.

A page-cache miss (a session, a new address, the first visit after an editor's save) used to
render a neighbourhood's, a centre's, an actor's or an activity's page in full: 6–10 queries and
10–13 ms of templates. The blocks a page template fills (title, description, head, content) are
the same for every visitor, so they are rendered once per language, content version and host and
kept; base.html, with the header, the language switcher, messages and anything else that
depends on the visitor or the address, is rendered around them on every request.

A page template takes part by extending `base_template|default:"base.html"`. Whatever in it
changes with the clock alone (a shown date passes, a scheduled publication, "open now") tells
when through note_valid_until(); the parts are kept until the earliest such moment.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.cache import cached_fragment, local_fragment

PARTS = ("title", "meta_description", "extra_head", "content", "extra_body")
# Between the parts in page_parts.html; text from the database is escaped or sanitised, so it
# cannot contain an HTML comment.
MARK = "<!--page-part-->"
VALIDITY = "page_valid_until"


def _csrf_used(request):
    return bool(
        request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def clock_valid_until(*querysets):
    """Midnight (what shows "today" moves on) or the next moment a publication window of the
    rows of one of these querysets (of Publishable models) begins or ends, whichever is first."""
    from datetime import datetime, timedelta

    tomorrow = timezone.localdate() + timedelta(days=1)
    moments = [timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))]
    moments += [queryset.next_publication_change() for queryset in querysets]
    return min(moment for moment in moments if moment is not None)


def note_valid_until(context, moment):
    """Inside a kept page's template: what was just rendered stays right until `moment` (a
    datetime, None, or a function giving one: asked only when the page is kept)."""
    moments = context.get(VALIDITY)
    if moments is not None and moment is not None:
        moments.append(moment)


def keeping():
    """Whether fragments are kept at all (not in tests): else no end of validity is needed."""
    return settings.FRAGMENT_CACHE_SECONDS > 0


def public_row(public, slug, name, valid_until=None):
    """(pk, row) of the row with this slug among `public()` (a function giving the queryset of
    what the public may see: built only when it is asked); (None, None) if there is none. While
    fragments are kept, from a map slug → pk kept in this process per content version until
    `valid_until()` (when the clock changes what is public), without a query, and the row is
    None (load it only for parts not kept yet); otherwise the row itself, in one query."""
    if not keeping():
        row = public().filter(slug=slug).first()
        return (row.pk, row) if row is not None else (None, None)

    def slugs():
        return dict(public().values_list("slug", "pk")), valid_until

    return local_fragment(f"public-slugs:{name}", slugs, per_language=False).get(slug), None


def render_kept(request, template_name, name, context, valid_until=None):
    """The page of `template_name`, its parts kept under `name` (plus language, version, host).

    `context()` gives the template's context and is called only when the parts are not kept;
    `valid_until(context)` may add a moment the page changes by the clock alone."""

    def parts():
        values = context()
        moments = []
        csrf_used = _csrf_used(request)
        html = render_to_string(
            template_name,
            values | {"base_template": "includes/page_parts.html", VALIDITY: moments},
            request,
        )
        kept = dict(zip(PARTS, (mark_safe(part) for part in html.split(MARK)), strict=True))  # noqa: S308
        if valid_until is not None:
            moments.append(lambda: valid_until(values))
        if _csrf_used(request) and not csrf_used:
            # A per-visitor token in a part: show it to this visitor, keep it for no one.
            moments.append(timezone.now())

        def until():  # asked only when the parts are kept
            found = [moment() if callable(moment) else moment for moment in moments]
            return min((moment for moment in found if moment is not None), default=None)

        return kept, until

    # The host: parts may hold absolute addresses (structured data, canonical links).
    kept = cached_fragment(f"page:{request.scheme}://{request.get_host()}:{name}", parts)
    return render(request, "includes/cached_page.html", {"parts": kept})
