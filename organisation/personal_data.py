"""The organisation's part of a person's own data: the profile, email addresses, roles and API tokens."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.utils.translation import gettext_lazy as _

from core.audit import delete_forgetting
from core.personal_data_registry import erasure, iso, part
from organisation.models import ApiToken, ErasureRequest, RoleAssignment, User


@part("person", models=[User, EmailAddress], position=0)
def person(user: User) -> dict[str, Any]:
    return {
        "name": user.name,
        "email": user.email,
        "kind": user.kind,
        "unit": user.unit.name if user.unit else None,
        "supplier": str(user.supplier) if user.supplier else None,
        # Whether a Swedish e-ID is linked and the date of birth it gives: never the number, nor its hash.
        "e_id_linked": user.has_eid,
        "birth_date": iso(user.birth_date),
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


@part("sign_in_services", models=[SocialAccount])
def sign_in_services(user: User) -> list[dict[str, Any]]:
    """The services linked for signing in (the city's account, e-ID) and when: never the claims they gave."""
    return [
        {"service": a.provider, "linked": a.date_joined.isoformat(), "last_sign_in": iso(a.last_login)}
        for a in SocialAccount.objects.filter(user=user).order_by("pk")
    ]


@part("erasure_requests", models=[ErasureRequest])
def erasure_requests(user: User) -> list[dict[str, Any]]:
    """The person's requests to have their account removed, and what came of them."""
    return [
        {
            "asked": r.requested_at.isoformat(),
            "outcome": r.outcome,
            "decided": iso(r.decided_at),
            "reason": r.reason,
        }
        for r in ErasureRequest.objects.filter(person=user).order_by("requested_at", "pk")
    ]


# Erasure. The person's row is kept, pseudonymised by ``organisation.services.person_erase`` after every part has
# run, so that every record kept still points at someone ("A former participant"). Their ways of signing in and
# their rights are no record of anything: deleted.


@erasure(
    "sign_in_and_rights",
    models=[User, EmailAddress, Authenticator, RoleAssignment, ApiToken, SocialAccount],
    keeps=[],
    removes=[
        _("your name, email address and password, and your ways of signing in (e-ID, two-step sign-in)"),
        _("your settings, roles and API tokens; you are signed out everywhere"),
    ],
    position=0,
)
def erase_sign_in_and_rights(user: User, placeholder: str) -> int:
    removed = 0
    for rows in (
        EmailAddress.objects.filter(user=user),
        Authenticator.objects.filter(user=user),
        RoleAssignment.objects.filter(user=user),
        ApiToken.objects.filter(user=user),
    ):
        removed += delete_forgetting(rows)
    # The services linked for signing in (the city's account, e-ID).
    removed += delete_forgetting(SocialAccount.objects.filter(user=user))
    return removed


@erasure(
    "erasure_requests",
    models=[ErasureRequest],
    keeps=[_("your requests to have your account removed, and the decisions on them")],
    removes=[],
    position=1,
)
def erase_erasure_requests(user: User, placeholder: str) -> int:
    """Kept: the record that the person asked and the city did as they asked (or why not)."""
    return 0
