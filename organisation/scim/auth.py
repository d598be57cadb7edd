"""The identity system's bearer token (``SPRANG_SCIM_TOKEN``), checked before any SCIM view runs."""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings
from django.http import HttpResponse
from django_scim import constants
from django_scim.middleware import SCIMAuthCheckMiddleware

from core.audit import acting_system

#: How the audit log names the identity system (``additional_data["system"]``).
SCIM_SYSTEM = "scim"


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


def scim_token_valid(header: str) -> bool:
    """Whether ``Authorization`` carries the configured token; compared as digests, in constant time."""
    configured = settings.SPRANG_SCIM_TOKEN
    scheme, _space, token = header.partition(" ")
    if not configured or scheme.lower() != "bearer" or not token.strip():
        return False
    return hmac.compare_digest(_digest(token.strip()), _digest(configured))


def unauthorised() -> HttpResponse:
    body = {
        "schemas": [constants.SchemaURI.ERROR],
        "status": "401",
        "detail": "Authorization: Bearer <token> with the token set in SPRANG_SCIM_TOKEN is required.",
    }
    response = HttpResponse(json.dumps(body), content_type=constants.SCIM_CONTENT_TYPE, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="scim"'
    return response


class ScimTokenCheck(SCIMAuthCheckMiddleware):
    """Wraps each SCIM view: without the token, 401 with a SCIM error; with it, every write is the identity
    system's in the audit log. A signed-in browser session counts for nothing here."""

    def __call__(self, request, *args, **kwargs):
        if not scim_token_valid(request.headers.get("Authorization", "")):
            return unauthorised()
        with acting_system(SCIM_SYSTEM):
            return self.get_response(request, *args, **kwargs)


def site_location(request=None, *args, **kwargs) -> str:
    """Where resources live: the site's own address (``SPRANG_SITE_URL``)."""
    return settings.SPRANG_SITE_URL.rstrip("/")
