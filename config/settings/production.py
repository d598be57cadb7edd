"""Settings for running a whole city: PostgreSQL, several app servers behind a proxy."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    LOGGING,
    SECRET_KEY,
    SOCIALACCOUNT_PROVIDERS,
    SPRANG_IDENTITY_HASH_KEY,
    env,
    log_formatter,
    require_secret_key,
)

DEBUG = False
# Set the long-lived objects aside from the garbage collector once a worker is warm (core.middleware).
SPRANG_GC_FREEZE_AFTER = env.int("SPRANG_GC_FREEZE_AFTER", default=50)
MIDDLEWARE = ["core.middleware.FreezeWarmHeap", *MIDDLEWARE]  # noqa: F405
SECRET_KEY = require_secret_key(SECRET_KEY)
# Failed sign-ins and API requests are counted in the cache: it must be shared by every worker and
# app server (Redis or the database cache), or the check refuses to start (core.checks, config/wsgi.py).
SPRANG_REQUIRE_SHARED_CACHE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind the reverse proxy, the client's address (for sign-in throttling) is the one it adds to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The probes and the metrics scrape ask each app server directly, over plain HTTP inside the city's network.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
# One JSON object a line on standard output, for the log collector (LOG_FORMAT=text for readable lines).
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING["formatters"]["default"] = log_formatter(LOG_FORMAT)
# Secure cookies always, except when explicitly measured over plain HTTP on loopback (bench/).
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header lets the domain's owner submit it to the browsers' preload list; it takes effect only then.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Links in sign-up and password emails are built from the request (its host one of ALLOWED_HOSTS): always https.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# With an e-ID broker, personal identity numbers are kept only as a keyed hash: the key must be the city's own.
if any(app["provider_id"] == "eid" for app in SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]) and not (
    SPRANG_IDENTITY_HASH_KEY
):
    raise ImproperlyConfigured(
        "SPRANG_IDENTITY_HASH_KEY is not set. With SPRANG_EID_OIDC_ISSUER set, set SPRANG_IDENTITY_HASH_KEY "
        "to a long random string, kept as safely as SECRET_KEY and never changed."
    )
