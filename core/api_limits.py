"""Limits on the API, counted in the shared cache in one-minute windows.

Each token may make ``SPRANG_API_REQUESTS_PER_MINUTE`` requests a minute; an address that sent
``SPRANG_API_FAILED_AUTH_PER_MINUTE`` tokens we did not accept in the current minute is refused
until the minute ends, before its tokens are even looked up. A count is one ``incr`` in the
cache, atomic in Redis, so every worker and app server adds to the same count.
"""

from __future__ import annotations

import hashlib
import math
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

WINDOW_SECONDS = 60


def _window(scope: str, ident: str) -> tuple[str, int]:
    """The cache key of the current window's count, and the seconds left in it.

    A window starts with the first request after the last one ended and lasts a minute; its
    start is kept in the cache, so every worker counts into the same window.
    """
    now = time.time()
    digest = hashlib.sha256(ident.encode()).hexdigest()
    start = float(cache.get_or_set(f"sprang:api:{scope}:{digest}:start", now, timeout=WINDOW_SECONDS) or now)
    return f"sprang:api:{scope}:{digest}:{start}", max(1, math.ceil(start + WINDOW_SECONDS - now))


def _count(scope: str, ident: str) -> tuple[int, int]:
    key, wait = _window(scope, ident)
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        return cache.incr(key), wait
    except ValueError:  # gone between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        return 1, wait


def client_address(request: HttpRequest) -> str:
    """The client's address as sign-in throttling sees it (behind ALLAUTH_TRUSTED_PROXY_COUNT proxies)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all (not over a network): such callers share one count
        return "unknown"


def wait_after_failures(request: HttpRequest) -> int | None:
    """Seconds to wait if the caller's address has sent too many unaccepted tokens this minute, else None."""
    limit = settings.SPRANG_API_FAILED_AUTH_PER_MINUTE
    if limit <= 0:
        return None
    key, wait = _window("failed", client_address(request))
    return wait if (cache.get(key) or 0) >= limit else None


def count_failure(request: HttpRequest) -> None:
    """Count a token we did not accept against the caller's address."""
    if settings.SPRANG_API_FAILED_AUTH_PER_MINUTE > 0:
        _count("failed", client_address(request))


def wait_after_request(token: str) -> int | None:
    """Count a request made with ``token``; seconds to wait if it is over the token's limit, else None."""
    limit = settings.SPRANG_API_REQUESTS_PER_MINUTE
    if limit <= 0:
        return None
    count, wait = _count("token", token)
    return wait if count > limit else None
