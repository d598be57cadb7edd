"""Every request has an id: in its response's ``X-Request-ID`` header, on every log record written while it is
answered, and on the error page, so that a person's "it went wrong" can be found in the logs.

The reverse proxy may give the id (nginx: ``proxy_set_header X-Request-ID $request_id;``); its value is kept when
it is a plain token (letters, digits, ``-``, ``_``, ``.``, ``:``, at most 64 characters), anything else is replaced
by one of our own. One line is logged per request (logger ``core.requests``): method, path without its query
string, status, duration in milliseconds, the signed-in person's id (never a name or an address) and the id.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY
from django.utils.functional import empty

HEADER = "X-Request-ID"
#: A value from the proxy is used only when it matches this: nothing that could break a log line or a page.
SANE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

_current: ContextVar[str | None] = ContextVar("request_id", default=None)
logger = logging.getLogger("core.requests")


def current_request_id() -> str | None:
    """The id of the request being answered in this thread, or None outside a request."""
    return _current.get()


def request_id_from(header: str | None) -> str:
    if header and SANE.match(header):
        return header
    return uuid.uuid4().hex


def user_id_of(request) -> int | None:
    """Who is signed in, if the request has already looked: reading it here would cost a session and user lookup
    on pages that never ask (the liveness check, the cached public pages)."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is not None and wrapped is not empty:
        return wrapped.pk if getattr(wrapped, "is_authenticated", False) else None
    session = getattr(request, "session", None)
    loaded = getattr(session, "_session_cache", None)
    if isinstance(loaded, dict) and SESSION_KEY in loaded:
        try:
            return int(loaded[SESSION_KEY])
        except (TypeError, ValueError):
            return None
    return None


class RequestIdMiddleware:
    """Gives the request its id, answers it in ``X-Request-ID`` and logs one line when the answer is ready."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        token = _current.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            logger.info(
                "%s %s %s %s ms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": user_id_of(request),
                },
            )
            return response
        finally:
            _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every log record (``request_id``; ``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs an error answer (``django.request``) after the middleware has finished, with the request.
            request_id = _current.get() or getattr(getattr(record, "request", None), "request_id", None)
            record.request_id = request_id or "-"
        return True
