"""Who is asking: the client's address behind our own proxies, and rate limits per client.

One helper for every limit of the project (survey submissions and drafts, activity proposals,
the login lockout through ``AXES_CLIENT_IP_CALLABLE``):

- The address comes from ``X-Forwarded-For`` only when the direct peer is one of
  ``TRUSTED_PROXIES`` (the nginx in front of gunicorn); otherwise the header is the client's own
  words and is ignored. Walking the header from the right, the first address that is not one of
  our proxies is the client.
- The limiter stores no address: its cache key is an HMAC of the address under ``SECRET_KEY``
  (per limit), so the cache table or a backup tells nobody who answered. It keeps the times of
  the last hits and expires one full window after the last one, on every cache backend; the
  window is sliding, so "30/h" means at most 30 within any hour.
"""

import functools
import hashlib
import hmac
import ipaddress
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@functools.lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy)


def _is_trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The resident's address as far as our own proxies can vouch for it."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(peer):
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer  # a garbled header vouches for nothing
        if not _is_trusted(hop):
            return hop
    return peer


def parse_rate(rate):
    """ "30/h" -> (30, 3600); "5/10m" -> (5, 600)."""
    match = re.fullmatch(r"(\d+)/(\d*)([smhd])", rate.strip())
    if not match:
        raise ValueError(f"A rate looks like 30/h, not {rate!r}")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNITS[unit]


def _key(group, request):
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{group}\n{client_ip(request)}".encode(), hashlib.sha256
    ).hexdigest()
    return f"limit:{group}:{digest}"


def _cache():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


def _recent(key, period, now):
    return [hit for hit in (_cache().get(key) or []) if hit > now - period]


def is_limited(request, group, rate):
    """Whether this client has used up the rate; counts nothing."""
    if not rate:
        return False
    limit, period = parse_rate(rate)
    try:
        return len(_recent(_key(group, request), period, time.time())) >= limit
    except DatabaseError:
        # The database cache is gone with the database: storing will fail and say so.
        return False


def record(request, group, rate):
    """Counts one hit (call it once something was really stored)."""
    if not rate:
        return
    limit, period = parse_rate(rate)
    key, now = _key(group, request), time.time()
    try:
        hits = _recent(key, period, now)[-(limit - 1) :] if limit > 1 else []
        _cache().set(key, [*hits, now], timeout=period)
    except DatabaseError:
        pass  # what was stored is stored; an uncounted hit is the lesser harm
