"""Domain errors raised by services; views and the API turn them into messages.

Every error carries an ``ErrorCode``: the same string the API answers as ``code``, and the HTTP status it
answers with (``ErrorCode.status``). A ``PermissionDeniedError`` is also Django's ``PermissionDenied``, so a
view that lets it through answers 403 with the site's own page, as ``raise PermissionDenied`` does.
See docs/adr/0024-error-codes-and-permission-errors.md.
"""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise


class ErrorCode(StrEnum):
    """Why something was refused, as the API names it (``code`` in its JSON), with the HTTP status it answers."""

    status: int

    def __new__(cls, value: str, status: int = HTTPStatus.BAD_REQUEST) -> ErrorCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.status = int(status)
        return member

    # Refusals of the domain's rules (400 unless said otherwise).
    INVALID = "invalid"
    CONFLICT = "conflict", HTTPStatus.CONFLICT
    FORBIDDEN = "forbidden", HTTPStatus.FORBIDDEN
    STATE = "state"
    LOCKED = "locked"
    LATE = "late"
    INCOMPLETE = "incomplete"
    INELIGIBLE = "ineligible"
    CLOSED = "closed"
    COMMITTEE = "committee"
    SUBMITTED = "submitted"
    LIMIT_REACHED = "limit_reached"
    ALREADY_PUBLIC = "already_public"
    ALREADY_ASKED = "already_asked"
    NOT_ASKED = "not_asked"
    NOT_PUBLIC = "not_public"
    # What the API answers for the request itself rather than for a rule of the domain.
    UNAUTHENTICATED = "unauthenticated", HTTPStatus.UNAUTHORIZED
    NOT_FOUND = "not_found", HTTPStatus.NOT_FOUND
    TOO_LARGE = "too_large", HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    THROTTLED = "throttled", HTTPStatus.TOO_MANY_REQUESTS
    SERVER_ERROR = "server_error", HTTPStatus.INTERNAL_SERVER_ERROR


class DomainError(Exception):
    """A rule of the domain refused the action. ``field`` names the input at fault, if one is."""

    def __init__(self, message: str, *, field: str | None = None, code: ErrorCode | str = ErrorCode.INVALID) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = ErrorCode(code)


class ConflictError(DomainError):
    """Someone else changed the record first; nothing was overwritten."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, code=ErrorCode.CONFLICT)


class PermissionDeniedError(DomainError, PermissionDenied):
    """The person's role does not allow the action. Django answers it with 403, the API with 403 and its JSON."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code=ErrorCode.FORBIDDEN)


def require(allowed: Any, user: Any = None, obj: Any = None, *, message: str | Promise) -> None:
    """Raise ``PermissionDeniedError(message)`` unless the action is allowed.

    ``allowed`` is either a permission's name, checked as ``user.has_perm(allowed, obj)`` (the rules in each app's
    ``rules.py``), or a condition already worked out (``require(goal.created_by_id == by.pk, message=...)``).
    """
    if isinstance(allowed, str):
        if user is None:
            raise TypeError("require() needs the user to check a permission's name.")
        allowed = user.has_perm(allowed, obj)
    if not allowed:
        raise PermissionDeniedError(str(message))  # a lazy message is put in the language of the request
