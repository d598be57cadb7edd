"""Writes of adoptions: a unit starts adopting a good example, and records each step it takes.

A unit adopts an example of *another* unit: neither unit may be within the other (a department does not
adopt its own administration's example, nor an administration its department's). One adoption per example
and unit runs at a time (a database constraint backs the check); a stopped one stays in the history and the
unit may adopt again. ``Example.adoption_count`` counts the running ones and is kept here, in the same
transaction as the adoption.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NoReturn

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import actor_from, log_update, snapshot
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.services import notify
from ideas.lock import ROUTE
from ideas.models import Idea
from organisation.models import Role, Unit, User
from spread.adoptions.rules import leads
from spread.adoptions.states import RUNNING, targets_from
from spread.models import Adoption, AdoptionState, AdoptionStep, Example

NOTE_MAX = 500


def _not_allowed() -> str:
    return _("Only the manager or the innovation office of the adopting unit may do this.")


def _originating_people(example: Example) -> list[User]:
    """Who hears of adoptions: the example's owner and the innovation office of its unit (and the offices above)."""
    people: list[User] = [example.owner] if example.owner_id and example.owner else []
    if example.unit_id and example.unit:
        paths = example.unit.path_prefixes()
        people += list(
            User.objects.filter(role_assignments__role=Role.OFFICE, role_assignments__unit__path__in=paths).distinct()
        )
    return people


def check_other_unit(example: Example, unit: Unit) -> None:
    """Refuse a unit adopting an example of its own: the same unit, a unit within it or one above it."""
    if example.unit_id and example.unit and (unit.is_within(example.unit) or example.unit.is_within(unit)):
        raise DomainError(
            _(
                "%(unit)s cannot adopt this example: it comes from %(origin)s, in the same part of the organisation. "
                "Choose a unit outside it."
            )
            % {"unit": unit.name, "origin": example.unit.name},
            field="unit",
            code=ErrorCode.INELIGIBLE,
        )


def _already_adopting(unit: Unit) -> NoReturn:
    raise DomainError(
        _(
            "%(unit)s is already adopting this example. Record the next step on that adoption instead, "
            "or stop it before adopting again."
        )
        % {"unit": unit.name},
        field="unit",
        code=ErrorCode.CONFLICT,
    )


def _clean_note(text: str, *, field: str) -> str:
    text = (text or "").strip()
    if len(text) > NOTE_MAX:
        raise DomainError(
            _("Write at most %(max)d characters (you wrote %(count)d).") % {"max": NOTE_MAX, "count": len(text)},
            field=field,
        )
    return text


@actor_from("by")
@transaction.atomic
def adoption_start(
    *,
    example: Example,
    unit: Unit,
    by: User,
    start_date: date,
    changes: str = "",
    from_idea: Idea | None = None,
    now=None,
) -> Adoption:
    """``unit`` starts adopting ``example`` (state *considering*); the example's owner and office are told.

    ``from_idea``: an idea in the adopting unit's lock that turned out to be the same as the example. The idea is
    not closed: the adoption shows on its timeline, and its own decisions stay with the unit.
    """
    now = now or timezone.now()
    require(
        "spread.adopt_example",
        by,
        example,
        message=_("Only a manager or an innovation office may adopt a published example."),
    )
    require(leads(by, unit), message=_not_allowed())
    check_other_unit(example, unit)
    today = timezone.localdate(now)
    if start_date is None:
        raise DomainError(_("Enter the date the unit starts."), field="start_date")
    if start_date.year < today.year - 10 or (start_date - today).days > 366:
        raise DomainError(_("Enter a start date within the last ten years or the coming year."), field="start_date")
    if from_idea is not None and (not from_idea.unit.is_within(unit) or from_idea.stage not in ROUTE):
        raise DomainError(
            _("The idea must be in the lock of the adopting unit, %(unit)s.") % {"unit": unit.name},
            field="from_idea",
        )
    # One running adoption per example and unit: the check gives the clear message, the constraint the guarantee.
    if Adoption.objects.filter(example=example, unit=unit, state__in=RUNNING).exists():
        _already_adopting(unit)
    try:
        with transaction.atomic():
            adoption = Adoption.objects.create(
                example=example,
                unit=unit,
                started_by=by,
                start_date=start_date,
                changes=changes.strip(),
                from_idea=from_idea,
                state=AdoptionState.CONSIDERING,
                state_changed_at=now,
            )
    except IntegrityError:
        _already_adopting(unit)
    AdoptionStep.objects.create(
        adoption=adoption, state=AdoptionState.CONSIDERING, on=min(start_date, today), note="", by=by, created_at=now
    )
    Example.objects.filter(pk=example.pk).update(adoption_count=F("adoption_count") + 1)
    notify(
        recipients=_originating_people(example),
        message_factory=lambda: (
            _("%(unit)s is adopting your good example “%(title)s”.") % {"unit": unit.name, "title": example.title}
        ),
        url=adoption.get_absolute_url(),
        exclude=by,
    )
    return adoption


#: What the example's people are told when an adoption reaches a state.
STEP_MESSAGES = {
    AdoptionState.TRYING: lambda a: _("%(unit)s is trying out your good example “%(title)s”."),
    AdoptionState.IN_USE: lambda a: _("%(unit)s now uses your good example “%(title)s”."),
    AdoptionState.STOPPED: lambda a: _("%(unit)s has stopped its adoption of your good example “%(title)s”."),
}


@actor_from("by")
@transaction.atomic
def adoption_step(
    *,
    adoption: Adoption,
    by: User,
    expected_version: int,
    to_state: str,
    on: date,
    note: str = "",
    evidence: str = "",
    stopped_reason: str = "",
    now=None,
) -> Adoption:
    """Move the adoption on to ``to_state`` on the day ``on``, with a short note.

    Going into use asks for the evidence that it works in the unit; stopping asks why. A write that names an
    older version than the adoption's is refused and overwrites nothing.
    """
    now = now or timezone.now()
    require("spread.step_adoption", by, adoption, message=_not_allowed())
    if to_state not in targets_from(adoption.state):
        raise DomainError(
            _("An adoption that is “%(state)s” cannot go on to “%(target)s”.")
            % {
                "state": AdoptionState(adoption.state).label,
                "target": AdoptionState(to_state).label if to_state in AdoptionState.values else to_state,
            },
            field="to_state",
            code=ErrorCode.STATE,
        )
    note = _clean_note(note, field="note")
    today = timezone.localdate(now)
    if on is None:
        raise DomainError(_("Enter the date of the step."), field="on")
    if on > today:
        raise DomainError(_("The date of the step cannot be in the future."), field="on")
    last = adoption.steps.order_by("-on", "-pk").values_list("on", flat=True).first()
    if last is not None and on < last:
        raise DomainError(
            _("The date cannot be before the previous step, %(date)s.") % {"date": last.isoformat()}, field="on"
        )
    changes: dict = {"state": to_state, "state_changed_at": now}
    if to_state == AdoptionState.IN_USE:
        evidence = (evidence or "").strip()
        if not evidence:
            raise DomainError(
                _("Describe the evidence that it works in your unit: what you have measured or seen."),
                field="evidence",
            )
        changes.update(evidence=evidence, in_use_since=on)
    if to_state == AdoptionState.STOPPED:
        stopped_reason = (stopped_reason or "").strip()
        if not stopped_reason:
            raise DomainError(
                _("Say why the adoption stopped, so that others can learn from it."), field="stopped_reason"
            )
        changes.update(stopped_reason=stopped_reason, stopped_on=on)
    before = snapshot(adoption)
    updated = Adoption.objects.filter(pk=adoption.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now, **changes
    )
    if not updated:
        raise ConflictError(
            _(
                "Someone else recorded a step on this adoption while you were working on it. Nothing was "
                "overwritten; look at the new state and try again."
            )
        )
    for key, value in changes.items():
        setattr(adoption, key, value)
    adoption.version = expected_version + 1
    log_update(adoption, before=before, fields=changes, actor=by)
    AdoptionStep.objects.create(adoption=adoption, state=to_state, on=on, note=note, by=by, created_at=now)
    if to_state == AdoptionState.STOPPED:
        Example.objects.filter(pk=adoption.example_id).update(adoption_count=F("adoption_count") - 1)
    example = adoption.example
    message = STEP_MESSAGES[AdoptionState(to_state)]
    notify(
        recipients=_originating_people(example),
        message_factory=lambda: message(adoption) % {"unit": adoption.unit.name, "title": example.title},
        url=adoption.get_absolute_url(),
        exclude=by,
    )
    return adoption


def adoption_counts_recount(examples: Iterable[int] | None = None) -> int:
    """Set ``Example.adoption_count`` from the adoptions themselves (after adoptions are written in bulk)."""
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    running = (
        Adoption.objects.filter(example=OuterRef("pk"), state__in=RUNNING)
        .order_by()
        .values("example")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = Example.objects.all() if examples is None else Example.objects.filter(pk__in=list(examples))
    return qs.update(adoption_count=Coalesce(Subquery(running), 0))
