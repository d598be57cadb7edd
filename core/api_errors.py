"""The bodies of the API's error answers, declared once so that every operation documents the ones it gives.

``config/api.py`` turns domain errors, refused credentials, unknown ids and invalid input
into these bodies.
"""

from django.utils.translation import gettext_lazy as _
from ninja import Schema

#: The ``detail`` of the answers given outside the operations (``core.middleware.ApiErrorsAsJson``) and of a
#: server error, by status.
REQUEST_TOO_LARGE = _("The request is too large. Send less at a time.")
SERVER_ERROR = _("Something went wrong on our side; nothing was half-saved. Try again in a moment.")
ERRORS_BY_STATUS = {
    400: ("invalid", _("The request could not be read.")),
    401: ("unauthenticated", _("Sign in or send a valid API token.")),
    403: ("forbidden", _("You are not allowed to do this.")),
    404: ("not_found", _("There is nothing at this address in the API.")),
    405: ("method_not_allowed", _("This address does not take this method.")),
    413: ("too_large", REQUEST_TOO_LARGE),
    500: ("server_error", SERVER_ERROR),
}


class Error(Schema):
    detail: str
    code: str
    field: str | None = None


class FieldError(Schema):
    field: str
    message: str


class InvalidRequest(Schema):
    """Input that does not match the schema (422): every field at fault, the first also as ``field``."""

    detail: str
    code: str
    field: str
    errors: list[FieldError]


def anonymous_allowed() -> dict:
    """``openapi_extra`` for endpoints that also answer callers without credentials (with public data only)."""
    return {"security": [{}]}
