"""Authentication for the API: bearer tokens for integrations, the session for the browser."""

from ninja.errors import Throttled
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from core import api_limits
from organisation.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; people create tokens on their API tokens page.

    Rate-limited per token and, for tokens we do not accept, per address (``core.api_limits``):
    over a limit the answer is 429 with ``Retry-After``.
    """

    openapi_description = "A personal API token, created on the API tokens page of the web interface."

    def authenticate(self, request, token):
        wait = api_limits.wait_after_failures(request)
        if wait is not None:
            raise Throttled(wait=wait)
        user = api_token_authenticate(token)
        if user is None:
            api_limits.count_failure(request)
            return None
        wait = api_limits.wait_after_request(token)
        if wait is not None:
            raise Throttled(wait=wait)
        request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The browser's signed-in session, with its CSRF check.

    A caller that sends a token is judged by the token alone, and a request without a signed-in
    session has nothing to protect from forgery: both are answered 401, not a CSRF failure.
    """

    def __call__(self, request):
        if request.headers.get("Authorization") or not request.user.is_authenticated:
            return None
        return super().__call__(request)


def public(request):
    """Lets anyone through; the endpoint shows an anonymous caller only public data.

    A caller that sends a token we do not accept (wrong or revoked) is refused rather
    than quietly treated as anonymous, so an integration notices its token stopped working.
    """
    if request.headers.get("Authorization"):
        return None
    return request.user


token_auth = TokenAuth()
session_auth = SessionAuth()
#: Endpoints that change data: a token or a signed-in session (with its CSRF token).
SIGNED_IN = [token_auth, session_auth]
#: Endpoints that read data anyone may see some of.
ANYONE = [token_auth, session_auth, public]
