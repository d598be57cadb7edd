"""Reads of the organisation."""

from __future__ import annotations

from typing import NamedTuple

from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from organisation.models import ERASABLE_KINDS, ApiToken, ApiTokenState, ErasureOutcome, ErasureRequest, User

#: The salt of a token's password fingerprint (a keyed hash, with SECRET_KEY, of the person's password hash).
PASSWORD_FINGERPRINT_SALT = "organisation.ApiToken.password_fingerprint"  # noqa: S105 - a salt, not a secret


def password_fingerprint(user: User, secret: str | None = None) -> str:
    """A keyed hash of the person's password hash: it changes whenever the password does."""
    return salted_hmac(PASSWORD_FINGERPRINT_SALT, user.password, secret=secret, algorithm="sha256").hexdigest()


def password_unchanged_since(token: ApiToken, user: User) -> bool:
    """Whether the person's password is still the one they had when the token was made (old secret keys count)."""
    return any(
        constant_time_compare(token.password_fingerprint, password_fingerprint(user, secret))
        for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)
    )


def signs_in_with_city_account(user: User) -> bool:
    """Whether the person has signed in with the city's account (OpenID Connect or SAML): their name, address and unit
    then come from the city's directory (ADR 0036, ADR 0037)."""
    return SocialAccount.objects.filter(user=user, provider__in=[settings.STAFF_OIDC_PROVIDER, "saml"]).exists()


class TokenRow(NamedTuple):
    token: ApiToken
    state: ApiTokenState


def api_tokens_of(*, user: User) -> list[TokenRow]:
    """A person's tokens, newest first, each with its state: active, expired, revoked, or ended."""
    now = timezone.now()
    rows = []
    for token in user.api_tokens.all():
        if token.revoked_at is not None:
            state = ApiTokenState.REVOKED
        elif not user.is_active:
            state = ApiTokenState.DEACTIVATED
        elif token.expires_at <= now:
            state = ApiTokenState.EXPIRED
        elif not password_unchanged_since(token, user):
            state = ApiTokenState.PASSWORD_CHANGED
        else:
            state = ApiTokenState.ACTIVE
        rows.append(TokenRow(token, state))
    return rows


class ErasureState(NamedTuple):
    """What a person is told about removing their account: whether they may ask at all, and their latest request
    if it waits for a decision (``pending``) or was refused (``refused``, with its reason and date)."""

    may_ask: bool
    pending: ErasureRequest | None
    refused: ErasureRequest | None

    @property
    def may_ask_now(self) -> bool:
        """Whether to offer the form: a person whose request waits is not asked to ask again."""
        return self.may_ask and self.pending is None


def erasure_state_of(*, user: User) -> ErasureState:
    """The person's standing on removing their account, from their latest request (one query, none for those who
    may not ask: city staff)."""
    may_ask = user.kind in ERASABLE_KINDS
    latest = ErasureRequest.objects.filter(person=user).order_by("-requested_at", "-pk").first() if may_ask else None
    return ErasureState(
        may_ask=may_ask,
        pending=latest if latest is not None and latest.outcome == ErasureOutcome.PENDING else None,
        refused=latest if latest is not None and latest.outcome == ErasureOutcome.REFUSED else None,
    )


def erasure_history_of(*, request: ErasureRequest) -> list[ErasureRequest]:
    """The same person's other requests, newest first, with who decided each (one query)."""
    return list(
        ErasureRequest.objects.filter(person_id=request.person_id)
        .exclude(pk=request.pk)
        .select_related("decided_by")
        .order_by("-requested_at", "-pk")
    )
