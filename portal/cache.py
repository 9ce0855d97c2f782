"""Whole-page cache for anonymous visitors, per language and address.

Editors' changes must be visible at once: every save or delete of content bumps one version that
is part of every key, so all cached pages are bypassed immediately. With Redis the version lives
in Redis and is shared by every app server; without it, in the modification time of a stamp file
that all workers of one host share, which costs a stat() instead of a query. A short lifetime
covers what changes with the clock alone (scheduled publishing, a survey opening, "this week").
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

VERSION_KEY = "page-cache:version"
CONTENT_APPS = {"centers", "contacts", "offers", "survey", "portal"}
# Rows residents create all the time and that no cached page shows: a survey answer must not
# flush every cached page while the survey is announced in the newspaper.
NOT_CONTENT = {"survey.response", "survey.answer", "survey.draft", "survey.responsechange"}


def _pages():
    return caches["pages"]


def current_version():
    if settings.PAGE_CACHE_STAMP is None:
        version = _pages().get(VERSION_KEY)
        if version is None:
            _pages().add(VERSION_KEY, 1, timeout=None)
            version = _pages().get(VERSION_KEY, 1)
        return version
    try:
        return os.stat(settings.PAGE_CACHE_STAMP).st_mtime_ns
    except FileNotFoundError:
        return 0


def invalidate_pages(**kwargs):
    sender = kwargs.get("sender")
    if sender is not None and (
        sender._meta.app_label not in CONTENT_APPS or sender._meta.label_lower in NOT_CONTENT
    ):
        return
    if settings.PAGE_CACHE_STAMP is None:
        try:
            _pages().incr(VERSION_KEY)
        except ValueError:
            _pages().set(VERSION_KEY, 2, timeout=None)
        return
    stamp = Path(settings.PAGE_CACHE_STAMP)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.touch()
    # Two saves within the file system's time resolution must still give a new version.
    now = max(stamp.stat().st_mtime_ns, current_version()) + 1_000
    os.utime(stamp, ns=(now, now))


def page_key(request):
    # Paths without a language prefix (/api/hsds/) answer in the language the visitor asks for.
    language = translation.get_language_from_request(request, check_path=True)
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{current_version()}:{language}:{request.method}:{address}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        response = _pages().get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            _pages().set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(("/admin/", "/healthz"))
        )

    @staticmethod
    def _cacheable_response(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A page with a form carries a CSRF token: never share it.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
