"""Settings for the demo and for development on one machine."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
# Mail is queued as everywhere; the worker (started beside the server by `python3 dev.py demo`) prints it.
SPRANG_EMAIL_DELIVERY_BACKEND = env(
    "SPRANG_EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
