"""System checks for what would make a production server unsafe, and a guard that runs them where Django does not."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

#: Cache backends every app server and worker shares, so that counts kept in the cache (failed
#: sign-ins, API requests) are one count for the whole site.
SHARED_CACHE_BACKENDS = frozenset(
    {
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.memcached.PyMemcacheCache",
        "django.core.cache.backends.memcached.PyLibMCCache",
        "django_redis.cache.RedisCache",
    }
)


def check_shared_cache(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """In production the cache must be shared: each worker's own memory would count failed sign-ins per worker."""
    if not getattr(settings, "SPRANG_REQUIRE_SHARED_CACHE", False):
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in SHARED_CACHE_BACKENDS:
        return []
    return [
        checks.Error(
            f"CACHE_URL gives a cache that is not shared between the server's workers ({backend}): "
            "the limits on failed sign-ins and on API requests would count per worker, not for the site.",
            hint=(
                "Set CACHE_URL to Redis, for example CACHE_URL=redis://127.0.0.1:6379/1, or to the database cache, "
                "CACHE_URL=dbcache://sprang_cache (then run manage.py createcachetable once)."
            ),
            id="core.E001",
        )
    ]


def raise_if_unsafe_to_serve() -> None:
    """Refuse to start a server whose settings fail the checks above (a WSGI server runs no system checks)."""
    errors = [message for message in check_shared_cache() if message.is_serious()]
    if errors:
        raise ImproperlyConfigured("\n".join(f"{e.msg} {e.hint}" for e in errors))
