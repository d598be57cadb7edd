"""Settings for the test suite."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
# Mail is queued as everywhere (tests/conftest.py sets it again over Django's test set-up) and delivered to
# Django's outbox.
EMAIL_BACKEND = "core.background.mail.QueuedEmailBackend"
SPRANG_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the request that enqueues them; the tests of the worker choose their backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SPRANG_FRAGMENTS_VERIFY = True  # every kept fragment is drawn again and compared (core.fragments)
