"""Whole-page cache for anonymous visitors, per language and address.

Editors' changes must be visible at once: every save or delete of content bumps one version that
is part of every key, so all cached pages are bypassed immediately. With Redis the version lives
in Redis and is shared by every app server; without it, in the modification time of a stamp file
that all workers of one host share, which costs a stat() instead of a query. A short lifetime
covers what changes with the clock alone (scheduled publishing, a survey opening, "this week").

Hostile visitors must not be able to fill it (issue 17):
- the key is scheme + validated host + language + path + only the query parameters the view
  declares with @page_cache_params, sorted; an address with any other parameter (?cb=123) is
  answered but never stored, so made-up parameters cannot create entries;
- the host is validated (request.get_host(), 400 for a foreign one) before a cached answer is
  looked up, and is part of the key, so no visitor ever gets a page built for another host;
- the per-process store (BoundedLocMemCache) is limited in bytes, not entries, and a single
  answer larger than PAGE_CACHE_MAX_ITEM_BYTES is never stored;
- rows residents create (offer proposals, survey answers and drafts, history rows) never bump
  the version.
"""

import contextlib
import hashlib
import os
import time
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.urls import Resolver404, resolve
from django.utils import translation

VERSION_KEY = "page-cache:version"
CONTENT_APPS = {"centers", "contacts", "network", "offers", "survey", "portal", "search"}
# Rows residents create all the time and that no cached page shows: a survey answer must not
# flush every cached page while the survey is announced in the newspaper.
NOT_CONTENT = {
    # The search index follows the content's own saves, which bump the version already.
    "search.entry",
    "search.word",
    "survey.response",
    "survey.answer",
    "survey.draft",
    "survey.responsechange",
    # The evaluation's own rows: no public page shows them.
    "survey.texttag",
    "survey.textcategory",
    "survey.exportlog",
}


def _pages():
    return caches["pages"]


# The content version as a request first read it: a request reads it once (with Redis each
# read is a round trip; a page miss or a submission asks for it several times), and sees a
# version bumped by its own saves at once. None outside a request: every call reads.
_request_version = ContextVar("request_version", default=None)


def current_version():
    seen = _request_version.get()
    if seen is None:
        return _read_version()
    version = seen.get("version")
    if version is None:
        version = seen["version"] = _read_version()
    return version


def _read_version():
    if settings.PAGE_CACHE_STAMP is None:
        version = _pages().get(VERSION_KEY)
        if version is None:
            # Never a number an emptied cache gave out before: workers keep things per version.
            _pages().add(VERSION_KEY, time.time_ns(), timeout=None)
            version = _pages().get(VERSION_KEY, 1)
        return version
    try:
        return os.stat(settings.PAGE_CACHE_STAMP).st_mtime_ns
    except FileNotFoundError:
        return 0


def _made_by_a_resident(sender, kwargs):
    """Saves that no cached page can show: resident-made rows and history rows."""
    if sender._meta.label_lower in NOT_CONTENT:
        return True
    # django-simple-history's rows accompany a save that bumps the version itself (or, for a
    # resident's row, must not bump it).
    if sender.__name__.startswith("Historical"):
        return True
    # What residents send in (a suggested offer, a registration, an idea) arrives unpublished;
    # editors' later saves do count.
    instance = kwargs.get("instance")
    if not kwargs.get("created"):
        return False
    if getattr(instance, "is_proposal", False) or getattr(instance, "registered_online", False):
        return True
    return sender._meta.label_lower == "network.idea" and not instance.is_shown


def invalidate_pages(**kwargs):
    sender = kwargs.get("sender")
    if sender is not None and (
        sender._meta.app_label not in CONTENT_APPS or _made_by_a_resident(sender, kwargs)
    ):
        return
    seen = _request_version.get()
    if seen is not None:
        seen.pop("version", None)  # this request reads the new version from now on
    if settings.PAGE_CACHE_STAMP is None:
        try:
            _pages().incr(VERSION_KEY)
        except ValueError:
            _pages().set(VERSION_KEY, time.time_ns(), timeout=None)
        return
    stamp = Path(settings.PAGE_CACHE_STAMP)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    previous = _read_version()
    stamp.touch()
    # Two saves within the file system's time resolution must still give a new version.
    now = max(stamp.stat().st_mtime_ns, previous) + 1_000
    os.utime(stamp, ns=(now, now))


def page_cache_params(*names):
    """Declares the query parameters a view understands; only those may be part of a cache key.

    A view without this decorator is cached only when its address has no query string at all.
    """

    def decorate(view):
        view.page_cache_params = frozenset(names)
        return view

    return decorate


# Longer values, or more of them, are not worth a cache entry: the page is rendered and not kept.
MAX_PARAM_VALUE_LENGTH = 100
MAX_PARAM_VALUES = 12


def _query_for_key(request, language):
    """The sorted query parameters the view understands, or None: render, but don't store."""
    if not request.GET:
        return ""
    try:
        with translation.override(language):
            view = resolve(request.path_info).func
    except Resolver404:
        return None
    allowed = getattr(view, "page_cache_params", frozenset())
    pairs = [(name, value) for name, values in request.GET.lists() for value in values]
    if len(pairs) > MAX_PARAM_VALUES or any(
        name not in allowed or len(value) > MAX_PARAM_VALUE_LENGTH for name, value in pairs
    ):
        return None
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


def page_key(request):
    """The cache key of a request, or None when the answer must not be stored."""
    # Paths without a language prefix (/api/hsds/) answer in the language the visitor asks for.
    language = translation.get_language_from_request(request, check_path=True)
    query = _query_for_key(request, language)
    if query is None:
        return None
    # get_host() has validated the host against ALLOWED_HOSTS before we get here.
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{current_version()}:{language}:{request.method}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = _request_version.set({})
        try:
            return self._respond(request)
        finally:
            _request_version.reset(reading)

    def _respond(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        # A foreign Host header is refused (DisallowedHost, 400) before any cached answer.
        request.get_host()
        key = page_key(request)
        if key is None:
            return self.get_response(request)
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
            and len(response.content) <= settings.PAGE_CACHE_MAX_ITEM_BYTES
            and not response.cookies
            # A page with a form carries a CSRF token: never share it.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )


class BoundedLocMemCache(LocMemCache):
    """Django's per-process memory cache, limited by the bytes it holds instead of entries.

    OPTIONS: MAX_BYTES (all entries together, pickled) and MAX_ITEM_BYTES (larger values are not
    stored). When a new entry does not fit, the least recently used entries make room.
    """

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", 64 * 1024 * 1024))
        self.max_item_bytes = int(options.get("MAX_ITEM_BYTES", 2 * 1024 * 1024))
        self._name = name
        _held_bytes.setdefault(name, 0)

    def stored_bytes(self):
        with self._lock:
            return sum(len(value) for value in self._cache.values())

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        if len(value) > self.max_item_bytes:
            self._delete(key)
            return
        self._culled = False
        replaced = self._cache.get(key)
        super()._set(key, value, timeout)
        if self._culled:
            _held_bytes[self._name] = sum(len(kept) for kept in self._cache.values())
        else:
            _held_bytes[self._name] += len(value) - (len(replaced) if replaced else 0)
        if _held_bytes[self._name] > self.max_bytes:
            # Make room for more than this one entry, so that a full store does not evict on
            # every write.
            target = self.max_bytes * 0.9
            while _held_bytes[self._name] > target and len(self._cache) > 1:
                # The least recently used entry is last (get() and set() move entries to the front).
                old_key, old_value = self._cache.popitem()
                self._expire_info.pop(old_key, None)
                _held_bytes[self._name] -= len(old_value)

    def _delete(self, key):
        value = self._cache.get(key)
        deleted = super()._delete(key)
        if deleted:
            _held_bytes[self._name] -= len(value)
        return deleted

    def _cull(self):
        super()._cull()
        self._culled = True

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            _held_bytes[self._name] = 0


# Bytes held per store name, kept as entries come and go: summing them on every write made each
# write slower the more fragments a worker held. Every thread's cache object of one name shares
# the same entries (LocMemCache), so the count is shared too; incr() may let it drift by a few
# bytes, which the next cull corrects.
_held_bytes = {}


# --- Fragments ---------------------------------------------------------------------------------
# Parts of pages that many addresses share (an activity's card, a place's list of activities) are
# kept in the same store, under the same content version, so an editor's save replaces them at
# once like whole pages. They also serve visitors whose whole page cannot be cached (a new filter
# combination, a session). What changes with the clock gives its own end of validity.


def _fragment_prefix():
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"fragment:{current_version()}:{language}:"


def _timeout(valid_until):
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if callable(valid_until):  # asked only when the fragment is stored (it may cost a query)
        valid_until = valid_until()
    if valid_until is not None:
        from django.utils import timezone

        seconds = min(seconds, int((valid_until - timezone.now()).total_seconds()))
    return seconds


def cached_fragments(names, render):
    """{name: html} for every name (e.g. "offer-card:17"), in the current language and content
    version. The missing ones come from render(missing names), which returns
    {name: (html, valid_until)}: a datetime, None (until the content changes) or a function
    giving one; they are kept for later requests until then."""
    names = list(names)
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return {name: html for name, (html, _until) in render(names).items()}
    try:
        prefix = _fragment_prefix()
        stored = _pages().get_many([prefix + name for name in names])
    except Exception:  # noqa: BLE001 (the store down: render, as an error page must)
        return {name: html for name, (html, _until) in render(names).items()}
    found = {name: stored[prefix + name] for name in names if prefix + name in stored}
    missing = [name for name in names if name not in found]
    if missing:
        for name, (html, valid_until) in render(missing).items():
            found[name] = html
            timeout = _timeout(valid_until)
            if timeout > 0:
                with contextlib.suppress(Exception):
                    _pages().set(prefix + name, html, timeout)
    return found


def cached_fragment(name, render):
    """One fragment: render() returns (html, valid_until or None)."""
    return cached_fragments([name], lambda _missing: {name: render()})[name]


# Per process, for values read on every request of a page and costly to unpickle (a filter's
# choices as model instances): kept in this worker's memory under the same content version and
# language as fragments, and dropped as soon as the version changes.
_local = {"version": None, "entries": {}}


def local_fragment(name, render, per_language=True):
    """Like cached_fragment, but kept in this process only, as the value itself (no pickling):
    callers must not change it. per_language=False: one value for every language."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return render()[0]
    version = current_version()
    if _local["version"] != version:
        _local["version"], _local["entries"] = version, {}
    key = ((translation.get_language() or settings.LANGUAGE_CODE) if per_language else "", name)
    found = _local["entries"].get(key)
    if found is not None and found[1] > time.time():
        return found[0]
    value, valid_until = render()
    timeout = _timeout(valid_until)
    if timeout > 0:
        _local["entries"][key] = (value, time.time() + timeout)
    return value
