"""The REST API under /api/v1/, assembled from each app's router."""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from core.api_auth import SIGNED_IN
from core.api_errors import REQUEST_TOO_LARGE, SERVER_ERROR
from core.errors import ConflictError, DomainError, PermissionDeniedError
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


def _error(request, status: int, detail: str, field: str | None = None, code: str = "invalid"):
    body = {"detail": detail, "code": code}
    if field:
        body["field"] = field
    return api.create_response(request, body, status=status)


@api.exception_handler(ConflictError)
def _conflict(request, exc: ConflictError):
    return _error(request, 409, exc.message, exc.field, exc.code)


@api.exception_handler(PermissionDeniedError)
def _forbidden(request, exc: PermissionDeniedError):
    return _error(request, 403, exc.message, code="forbidden")


@api.exception_handler(DomainError)
def _domain(request, exc: DomainError):
    return _error(request, 400, exc.message, exc.field, exc.code)


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
    return _error(request, 401, _("Sign in or send a valid API token."), code="unauthenticated")


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    wait = max(1, int(exc.wait or 60))
    response = _error(
        request,
        429,
        _("Too many requests. Wait %(seconds)d seconds before you try again.") % {"seconds": wait},
        code="throttled",
    )
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, _("There is nothing with this id that you may read."), code="not_found")


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    return _error(request, 413, str(REQUEST_TOO_LARGE), code="too_large")


@api.exception_handler(SuspiciousOperation)
def _suspicious(request, exc):
    logging.getLogger("django.security").warning("%s: %s", type(exc).__name__, exc)
    return _error(request, 400, _("The request could not be read."), code="invalid")


@api.exception_handler(Exception)
def _server_error(request, exc):
    """Anything unforeseen: logged with its traceback for us, a plain JSON 500 for the caller (no traceback)."""
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500, "request": request}
    )
    return _error(request, 500, str(SERVER_ERROR), code="server_error")


#: The codes of the errors django-ninja raises itself (a body that is not JSON, a failed CSRF check).
HTTP_ERROR_CODES = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc), code=HTTP_ERROR_CODES.get(exc.status_code, "invalid"))


# Each app's routers, under the prefixes its AppConfig names (``api_routers``).
for prefix, router in api_routers():
    api.add_router(prefix, router)
