"""Invitations by email that make an account for someone outside the city's staff: the token is sent once and
kept only hashed, works for ``INVITATION_DAYS`` days and is used once. The apps keep their own invitation models
(a network's, a university's), each with ``token_hash``, ``expires_at``, ``accepted_at`` and ``accepted_by``,
and share these steps: issuing a token, finding the invitation a link belongs to, and using it once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.errors import DomainError

#: How long an invitation link works.
INVITATION_DAYS = 14


InvitationT = TypeVar("InvitationT", bound=Model)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_issue(now: datetime) -> tuple[str, str, datetime]:
    """A new token for the link, its hash to keep, and when the link stops working."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token), now + timedelta(days=INVITATION_DAYS)


def invitation_for(
    rows: QuerySet[InvitationT], token: str, *, expired: str | Promise, now: datetime | None = None
) -> InvitationT:
    """The invitation among ``rows`` a link's token belongs to, if it still works; otherwise a refusal saying why
    (``expired`` tells whom to ask for a new one)."""
    invitation = rows.filter(token_hash=token_hash(token or "")).first()
    if invitation is None:
        raise DomainError(_("This invitation link is not valid. Check that you copied the whole link from the email."))
    if invitation.accepted_at is not None:  # type: ignore[attr-defined]
        raise DomainError(
            _(
                "This invitation has already been used. Sign in with the account it was used for, or ask for a new invitation."
            )
        )
    if invitation.expires_at <= (now or timezone.now()):  # type: ignore[attr-defined]
        raise DomainError(str(expired))
    return invitation


def invitation_use(invitation: InvitationT, person: Any, now: datetime) -> InvitationT:
    """Mark the invitation used by ``person``, once: the row is locked, so of two clicks on the same link the second
    is refused. Call inside the transaction that gives the person what the invitation was for."""
    locked = type(invitation)._default_manager.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:  # type: ignore[attr-defined]
        raise DomainError(_("This invitation has already been used."))
    locked.accepted_at, locked.accepted_by = now, person  # type: ignore[attr-defined]
    locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return locked
