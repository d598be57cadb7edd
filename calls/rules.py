"""Who may do what with calls, applications and juries. Declared once; views, services and the API ask here.

- The city's innovation office (the director, or an innovation office on the whole city)
  runs the programmes: sets up calls, screens eligibility, forms juries, assigns jurors,
  records payments.
- Anyone signed in applies to an open call; an applicant sees and edits their own.
- A juror sees and scores the applications assigned to them, never one they are recused from
  (a declared conflict, or an applicant from their own organisation); the chair sees the
  ranking and records the decisions.
- Everyone sees published calls and, once decided, the winners and the public record.
- A call of a programme another app runs as its jury (``JURY_ONLY_PROGRAMMES``: the scoring of a challenge's
  answers) is managed also by those that app registers (``register_call_managers``); nobody applies to it, its
  entrants do not see it as their application, and its chair decides nothing: the app records what follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from calls.models import JURY_ONLY_PROGRAMMES, Application, Call, Conflict, Juror, Programme, Status
from organisation.models import Role, Unit


def is_programme_office(user) -> bool:
    """The city's innovation office runs the programmes: the same people as the executive office."""
    return user.is_authenticated and user.is_executive_office


def organisation_path(unit: Unit | None) -> str | None:
    """The path of the administration or company the unit belongs to (its first three levels)."""
    if unit is None:
        return None
    return unit.path[: 3 * Unit.steplen]


def same_organisation(one: Unit | None, other: Unit | None) -> bool:
    """Whether two units belong to the same administration or company (or one is above the other)."""
    own, theirs = organisation_path(one), organisation_path(other)
    return bool(own and theirs and (own.startswith(theirs) or theirs.startswith(own)))


def registration_paths(user) -> list[str]:
    """Where a person registers entries to the quality award "through the committee": the paths of the
    committees, administrations and companies they are a manager or innovation office of (short of the whole
    city). The city's innovation office registers for every unit: ``[""]``.
    """
    if not user.is_authenticated:
        return []
    if is_programme_office(user):
        return [""]
    return [
        path
        for role in (Role.MANAGER, Role.OFFICE)
        for path in user.role_paths.get(role, [])
        if Unit.steplen < len(path) <= 3 * Unit.steplen
    ]


def registers_for(user, unit: Unit | None) -> bool:
    """Whether the person registers a quality award entry for this unit (its committee or administration)."""
    return unit is not None and any(unit.path.startswith(path) for path in registration_paths(user))


def registered_through_committee(call: Call) -> bool:
    """The quality award's entries are registered through the committee, not by anyone on their own."""
    return call.programme == Programme.QUALITY_AWARD


#: The statuses in which an application is before the jury or decided by it.
WITH_THE_JURY = (Status.IN_REVIEW, Status.GRANTED, Status.REJECTED)


def recused_by_organisation(user, application: Application) -> bool:
    """The juror applied, or belongs to the organisation of the applicant or of the unit applied for."""
    if application.applicant_id == user.pk:
        return True
    own = getattr(user, "unit", None)
    return same_organisation(own, application.unit) or same_organisation(own, application.applicant.unit)


def is_recused(user, application: Application) -> bool:
    """A juror who applied, from the applicant's or the unit's organisation, or with a declared conflict,
    may neither see nor score it."""
    if not user.is_authenticated:
        return True
    if recused_by_organisation(user, application):
        return True
    return Conflict.objects.filter(application=application, juror=user).exists()


def seat(user, call: Call) -> Juror | None:
    if not user.is_authenticated:
        return None
    return Juror.objects.filter(call=call, user=user).first()


#: Who else manages a call of a programme another app runs, by programme: ``(user, call) -> bool``.
CALL_MANAGERS: dict[str, Callable[[Any, Call], bool]] = {}
#: What such a call is the jury of, by programme: ``call -> {"title", "url", "manage_url"}`` (or None).
JURY_OWNERS: dict[str, Callable[[Call], dict[str, str] | None]] = {}


def register_call_managers(
    programme: str,
    check: Callable[[Any, Call], bool],
    *,
    owner: Callable[[Call], dict[str, str] | None] | None = None,
) -> None:
    """An app that runs a programme's calls says who besides the city's innovation office manages one of them,
    and what the call is the jury of (its pages link back to it)."""
    CALL_MANAGERS[programme] = check
    if owner is not None:
        JURY_OWNERS[programme] = owner


def jury_owner(call: Call | None) -> dict[str, str] | None:
    """What another app's jury scores for: the title and the pages of the row it belongs to."""
    if call is None:
        return None
    found = JURY_OWNERS.get(call.programme)
    return found(call) if found is not None else None


def manages_call(user, call: Call | None) -> bool:
    """The city's innovation office, or for another app's jury those that app names."""
    if is_programme_office(user):
        return True
    if call is None or not user.is_authenticated:
        return False
    check = CALL_MANAGERS.get(call.programme)
    return bool(check is not None and check(user, call))


@rules.predicate
def is_office(user, _obj=None) -> bool:
    return is_programme_office(user)


@rules.predicate
def is_call_manager(user, call: Call | None) -> bool:
    return manages_call(user, call)


@rules.predicate
def is_call_manager_of(user, application: Application | None) -> bool:
    return application is not None and manages_call(user, application.call)


@rules.predicate
def is_jury_only(user, obj: Call | Application | None) -> bool:
    """A call (or an entry of one) that is another app's jury, not a call anyone applies to."""
    if obj is None:
        return False
    call = obj.call if isinstance(obj, Application) else obj
    return call.programme in JURY_ONLY_PROGRAMMES


@rules.predicate
def is_signed_in(user, _obj=None) -> bool:
    return user.is_authenticated


@rules.predicate
def is_published(user, call: Call | None) -> bool:
    return call is not None and call.published


@rules.predicate
def is_open(user, call: Call | None) -> bool:
    return call is not None and call.is_open()


@rules.predicate
def is_applicant(user, application: Application | None) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


@rules.predicate
def is_open_review(user, application: Application | None) -> bool:
    """The call does not review blind: whoever reads the application may see who applied."""
    return application is not None and not application.call.blind_review


@rules.predicate
def may_enter(user, call: Call | None) -> bool:
    """Anyone may apply, except to a call whose entries are registered through the committee."""
    return call is not None and (not registered_through_committee(call) or bool(registration_paths(user)))


@rules.predicate
def is_draft(user, application: Application | None) -> bool:
    return application is not None and application.status == Status.DRAFT


@rules.predicate
def is_withdrawable(user, application: Application | None) -> bool:
    return application is not None and application.status in (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW)


@rules.predicate
def is_in_review(user, application: Application | None) -> bool:
    """With the jury and not yet decided (nor withdrawn, nor screened out): scores may still change."""
    return application is not None and application.status == Status.IN_REVIEW


@rules.predicate
def is_assigned_juror(user, application: Application | None) -> bool:
    if application is None or not user.is_authenticated:
        return False
    if application.status not in WITH_THE_JURY:  # withdrawn or screened out: no longer the jury's
        return False
    if not application.assignments.filter(juror=user).exists():
        return False
    return not is_recused(user, application)


@rules.predicate
def is_juror_of_call(user, call: Call | None) -> bool:
    return call is not None and seat(user, call) is not None


@rules.predicate
def is_chair_of_call(user, call: Call | None) -> bool:
    found = seat(user, call) if call is not None else None
    return found is not None and found.is_chair


@rules.predicate
def is_chair_for(user, application: Application | None) -> bool:
    if application is None:
        return False
    if application.status not in WITH_THE_JURY:  # drafts, withdrawn and screened-out ones are not the chair's
        return False
    found = seat(user, application.call)
    return found is not None and found.is_chair and not is_recused(user, application)


rules.add_perm("calls.manage_calls", is_office)
#: One call's jury, rubric and assignments: the office, or for another app's jury those it registers.
rules.add_perm("calls.manage_call", is_call_manager)
rules.add_perm("calls.view_call", is_office | is_published)
rules.add_perm("calls.apply", is_signed_in & is_open & may_enter)
# A draft is the applicant's own until it is submitted; the office sees it from then on.
rules.add_perm(
    "calls.view_application",
    (is_applicant & ~is_jury_only) | (is_call_manager_of & ~is_draft) | is_assigned_juror | is_chair_for,
)
#: Who applied, and from which unit: hidden from the jury of a blind call (asked together with view_application).
rules.add_perm("calls.see_applicant", is_applicant | is_call_manager_of | is_open_review)
rules.add_perm("calls.edit_application", is_applicant & is_draft)
rules.add_perm("calls.withdraw_application", is_applicant & is_withdrawable & ~is_jury_only)
rules.add_perm("calls.screen_application", is_office)
rules.add_perm("calls.score_application", is_assigned_juror & is_in_review)
rules.add_perm("calls.view_jury_work", is_juror_of_call | is_call_manager)
rules.add_perm("calls.view_ranking", is_chair_of_call | is_call_manager)
rules.add_perm("calls.decide_application", is_chair_for & ~is_jury_only)
