"""A real OpenID Connect provider (oidc-provider-mock) in a thread, and Språng's settings pointing at it.

The same provider plays the city's identity provider (``city``) and the e-ID broker (``eid``): each asks it as
its own client. Claims are set per subject before the sign-in (``set_claims``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from oidc_provider_mock import run_server_in_thread

STAFF_CLAIMS = {"employee_number": "employee_number", "unit": "unit_code"}
EID_CLAIMS = {"identity_number": "personal_identity_number"}
TEST_HASH_KEY = "a-test-only-identity-hash-key"  # noqa: S105


@contextmanager
def provider(*, token_max_age: timedelta = timedelta(hours=1)) -> Iterator[str]:
    """The provider's issuer URL while it runs."""
    with run_server_in_thread(port=0, access_token_max_age=token_max_age) as server:
        yield f"http://localhost:{server.server_port}"


def apps(issuer: str, *, staff_client: str = "sprang-staff", eid_client: str = "sprang-eid") -> list[dict]:
    return [
        {
            "provider_id": "city",
            "name": "Stadens konto",
            "client_id": staff_client,
            "secret": "staff-secret",
            "settings": {"server_url": issuer, "scope": ["openid", "profile", "email"], "claims": STAFF_CLAIMS},
        },
        {
            "provider_id": "eid",
            "name": "BankID",
            "client_id": eid_client,
            "secret": "eid-secret",
            "settings": {"server_url": issuer, "scope": ["openid", "profile"], "claims": EID_CLAIMS},
        },
    ]


def configure(settings, issuer: str, **kwargs) -> None:
    """Point Språng's settings at the provider, as the SPRANG_STAFF_OIDC_* and SPRANG_EID_OIDC_* variables do."""
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": apps(issuer, **kwargs)}}
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["form-action"] = ["'self'", issuer]
    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "DIRECTIVES": directives}
    settings.SPRANG_IDENTITY_HASH_KEY = TEST_HASH_KEY


def set_claims(issuer: str, sub: str, claims: dict) -> None:
    requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10).raise_for_status()


def authorize(authorize_url: str, sub: str) -> str:
    """The person signs in at the provider as ``sub``: the address the provider sends them back to."""
    response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def local(url: str) -> str:
    """The path and query of an address on the test server."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
