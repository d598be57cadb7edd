"""Domain errors raised by services; views and the API turn them into messages."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the action. ``field`` names the input at fault, if one is."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class ConflictError(DomainError):
    """Someone else changed the record first; nothing was overwritten."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, code="conflict")


class PermissionDeniedError(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="forbidden")
