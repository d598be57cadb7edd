import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# A WSGI server runs no system checks: settings that would make serving unsafe stop it here, with the check's message.
from core.checks import raise_if_unsafe_to_serve  # noqa: E402 - needs the app registry get_wsgi_application loads

raise_if_unsafe_to_serve()
