"""Settings shared by every environment. Values come from the environment (django-environ)."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from pythonjsonlogger.core import RESERVED_ATTRS as JSON_LOG_RESERVED_ATTRS

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin site, entered through the ordinary sign-in with a second step (core/admin_site.py).
    "core.admin_config.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "csp",
    # The API documentation's Swagger UI from our own static files (without "ninja" here, django-ninja loads it from a CDN).
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "treebeard",
    "auditlog",
    # Work in the background: Django's task interface, its database backend and, for several servers, RQ.
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_scim",
    # Metrics in Prometheus's format at /metrics (core.metrics).
    "django_prometheus",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Staff sign in with the city's account (OpenID Connect or SAML 2.0), residents with Swedish e-ID (OpenID Connect).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "core",
    "organisation",
    "ideas",
    "governance",
    "calls",
    "opendata",
    "spread",
    "challenges",
    "procurement",
    "surveys",
    "learning",
    # The demo city and the city-scale test data, each app's part found by its label (sample_data/parts.py).
    "sample_data",
]

MIDDLEWARE = [
    # Counts every request and its latency by view (django-prometheus); its pair is the last middleware.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # The request's id (X-Request-ID), on every log line and on the error page, and one log line per request.
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the policies too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A partner outside the city, invited into a network, reaches that network's pages and nothing else.
    "spread.networks.fence.PartnerFence",
    "core.middleware.LanguageMiddleware",
    "core.middleware.ApiErrorsAsJson",
    # An address with a NUL byte is answered 404 before any view looks it up (as JSON under the API, above).
    "core.middleware.RefuseNulInPath",
    "core.middleware.RememberSignedIn",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# Content-Security-Policy (django-csp, docs/adr/0007-content-security-policy.md): scripts, styles and
# everything else only from this site, no inline script or style, no plugins, never in a frame,
# forms only to this site. Images may also be data: URLs (the Swagger UI's icons, the empty favicon).
SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": ["'none'"],
        "base-uri": [SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
    },
}
# Permissions-Policy (django-permissions-policy): no page may use these browser features, nor any frame in it.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.navigation",
                "core.context_processors.city",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'sprang.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at the same time; the init
    # command runs once on every new connection, which is kept between
    # requests like PostgreSQL's (CONN_MAX_AGE below).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# Each thread keeps its connection for CONN_MAX_AGE seconds instead of opening
# one (and, on SQLite, running the PRAGMAs) for every request; 0 closes it after
# each request. The health check replaces a connection that has gone away.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): sign in by email, residents and suppliers sign
# up themselves and confirm their address before they can sign in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "organisation.forms.SignupForm"
ACCOUNT_FORMS = {
    name: f"organisation.account_forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "add_email": "AddEmailForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
ACCOUNT_ADAPTER = "organisation.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Språng] "
LOGIN_REDIRECT_URL = "core:home"
LOGIN_URL = "account_login"
# Sign-in throttling, counted in the cache (one cache shared by every app server, see docs/deploy.md):
# at most 10 failed sign-ins a minute from one address and 5 in 5 minutes for one account.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# A second step at sign-in (allauth.mfa): a code from an authenticator app, or a recovery code.
# The admin site requires it (core/admin_site.py); anyone else may set it up on their own.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Språng"


# Sign-in through OpenID Connect (docs/adr/0036-sign-in-with-openid-connect.md): the city's own account for
# staff and an e-ID broker for residents, each only when its issuer is set. allauth's openid_connect provider
# reads them from here, never from the database; the claim names travel in each app's settings.
def oidc_app(prefix: str, provider_id: str, *, name: str, claims: dict[str, str], scope: list[str]) -> list[dict]:
    issuer = env.str(f"{prefix}_ISSUER", default="")
    if not issuer:
        return []
    return [
        {
            "provider_id": provider_id,
            "name": env.str(f"{prefix}_NAME", default=name),
            "client_id": env.str(f"{prefix}_CLIENT_ID"),
            "secret": env.str(f"{prefix}_CLIENT_SECRET", default=""),
            "settings": {
                "server_url": issuer,
                "scope": scope,
                "claims": {
                    key: env.str(f"{prefix}_CLAIM_{key.upper()}", default=value) for key, value in claims.items()
                },
            },
        }
    ]


def oidc_origin(app: dict) -> str:
    url = urlsplit(app["settings"]["server_url"])
    return f"{url.scheme}://{url.netloc}"


STAFF_OIDC_PROVIDER = "city"
EID_OIDC_PROVIDER = "eid"
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, Any]] = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            *oidc_app(
                "SPRANG_STAFF_OIDC",
                STAFF_OIDC_PROVIDER,
                name="Stadens konto",
                claims={"employee_number": "employee_number", "unit": "unit_code"},
                scope=["openid", "profile", "email"],
            ),
            *oidc_app(
                "SPRANG_EID_OIDC",
                EID_OIDC_PROVIDER,
                name="BankID eller Freja eID",
                claims={"identity_number": "personal_identity_number"},
                scope=["openid", "profile"],
            ),
        ],
    }
}


# Or staff sign in through the city's SAML 2.0 identity provider (ADFS), when its metadata address, or its
# entity id, sign-in address and signing certificate, are set. Språng's addresses for it are under
# /account/saml/city-adfs/ (metadata/, acs/); its assertions must be signed; the attribute names are the claim
# types the provider sends (ADFS's defaults below).
STAFF_SAML_PROVIDER = "city-adfs"
SAML_ATTRIBUTES = {
    "uid": "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname",
    "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "first_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
    "last_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
    "employee_number": "http://schemas.microsoft.com/ws/2008/06/identity/claims/employeenumber",
    "unit": "http://schemas.xmlsoap.org/claims/Department",
}


def saml_app(prefix: str, client_id: str, *, name: str) -> list[dict]:
    metadata_url = env.str(f"{prefix}_METADATA_URL", default="")
    entity_id = env.str(f"{prefix}_ENTITY_ID", default="")
    if not (metadata_url or entity_id):
        return []
    idp = (
        {"metadata_url": metadata_url}
        if metadata_url
        else {
            "entity_id": entity_id,
            "sso_url": env.str(f"{prefix}_SSO_URL"),
            "x509cert": env.str(f"{prefix}_X509CERT"),
        }
    )
    return [
        {
            "provider_id": "saml",
            "client_id": client_id,
            "name": env.str(f"{prefix}_NAME", default=name),
            "settings": {
                "attribute_mapping": {
                    key: env.str(f"{prefix}_ATTRIBUTE_{key.upper()}", default=value)
                    for key, value in SAML_ATTRIBUTES.items()
                },
                "idp": idp,
                "sp": {"entity_id": env.str(f"{prefix}_SP_ENTITY_ID", default="")},
                "advanced": {
                    "want_assertion_signed": True,
                    # ADFS signs the assertion only, unless told to sign the whole message too.
                    "want_message_signed": env.bool(f"{prefix}_WANT_MESSAGE_SIGNED", default=False),
                    "reject_idp_initiated_sso": True,
                },
            },
        }
    ]


def saml_origin(app: dict) -> str:
    idp = app["settings"]["idp"]
    url = urlsplit(idp.get("sso_url") or idp["metadata_url"])
    return f"{url.scheme}://{url.netloc}"


SOCIALACCOUNT_PROVIDERS["saml"] = {"APPS": saml_app("SPRANG_STAFF_SAML", STAFF_SAML_PROVIDER, name="Stadens konto")}
SOCIALACCOUNT_ADAPTER = "organisation.signin.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # who a person is, is decided in organisation.signin
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_FORMS = {"signup": "organisation.signin.SocialSignupForm"}
# The browser is sent on to each provider from a form: the policy's form-action lets it go there.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += [
    *(oidc_origin(app) for app in SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]),
    *(saml_origin(app) for app in SOCIALACCOUNT_PROVIDERS["saml"]["APPS"]),
]
# False: city staff (kind employee) sign in only with the city's account; everyone else keeps their password.
SPRANG_STAFF_PASSWORD_SIGN_IN = env.bool("SPRANG_STAFF_PASSWORD_SIGN_IN", default=True)
# The key of the keyed hash (HMAC-SHA256) under which a personal identity number is kept (organisation/identity.py).
SPRANG_IDENTITY_HASH_KEY = env.str("SPRANG_IDENTITY_HASH_KEY", default="")
# How many proxies of our own put the client's address in X-Forwarded-For (0: use the connection's address).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Every email is sent by a task (core/background/mail.py): EMAIL_BACKEND queues it, and the worker sends it
# through SPRANG_EMAIL_DELIVERY_BACKEND, trying again with back-off while the mail server refuses it or is down.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="core.background.mail.QueuedEmailBackend")
SPRANG_EMAIL_DELIVERY_BACKEND = env(
    "SPRANG_EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Språng <noreply@sprang.local>")

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Work in the background (Django's task interface, django-tasks): the database backend by default, so one
# machine needs nothing but the worker; RQ on Redis when TASKS_REDIS_URL is set, for several app servers and
# workers. `manage.py worker` starts the right one (core/management/commands/worker.py).
TASKS_REDIS_URL = env("TASKS_REDIS_URL", default="")
if TASKS_REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL or "redis://127.0.0.1:6379/0"}}
# How often the worker runs the scheduled jobs (reminders, parked ideas returning, digests; core.scheduling).
SPRANG_SCHEDULE_EVERY_MINUTES = env.int("SPRANG_SCHEDULE_EVERY_MINUTES", default=15)
# How long the results of finished background work are kept (a queued email holds addresses): the worker
# deletes older ones every hour (core/background/prune.py).
SPRANG_TASK_RESULTS_KEEP_DAYS = env.int("SPRANG_TASK_RESULTS_KEEP_DAYS", default=30)
# Whether the cache must be one for every worker and app server (core.checks; on in production).
SPRANG_REQUIRE_SHARED_CACHE = False

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)

# How much a request may send. Text fields and JSON bodies together at most 1 MB (a form's long texts
# are at most 20,000 characters each); files in a form are not counted (SPRANG_ATTACHMENT_MAX_BYTES each).
# A larger request is refused with 413 before anything is read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=1000)

# Språng's own settings.
# A form posted after the session ended is kept through signing in again (core.decorators), at most this
# much of it, and only in a browser where someone has signed in within SPRANG_SIGNED_IN_COOKIE_DAYS.
SPRANG_KEPT_INPUT_MAX_BYTES = env.int("SPRANG_KEPT_INPUT_MAX_BYTES", default=64 * 1024)
SPRANG_SIGNED_IN_COOKIE_DAYS = env.int("SPRANG_SIGNED_IN_COOKIE_DAYS", default=30)
SPRANG_FIRST_ANSWER_DAYS = env.int("SPRANG_FIRST_ANSWER_DAYS", default=30)
# A survey's results are shown for a group only when at least this many people answered; score distributions and
# free-text answers only from the second. Neither may be set below 3 (surveys/checks.py).
SPRANG_SURVEY_MIN_ANSWERS = env.int("SPRANG_SURVEY_MIN_ANSWERS", default=5)
SPRANG_SURVEY_MIN_DETAIL = env.int("SPRANG_SURVEY_MIN_DETAIL", default=8)
SPRANG_ATTACHMENT_MAX_BYTES = env.int("SPRANG_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Retention (`manage.py apply_retention`, nightly): an application draft never sent is removed this many days after
# it was last changed, once its call has closed; an invitation never used, this many days after it expired.
SPRANG_RETENTION_DRAFT_DAYS = env.int("SPRANG_RETENTION_DRAFT_DAYS", default=365)
SPRANG_RETENTION_EXPIRED_INVITATION_DAYS = env.int("SPRANG_RETENTION_EXPIRED_INVITATION_DAYS", default=90)
# Requests after which a server process sets its long-lived objects aside from the garbage collector
# (core.middleware.FreezeWarmHeap, in the production settings); 0: never.
SPRANG_GC_FREEZE_AFTER = 0
# The address people reach Språng at; links in notification emails start with it. Sign-up confirmations and
# password resets link to the address the request came to (one of ALLOWED_HOSTS). `python3 dev.py demo`
# sets it to the address it serves.
SPRANG_SITE_URL = env("SPRANG_SITE_URL", default="http://127.0.0.1:8000")
# Who runs this Språng and how to reach them (core/city.py): in the footer, the accessibility statement,
# the privacy notice and every email's signature. The defaults are the demo city's.
SPRANG_CITY_NAME = env("SPRANG_CITY_NAME", default="Stockholms stad")
SPRANG_INNOVATION_OFFICE_EMAIL = env("SPRANG_INNOVATION_OFFICE_EMAIL", default="innovation@demo.sprang.se")
SPRANG_INNOVATION_OFFICE_PHONE = env("SPRANG_INNOVATION_OFFICE_PHONE", default="08-123 456 00")
SPRANG_INNOVATION_OFFICE_ADDRESS = env(
    "SPRANG_INNOVATION_OFFICE_ADDRESS", default="Stadsledningskontoret, 105 35 Stockholm"
)
# The controller of personal data (personuppgiftsansvarig): the committee or company that decides why and
# how Språng keeps personal data, usually the municipal executive board.
SPRANG_CONTROLLER_NAME = env("SPRANG_CONTROLLER_NAME", default="Kommunstyrelsen, Stockholms stad")
SPRANG_DATA_PROTECTION_OFFICER_EMAIL = env(
    "SPRANG_DATA_PROTECTION_OFFICER_EMAIL", default="dataskyddsombud@demo.sprang.se"
)
SPRANG_DATA_PROTECTION_OFFICER_PHONE = env("SPRANG_DATA_PROTECTION_OFFICER_PHONE", default="08-123 456 10")
# Where questions about the open data go (the catalogue's contact point, dataportal.se shows it).
SPRANG_OPENDATA_CONTACT_EMAIL = env("SPRANG_OPENDATA_CONTACT_EMAIL", default="opendata@sprang.local")
# The city's organisation number (Stockholm: 212000-0142): the catalogue then names its publisher as
# dataportal.se does, http://dataportal.se/organisation/SE<number>. Empty: an address on this site.
SPRANG_PUBLISHER_ORGANISATION_NUMBER = env("SPRANG_PUBLISHER_ORGANISATION_NUMBER", default="")
# The API's limits, counted in the shared cache (0: no limit): requests a minute with one token, and
# tokens we do not accept a minute from one address (after that the address waits for the next minute).
SPRANG_API_REQUESTS_PER_MINUTE = env.int("SPRANG_API_REQUESTS_PER_MINUTE", default=600)
SPRANG_API_FAILED_AUTH_PER_MINUTE = env.int("SPRANG_API_FAILED_AUTH_PER_MINUTE", default=20)
# How long a reverse proxy may serve a public page to anonymous visitors without asking the app again
# (Cache-Control s-maxage, docs/deploy.md). 0: it asks every time, so no page it serves is ever out of date.
SPRANG_PUBLIC_PROXY_SECONDS = env.int("SPRANG_PUBLIC_PROXY_SECONDS", default=0)
# What one person may write in an hour (0: no limit).
SPRANG_MAX_IDEAS_PER_HOUR = env.int("SPRANG_MAX_IDEAS_PER_HOUR", default=20)
SPRANG_MAX_COMMENTS_PER_HOUR = env.int("SPRANG_MAX_COMMENTS_PER_HOUR", default=60)
# Importing good examples from another city's feed (spread/sharing/fetch.py): how long to wait for its
# server, how much to read at most, and whether an address inside a private network may be fetched (only
# when two Språng share an internal network; never where anyone may type in an address that reaches yours).
SPRANG_FEED_TIMEOUT_SECONDS = env.int("SPRANG_FEED_TIMEOUT_SECONDS", default=10)
SPRANG_FEED_MAX_BYTES = env.int("SPRANG_FEED_MAX_BYTES", default=5 * 1024 * 1024)
SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES = env.bool("SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES", default=False)
# Who may read /metrics (core.metrics): addresses or networks in CIDR form, separated by commas. The client's address
# is the one sign-in throttling uses (after ALLAUTH_TRUSTED_PROXY_COUNT proxies); anyone else gets a 404.
SPRANG_METRICS_ALLOWED_IPS = env.list("SPRANG_METRICS_ALLOWED_IPS", default=["127.0.0.0/8", "::1/128"])

# Logs go to standard output: readable lines ("text"), or one JSON object a line ("json", the production default)
# for a log collector. Each record carries the request's id (core.request_id); each request logs one line.
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOG_FORMATTERS: dict[str, dict[str, Any]] = {
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",  # ISO 8601 in UTC
        # Django's records carry the request object; its address may hold a query string's personal parts.
        "reserved_attrs": [*JSON_LOG_RESERVED_ATTRS, "request", "server_time"],
    },
}


def log_formatter(name: str) -> dict[str, Any]:
    if name not in LOG_FORMATTERS:
        raise ImproperlyConfigured(f"LOG_FORMAT is {name!r}. Set it to text or json.")
    return LOG_FORMATTERS[name]


LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # A survey's personal link is a credential: never written to a log (surveys.answering.logs).
        "personal_links": {"()": "surveys.answering.logs.HidePersonalLinks"},
        "request_id": {"()": "core.request_id.RequestIdFilter"},
    },
    "formatters": {"default": log_formatter(LOG_FORMAT)},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "default",
            "filters": ["personal_links", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every step of every PDF, and fontTools every font it subsets.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Filtered where they are logged too, so that Django's own handlers never see a personal link either.
        "django.request": {"filters": ["personal_links"]},
        "django.security.csrf": {"filters": ["personal_links"]},
        # Every request's own line (core.request_id): a personal link answered with 200 is in it too.
        "core.requests": {"filters": ["personal_links"]},
    },
}


def require_secret_key(key: str) -> str:
    if not key:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random string."
        )
    return key


ACCOUNT_USER_DISPLAY = "organisation.adapters.user_display"
FORM_RENDERER = "core.forms.FormRenderer"

# People kept in step with HR (docs/adr/0037-people-kept-in-sync-with-hr.md). The city's identity system sends
# staff to /scim/v2/ with this bearer token (empty: every SCIM request is refused); the nightly people file is
# refused when more than this share of the staff would leave, unless the person importing confirms.
SPRANG_SCIM_TOKEN = env("SPRANG_SCIM_TOKEN", default="")
SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE = env.float("SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE", default=0.05)
SCIM_SERVICE_PROVIDER = {
    "NETLOC": urlsplit(SPRANG_SITE_URL).netloc,
    "SCHEME": urlsplit(SPRANG_SITE_URL).scheme,
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "The token in the setting SPRANG_SCIM_TOKEN, as Authorization: Bearer <token>.",
        }
    ],
    "USER_ADAPTER": "organisation.scim.adapters.ScimPerson",
    "USER_FILTER_PARSER": "organisation.scim.filters.StaffFilter",
    "GET_EXTRA_MODEL_FILTER_KWARGS_GETTER": "organisation.scim.filters.only_staff",
    "AUTH_CHECK_MIDDLEWARE": "organisation.scim.auth.ScimTokenCheck",
    "BASE_LOCATION_GETTER": "organisation.scim.auth.site_location",
    "WWW_AUTHENTICATE_HEADER": 'Bearer realm="scim"',
}
