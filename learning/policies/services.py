"""Every write of the policy register: the executive office adds the city's HR policy documents, records each
review's conclusion, the change decided and how far it has come, and removes a document added by mistake.

Each change is in the audit trail, which the document's page shows as its history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from
from core.errors import ConflictError, DomainError, require
from learning.models import PolicyDocument, PolicyStatus
from organisation.models import Unit, User

NOT_ALLOWED = gettext_lazy("Only the executive office keeps the policy register.")
TITLE_MAX = 200

#: Statuses that say the review is done: they need its day and its conclusion.
REVIEWED = (PolicyStatus.NO_CHANGE, PolicyStatus.CHANGE_DECIDED, PolicyStatus.CHANGED)
#: Statuses that need the change decided.
CHANGING = (PolicyStatus.CHANGE_DECIDED, PolicyStatus.CHANGED)


def conflict() -> None:
    raise ConflictError(
        _("Someone else changed the document while you were working on it. Check what is saved now and save again.")
    )


def _fields(
    *,
    title: str,
    url: str,
    owner: Unit | None,
    status: str,
    reviewed_on: date | None,
    conclusion: str,
    change_decided: str,
) -> dict[str, Any]:
    title, conclusion, change_decided = (
        (title or "").strip(),
        (conclusion or "").strip(),
        (change_decided or "").strip(),
    )
    if not title:
        raise DomainError(_("Enter the document's name."), field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(_("Shorten the name to at most %(max)d characters.") % {"max": TITLE_MAX}, field="title")
    if owner is None:
        raise DomainError(_("Choose the unit that owns the document."), field="owner")
    if status not in PolicyStatus.values:
        raise DomainError(_("Choose the status of the review."), field="status")
    if reviewed_on is not None and reviewed_on > timezone.localdate():
        raise DomainError(_("The day of the review cannot be in the future."), field="reviewed_on")
    if status in REVIEWED:
        if reviewed_on is None:
            raise DomainError(
                _("Enter the day the review was done, since the status says it is done."), field="reviewed_on"
            )
        if not conclusion:
            raise DomainError(_("Write the review's conclusion, since the status says it is done."), field="conclusion")
    if status in CHANGING and not change_decided:
        raise DomainError(
            _("Write the change decided, since the status says a change was decided."), field="change_decided"
        )
    if status == PolicyStatus.NO_CHANGE and change_decided:
        raise DomainError(
            _("A review that needs no change has no change decided: empty the field or choose another status."),
            field="change_decided",
        )
    return {
        "title": title,
        "url": (url or "").strip(),
        "owner": owner,
        "status": status,
        "reviewed_on": reviewed_on,
        "conclusion": conclusion,
        "change_decided": change_decided,
    }


@actor_from("by")
@transaction.atomic
def policy_create(
    *,
    by: User,
    title: str,
    owner: Unit | None,
    url: str = "",
    status: str = PolicyStatus.NOT_REVIEWED,
    reviewed_on: date | None = None,
    conclusion: str = "",
    change_decided: str = "",
) -> PolicyDocument:
    """Add a document to the register."""
    require("learning.manage_policies", by, message=NOT_ALLOWED)
    fields = _fields(
        title=title,
        url=url,
        owner=owner,
        status=status,
        reviewed_on=reviewed_on,
        conclusion=conclusion,
        change_decided=change_decided,
    )
    return PolicyDocument.objects.create(updated_by=by, **fields)


@actor_from("by")
@transaction.atomic
def policy_update(
    *,
    policy: PolicyDocument,
    by: User,
    expected_version: int,
    title: str,
    owner: Unit | None,
    url: str = "",
    status: str = PolicyStatus.NOT_REVIEWED,
    reviewed_on: date | None = None,
    conclusion: str = "",
    change_decided: str = "",
) -> PolicyDocument:
    """Change a document or record its review, unless someone changed it since ``expected_version``."""
    require("learning.manage_policies", by, message=NOT_ALLOWED)
    fields = _fields(
        title=title,
        url=url,
        owner=owner,
        status=status,
        reviewed_on=reviewed_on,
        conclusion=conclusion,
        change_decided=change_decided,
    )
    locked = PolicyDocument.objects.select_for_update().filter(pk=policy.pk).first()
    if locked is None or locked.lock_version != expected_version:
        conflict()
    assert locked is not None  # noqa: S101 - conflict() raised otherwise
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.updated_by = by
    locked.lock_version = expected_version + 1
    locked.save()
    return locked


@actor_from("by")
@transaction.atomic
def policy_delete(*, policy: PolicyDocument, by: User, expected_version: int) -> None:
    """Remove a document from the register (after a confirmation), unless someone changed it meanwhile."""
    require("learning.manage_policies", by, message=NOT_ALLOWED)
    locked = PolicyDocument.objects.select_for_update().filter(pk=policy.pk).first()
    if locked is None or locked.lock_version != expected_version:
        conflict()
    assert locked is not None  # noqa: S101
    locked.delete()
