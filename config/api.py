"""The REST API under /api/v1/, assembled from each app's router."""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from core.api_auth import SIGNED_IN
from core.api_errors import REQUEST_TOO_LARGE, SERVER_ERROR
from core.errors import DomainError, ErrorCode
from core.plugins import api_routers

#: What every operation may answer when a limit is reached (``core.api_limits``); added to each in the schema.
TOO_MANY_REQUESTS = {
    "description": "Too many requests with this token, or too many refused tokens from this address.",
    "headers": {"Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


class Api(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                operation["responses"].setdefault(429, TOO_MANY_REQUESTS)
        return schema


api = Api(
    title="Språng API",
    version="1",
    description="Ideas, the innovation lock, calls and applications, and the organisation. Authenticate with `Authorization: Bearer <token>`.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=SIGNED_IN,
)


def _error(request, code: ErrorCode, detail: str, field: str | None = None, *, status: int | None = None):
    """The API's error body, answered with the code's HTTP status unless ``status`` says otherwise."""
    body = {"detail": detail, "code": code}
    if field:
        body["field"] = field
    return api.create_response(request, body, status=status or code.status)


@api.exception_handler(DomainError)
def _domain(request, exc: DomainError):
    """A refusal from a service: 403 for a permission, 409 for a conflict, 400 otherwise (``ErrorCode.status``).

    ``PermissionDeniedError`` is also Django's ``PermissionDenied``; this handler is found first in its MRO.
    """
    return _error(request, exc.code, exc.message, exc.field)


@api.exception_handler(ValidationError)
def _validation(request, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", []) if part not in ("body", "query", "path", "payload")]
        errors.append({"field": ".".join(loc), "message": err.get("msg", "")})
    first = errors[0] if errors else {"field": "", "message": ""}
    return api.create_response(
        request,
        {"detail": _("The request has invalid data."), "code": "invalid", "field": first["field"], "errors": errors},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, ErrorCode.UNAUTHENTICATED, _("Sign in or send a valid API token."))


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    wait = max(1, int(exc.wait or 60))
    response = _error(
        request,
        ErrorCode.THROTTLED,
        _("Too many requests. Wait %(seconds)d seconds before you try again.") % {"seconds": wait},
    )
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, ErrorCode.NOT_FOUND, _("There is nothing with this id that you may read."))


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    return _error(request, ErrorCode.TOO_LARGE, str(REQUEST_TOO_LARGE))


@api.exception_handler(SuspiciousOperation)
def _suspicious(request, exc):
    logging.getLogger("django.security").warning("%s: %s", type(exc).__name__, exc)
    return _error(request, ErrorCode.INVALID, _("The request could not be read."))


@api.exception_handler(Exception)
def _server_error(request, exc):
    """Anything unforeseen: logged with its traceback for us, a plain JSON 500 for the caller (no traceback)."""
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500, "request": request}
    )
    return _error(request, ErrorCode.SERVER_ERROR, str(SERVER_ERROR))


#: The codes of the errors django-ninja raises itself (a body that is not JSON, a failed CSRF check).
HTTP_ERROR_CODES = {401: ErrorCode.UNAUTHENTICATED, 403: ErrorCode.FORBIDDEN, 404: ErrorCode.NOT_FOUND}


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    code = HTTP_ERROR_CODES.get(exc.status_code, ErrorCode.INVALID)
    return _error(request, code, str(exc), status=exc.status_code)


# Each app's routers, under the prefixes its AppConfig names (``api_routers``).
for prefix, router in api_routers():
    api.add_router(prefix, router)
