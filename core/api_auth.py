"""Authentication for the API: bearer tokens for integrations, the session for the browser."""

from ninja.security import HttpBearer, SessionAuth

from organisation.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; people create tokens on their API tokens page."""

    openapi_description = "A personal API token, created on the API tokens page of the web interface."

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


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
