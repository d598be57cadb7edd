"""The jury: who sits on it, who is assigned what, declared conflicts, and the jurors' scores."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from calls.models import Application, Assignment, Call, Conflict, Criterion, Juror, Score, Status
from calls.policies import rubric_frozen, weighted_total
from calls.rules import is_programme_office, is_recused, seat
from core.audit import actor_from
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.models import changed_at
from core.services import notify
from organisation.models import User


@actor_from("by")
@transaction.atomic
def juror_add(*, call: Call, by: User, user: User, is_chair: bool = False) -> Juror:
    require("calls.manage_call", by, call, message=_("Only the city's innovation office forms the jury."))
    if is_programme_office(user):
        raise DomainError(
            _(
                "%(name)s is of the city's innovation office, which runs the call and screens its applications; the office sits on none of its juries."
            )
            % {"name": user.name},
            field="user",
        )
    juror, _created = Juror.objects.update_or_create(call=call, user=user, defaults={"is_chair": is_chair})
    if is_chair:
        # One chair: the one before steps down, saved through the model so the audit log has it.
        for former in Juror.objects.filter(call=call, is_chair=True).exclude(pk=juror.pk):
            former.is_chair = False
            former.save(update_fields=["is_chair", "updated_at"])
    return juror


def juror_unscored(*, call: Call, user: User) -> int:
    """How many of the juror's assignments in the call have no submitted scores (removed with them)."""
    return Assignment.objects.filter(application__call=call, juror=user, submitted_at__isnull=True).count()


@actor_from("by")
@transaction.atomic
def juror_remove(*, call: Call, by: User, user: User) -> None:
    """Take a person off the jury, with their assignments that have no submitted scores (and any draft scores).

    Refused once they have submitted scores: those are part of the ranking and of the public record.
    The person is told.
    """
    require("calls.manage_call", by, call, message=_("Only the city's innovation office forms the jury."))
    seat_row = Juror.objects.select_for_update().filter(call=call, user=user).first()
    if seat_row is None:
        raise DomainError(_("%(name)s is not on the jury.") % {"name": user.name}, code=ErrorCode.STATE)
    # Locked, so scores cannot be submitted between the check and the removal.
    held = list(Assignment.objects.select_for_update(of=("self",)).filter(application__call=call, juror=user))
    scored = sum(1 for assignment in held if assignment.submitted_at is not None)
    if scored:
        raise DomainError(
            ngettext(
                "%(name)s has submitted scores on %(n)s application; they are part of the ranking and the public record, so %(name)s stays on the jury.",
                "%(name)s has submitted scores on %(n)s applications; they are part of the ranking and the public record, so %(name)s stays on the jury.",
                scored,
            )
            % {"name": user.name, "n": scored},
            code=ErrorCode.STATE,
        )
    Assignment.objects.filter(application__call=call, juror=user, submitted_at__isnull=True).delete()
    seat_row.delete()
    title = call.title
    notify(
        recipients=[user],
        message_factory=lambda: gettext_lazy("You are no longer on the jury of “%(title)s”.") % {"title": title},
        url=reverse("calls:jury"),
        exclude=by,
    )


# --- the jury ----------------------------------------------------------------------------------


@actor_from("juror")
@transaction.atomic
def conflict_declare(*, application: Application, juror: User, reason: str, now: datetime | None = None) -> Conflict:
    """A juror declares a conflict of interest: from now on they can neither see nor score the application."""
    require(
        seat(juror, application.call) is not None, message=_("Only the call's jurors declare conflicts of interest.")
    )
    if Assignment.objects.filter(application=application, juror=juror, submitted_at__isnull=False).exists():
        raise DomainError(
            _(
                "Your scores on this application are submitted and part of the jury's work. Tell the city's innovation office (executive office) of the conflict: it decides what happens with them."
            ),
            code=ErrorCode.SUBMITTED,
        )
    if not reason.strip():
        raise DomainError(_("Say what the conflict is, for example a colleague or a relative."), field="reason")
    # A moment in the past (the demo city's history) is the row's own, in its one INSERT.
    conflict, _created = Conflict.objects.get_or_create(
        application=application, juror=juror, defaults={"reason": reason.strip(), "created_at": now or timezone.now()}
    )
    Assignment.objects.filter(application=application, juror=juror, submitted_at__isnull=True).delete()
    return conflict


@actor_from("by")
@transaction.atomic
def assignment_add(*, application: Application, juror: User, by: User, now: datetime | None = None) -> Assignment:
    application = Application.objects.select_related("call", "unit", "applicant__unit").get(pk=application.pk)
    require(
        "calls.manage_call", by, application.call, message=_("Only the city's innovation office assigns applications.")
    )
    if seat(juror, application.call) is None:
        raise DomainError(_("Add the person to the call's jury first."), field="juror")
    if application.status != Status.IN_REVIEW:
        raise DomainError(_("Only applications screened as eligible go to the jury."), code=ErrorCode.STATE)
    if is_recused(juror, application):
        raise DomainError(
            _(
                "%(juror)s is recused from this application (same organisation as the applicant, or a declared conflict)."
            )
            % {"juror": juror.name},
            field="juror",
        )
    # A moment in the past (the demo city's history) is the row's own, in its one INSERT.
    assignment, _created = Assignment.objects.get_or_create(
        application=application, juror=juror, defaults={"assigned_by": by, "created_at": now or timezone.now()}
    )
    return assignment


#: Why scores can no longer change once the application has left the jury.
NO_LONGER_WITH_THE_JURY = gettext_lazy(
    "The application is no longer with the jury (it is decided or withdrawn); scores can no longer change."
)


@actor_from("juror")
@transaction.atomic
def scores_save(
    *,
    application: Application,
    juror: User,
    expected_version: int,
    scores: dict[int, tuple[int | None, str]],
    submit: bool = False,
    now: datetime | None = None,
) -> Assignment:
    """A juror's scores: each on the call's scale with a comment. Submitting needs every criterion; then they are final.

    Each juror writes only their own rows, so two jurors saving at the same moment never touch
    each other's scores; one juror in two windows is caught by the assignment's version.
    """
    moment, now = now, now or timezone.now()
    may_score = juror.has_perm("calls.score_application", application)
    if not may_score and application.status != Status.IN_REVIEW:
        raise DomainError(str(NO_LONGER_WITH_THE_JURY), code=ErrorCode.LOCKED)
    require(may_score, message=_("You are not assigned this application, or you are recused from it."))
    assignment = _scoring_locked(application, juror, expected_version)
    call = application.call
    criteria = {c.pk: c for c in call.criteria.all()}
    _write_scores(assignment, call, criteria, scores)
    total = _submitted_total(assignment, criteria) if submit else None
    # Saved through the model, so the audit log records the submission and the total.
    assignment.version += 1
    assignment.submitted_at, assignment.total = (now if submit else None), total
    changed_at(assignment, moment)
    assignment.save(update_fields=["version", "submitted_at", "total", "updated_at"])
    return assignment


def _scoring_locked(application: Application, juror: User, expected_version: int) -> Assignment:
    """The juror's assignment, locked and still open to scores.

    The application is locked first (as a decision or a withdrawal locks it): a decision or a withdrawal made
    meanwhile closes the scoring. While the rubric is not frozen, the call next, as a change of the rubric locks
    it: the first score and a new or removed criterion never cross. Then the juror's assignment.
    """
    status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
    if not rubric_frozen(application.call):
        Call.objects.select_for_update().filter(pk=application.call_id).first()
    assignment = Assignment.objects.select_for_update().get(application=application, juror=juror)
    if status != Status.IN_REVIEW:
        raise DomainError(str(NO_LONGER_WITH_THE_JURY), code=ErrorCode.LOCKED)
    if assignment.submitted_at is not None:
        raise DomainError(_("Your scores are submitted and final."), code=ErrorCode.LOCKED)
    if assignment.version != expected_version:
        raise ConflictError(_("Your scores were saved from another window meanwhile. Nothing was overwritten; reload."))
    return assignment


def _checked_score(call: Call, criterion: Criterion, value: int | None, comment: str) -> int | None:
    """The line's score (``None``: left empty); refused when it is off the scale or without a reason."""
    field = f"score-{criterion.pk}"
    if value is None:
        if comment.strip():
            raise DomainError(_("Give a score with the comment on “%(c)s”.") % {"c": criterion.name}, field=field)
        return None
    if not call.scale_min <= value <= call.scale_max:
        raise DomainError(
            _("A score on “%(c)s” must be from %(lo)s to %(hi)s.")
            % {"c": criterion.name, "lo": call.scale_min, "hi": call.scale_max},
            field=field,
        )
    if not comment.strip():
        raise DomainError(
            _("Write a comment on “%(c)s”: every score needs its reason.") % {"c": criterion.name},
            field=f"comment-{criterion.pk}",
        )
    return value


def _write_scores(
    assignment: Assignment, call: Call, criteria: dict[int, Criterion], scores: dict[int, tuple[int | None, str]]
) -> None:
    """Each given score on the call's criteria, new or changed, on the juror's own rows."""
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    for criterion_id, (value, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            continue
        score = _checked_score(call, criterion, value, comment)
        if score is None:
            continue
        row = existing.get(criterion_id)
        if row is None:
            Score.objects.create(assignment=assignment, criterion=criterion, value=score, comment=comment.strip())
        else:
            row.value, row.comment = score, comment.strip()
            row.save(update_fields=["value", "comment"])


def _submitted_total(assignment: Assignment, criteria: dict[int, Criterion]) -> Decimal:
    """The weighted total of the juror's scores, once every criterion is scored."""
    final = {s.criterion_id: s.value for s in assignment.scores.all()}
    lacking = [c.name for pk, c in criteria.items() if pk not in final]
    if lacking:
        raise DomainError(
            _("Score every criterion before submitting. Still to score: %(list)s.") % {"list": ", ".join(lacking)},
            code=ErrorCode.INCOMPLETE,
        )
    return weighted_total(final, {pk: c.weight for pk, c in criteria.items()})
