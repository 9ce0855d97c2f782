"""Forms protected against cross-site requests by where they come from, without a CSRF cookie.

A browser says on every form it sends where the page that sent it lives: ``Origin`` (every
current browser, on every POST), ``Sec-Fetch-Site`` (the same fact as a word), or, in old
browsers, ``Referer``. A form posted from another website in a resident's browser names that
website (or ``null``) and is refused, as Django's CSRF check refuses it; a request that names no
origin at all is refused too. The anonymous questionnaire uses this instead of Django's token:
its page then sets no cookie and is the same for every visitor but for the one-time submission
token (issue 18).
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.http import is_same_domain
from django.views.decorators.csrf import csrf_exempt

# Sec-Fetch-Site: the page is this site's own, or the resident typed or bookmarked the address.
_OWN_SITE = {"same-origin", "none"}


def sent_from_own_page(request):
    origin = request.headers.get("Origin")
    if origin is not None:
        return _is_own(origin, request)
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in _OWN_SITE
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and _is_own(f"{referer.scheme}://{referer.netloc}", request)


def _is_own(origin, request):
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    if origin == own or origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    # "https://*.example.org" in CSRF_TRUSTED_ORIGINS trusts its subdomains, as Django does.
    parts = urlsplit(origin)
    return any(
        is_same_domain(parts.netloc, trusted.split("://", 1)[1][1:])
        for trusted in settings.CSRF_TRUSTED_ORIGINS
        if trusted.startswith(f"{parts.scheme}://*.") and parts.netloc
    )


def own_page_only(refused):
    """Takes POSTs only from this site's own pages; others get ``refused(request, *args,
    **kwargs)``, a page that keeps what was typed. Django's CSRF token is not asked for, so
    the form sets no cookie. Django's test client's "don't enforce" is honoured, as Django's
    CSRF middleware honours it."""

    def decorator(view):
        @functools.wraps(view)
        def checked(request, *args, **kwargs):
            if (
                request.method == "POST"
                and not getattr(request, "_dont_enforce_csrf_checks", False)
                and not sent_from_own_page(request)
            ):
                return refused(request, *args, **kwargs)
            return view(request, *args, **kwargs)

        return csrf_exempt(checked)

    return decorator
