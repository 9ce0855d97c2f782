"""Per-language caching of the exports (iCalendar, CSV, HSDS), invalidated when editors save.

A version number in the cache is part of every key; any saved or deleted activity, slot,
cancelled date or lookup entry bumps it, so stale exports are never served. HTML pages are not
cached here: they carry CSRF tokens and messages.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation

VERSION_KEY = "offers:directory-version"


def directory_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_version(**_kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cached_export(view):
    """Caches a GET export response per host, language, path and query string."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not settings.OFFERS_EXPORT_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        key = ":".join(
            [
                "offers:export",
                str(directory_version()),
                translation.get_language() or "",
                request.get_host(),
                request.get_full_path()[:500],
            ]
        )
        stored = cache.get(key)
        if stored is not None:
            content, headers, status = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            headers = {
                name: response[name]
                for name in ("Content-Type", "Content-Disposition")
                if response.has_header(name)
            }
            cache.set(
                key,
                (response.content, headers, response.status_code),
                settings.OFFERS_EXPORT_CACHE_SECONDS,
            )
        return response

    return wrapper


def connect_signals():
    from centers.models import Centre, Quarter, Site
    from contacts.models import ContactPerson
    from offers.models import Cancellation, Category, Offer, OfferLanguage, Schedule, TargetGroup

    for model in (
        Offer,
        Schedule,
        Cancellation,
        Category,
        TargetGroup,
        OfferLanguage,
        Centre,
        Quarter,
        Site,
        ContactPerson,
    ):
        post_save.connect(bump_version, sender=model, dispatch_uid=f"offers-cache-{model.__name__}")
        post_delete.connect(
            bump_version, sender=model, dispatch_uid=f"offers-cache-del-{model.__name__}"
        )
    for through in (Offer.target_groups.through, Offer.languages.through):
        m2m_changed.connect(bump_version, sender=through, dispatch_uid=f"offers-cache-{through}")
