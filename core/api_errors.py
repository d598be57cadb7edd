"""The bodies of the API's error answers, declared once so that every operation documents the ones it gives.

``config/api.py`` turns domain errors, refused credentials, unknown ids and invalid input
into these bodies.
"""

from ninja import Schema


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
