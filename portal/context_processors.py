from html import escape

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.lib.languages import ENDONYMS, direction, translated_path


def site(request):
    """Language direction, the switcher's entries and the page's hreflang alternates.

    No database access, so error pages work. The switcher links keep the query string, so a
    resident's filters survive a change of language.
    """
    current = get_language() or settings.LANGUAGE_CODE
    path = request.path if request is not None else ""
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    choices = []
    for code, _name in settings.LANGUAGES:
        target = translated_path(path, code) if path else f"/{code}/"
        choices.append(
            {
                "code": code,
                "endonym": ENDONYMS[code],
                "dir": direction(code),
                "current": code == current,
                "path": target,
                "url": f"{target}?{query}" if query else target,
            }
        )
    alternates = _alternates(request, choices)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "LANGUAGE_DIRECTION": direction(current),
        "language_choices": choices,
        "language_alternates": alternates,
        # Written on every page, rendered here on first use: the template loops over the six
        # languages cost a tenth of a list page's time (issue 18). Templates call these.
        "language_links": lambda: _language_links(choices),
        "alternate_links": lambda: _alternate_links(alternates),
    }


def _language_links(choices):
    # The standard library's escape: the same as Django's, without its check for lazy text
    # on every call (format_html per link cost as much as the template loop it replaces).
    links = []
    for choice in choices:
        current = ' aria-current="page"' if choice["current"] else ""
        code, url = escape(choice["code"]), escape(choice["url"])
        links.append(
            f'<li><a href="{url}" hreflang="{code}" lang="{code}" dir="{escape(choice["dir"])}" '
            f'data-language="{code}"{current}>{escape(choice["endonym"])}</a></li>'
        )
    return mark_safe("\n".join(links))  # noqa: S308 (each value escaped)


def _alternate_links(alternates):
    return mark_safe(  # noqa: S308 (each value escaped)
        "".join(
            f'\n  <link rel="alternate" hreflang="{escape(alternate["hreflang"])}" '
            f'href="{escape(alternate["href"])}">'
            for alternate in alternates
        )
    )


def _alternates(request, choices):
    """<link rel=alternate hreflang> for every language and x-default, the same set the sitemap
    lists; only for pages with a language prefix that a pattern matched. x-default is the
    address without a prefix, which redirects to the visitor's language (as in the sitemap)."""
    if request is None or getattr(request, "resolver_match", None) is None:
        return []
    if not any(choice["path"] == request.path and choice["current"] for choice in choices):
        return []
    alternates = [
        {"hreflang": choice["code"], "href": request.build_absolute_uri(choice["path"])}
        for choice in choices
    ]
    default = next(c for c in choices if c["code"] == settings.LANGUAGE_CODE)["path"]
    neutral = default.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    alternates.append({"hreflang": "x-default", "href": request.build_absolute_uri(neutral)})
    return alternates
