"""The organisation's part of a person's own data: the profile, email addresses, roles and API tokens."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from core.personal_data_registry import iso, part
from organisation.models import ApiToken, RoleAssignment, User


@part("person", models=[User, EmailAddress], position=0)
def person(user: User) -> dict[str, Any]:
    return {
        "name": user.name,
        "email": user.email,
        "kind": user.kind,
        "unit": user.unit.name if user.unit else None,
        "supplier": str(user.supplier) if user.supplier else None,
        "language": user.language,
        "email_notifications": user.email_notifications,
        "email_frequency": user.email_frequency,
        "joined": user.date_joined.isoformat(),
        "last_login": iso(user.last_login),
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


@part("roles", models=[RoleAssignment], position=1)
def roles(user: User) -> list[dict[str, Any]]:
    return [
        {"role": r.role, "unit": r.unit.name, "capacity": r.capacity}
        for r in RoleAssignment.objects.filter(user=user).select_related("unit").order_by("pk")
    ]


@part("api_tokens", models=[ApiToken])
def api_tokens(user: User) -> list[dict[str, Any]]:
    """Names and dates only: never the secret, its hash nor its first characters."""
    return [
        {
            "name": t.name,
            "created": t.created_at.isoformat(),
            "last_used": iso(t.last_used_at),
            "revoked": iso(t.revoked_at),
            "expires": iso(t.expires_at),
        }
        for t in ApiToken.objects.filter(user=user).order_by("created_at")
    ]


@part("two_step_sign_in", models=[Authenticator])
def two_step_sign_in(user: User) -> list[dict[str, Any]]:
    """The second steps set up (an authenticator app, recovery codes): kind and dates, never the secrets."""
    return [
        {"kind": a.type, "created": a.created_at.isoformat(), "last_used": iso(a.last_used_at)}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]
