"""Deciding and following up: the chair's decisions, publishing the results, payments and final reports."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calls.models import Application, Call, Decision, FinalReport, Payment, Status
from calls.rules import is_programme_office
from calls.services._common import _stockholm
from calls.signals import application_decided
from core.audit import actor_from
from core.errors import DomainError, ErrorCode, require
from core.models import changed_at
from core.services import notify
from organisation.models import User

# --- decisions and follow-up ------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def decision_record(
    *,
    application: Application,
    by: User,
    granted: bool,
    justification: str,
    amount: Decimal | None = None,
    now: datetime | None = None,
) -> Decision:
    """The chair records the decision with its justification; the applicant is told; it is a public record."""
    moment, now = now, now or timezone.now()
    current = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    require(
        "calls.decide_application",
        by,
        current,
        message=_("Only the jury's chair decides, and not on an application they are recused from."),
    )
    _check_decision(current, granted=granted, justification=justification, amount=amount)
    decision = Decision.objects.create(
        application=current,
        granted=granted,
        amount=amount if granted else None,
        justification=justification.strip(),
        decided_by=by,
        decided_at=now,
    )
    current.status = Status.GRANTED if granted else Status.REJECTED
    current.granted_amount = amount if granted else None
    current.version += 1
    changed_at(current, moment)
    current.save(update_fields=["status", "granted_amount", "version", "updated_at"])
    _tell_applicant_of_decision(current, granted=granted)
    application_decided.send(sender=Application, application=current, granted=granted)
    return decision


def _check_decision(application: Application, *, granted: bool, justification: str, amount: Decimal | None) -> None:
    """A decision is made once, on an application with the jury, with its justification and, for a grant, an
    amount of at most what was applied for."""
    if application.status != Status.IN_REVIEW:
        raise DomainError(_("Only applications with the jury can be decided."), code=ErrorCode.STATE)
    if Decision.objects.filter(application=application).exists():
        raise DomainError(_("This application is already decided."), code=ErrorCode.STATE)
    if not justification.strip():
        raise DomainError(_("Write the justification; it is published with the decision."), field="justification")
    if granted and application.call.is_funding:
        if amount is None or amount <= 0:
            raise DomainError(_("Give the amount granted."), field="amount")
        if application.requested_amount is not None and amount > application.requested_amount:
            raise DomainError(_("The amount granted cannot exceed the amount applied for."), field="amount")


def _tell_applicant_of_decision(application: Application, *, granted: bool) -> None:
    """The applicant is told, in the programme's words: a grant is granted, an award's entry is awarded."""
    title = application.title
    if application.call.is_funding:
        message = (
            gettext_lazy("Your application “%(title)s” is granted.")
            if granted
            else gettext_lazy("Your application “%(title)s” is not granted this time.")
        )
    else:
        message = (
            gettext_lazy("Your entry “%(title)s” is awarded.")
            if granted
            else gettext_lazy("Your entry “%(title)s” is not awarded this time.")
        )
    notify(
        recipients=[application.applicant],
        message_factory=lambda: message % {"title": title},
        url=application.get_absolute_url(),
    )


@actor_from("by")
@transaction.atomic
def results_publish(*, call: Call, by: User, now: datetime | None = None) -> Call:
    """Publish the winners and the public record of the call's decisions."""
    require("calls.manage_calls", by, message=_("Only the city's innovation office publishes results."))
    if call.is_jury_only:
        raise DomainError(
            _("This jury scores the answers to a challenge: what happens to them is recorded on the challenge."),
            code=ErrorCode.STATE,
        )
    moment = now or timezone.now()
    locked = Call.objects.select_for_update().get(pk=call.pk)  # published once, however many ask at once
    if locked.results_published_at is not None:
        raise DomainError(
            _("The results were already published on %(date)s.") % {"date": _stockholm(locked.results_published_at)},
            code=ErrorCode.STATE,
        )
    if moment < locked.closes_at:
        raise DomainError(
            _("The call is still open until %(deadline)s; its results are published once it has closed.")
            % {"deadline": _stockholm(locked.closes_at)},
            code=ErrorCode.STATE,
        )
    if call.applications.filter(status=Status.IN_REVIEW).exists():
        raise DomainError(_("Every application with the jury needs a decision before the results are published."))
    if call.applications.filter(status=Status.SUBMITTED).exists():
        raise DomainError(_("Every submitted application needs to be screened before the results are published."))
    call.results_published_at = moment
    call.save(update_fields=["results_published_at", "updated_at"])
    return call


@actor_from("by")
@transaction.atomic
def payment_record(*, application: Application, by: User, amount: Decimal, paid_on: date, note: str = "") -> Payment:
    require(is_programme_office(by), message=_("Only the city's innovation office records payments."))
    # Locked, so two payments recorded at once cannot together exceed the grant.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.GRANTED:
        raise DomainError(_("Only granted applications are paid."), code=ErrorCode.STATE)
    if amount is None or amount <= 0:
        raise DomainError(_("Give the amount paid."), field="amount")
    paid = sum((p.amount for p in application.payments.all()), Decimal(0))
    if application.granted_amount is not None and paid + amount > application.granted_amount:
        raise DomainError(
            _("Payments would exceed the granted amount (%(granted)s kronor; %(paid)s paid so far).")
            % {"granted": application.granted_amount, "paid": paid},
            field="amount",
        )
    return Payment.objects.create(application=application, amount=amount, paid_on=paid_on, recorded_by=by, note=note)


@actor_from("by")
@transaction.atomic
def final_report_submit(
    *,
    application: Application,
    by: User,
    results: str,
    lessons: str,
    recommend_spread: bool,
    now: datetime | None = None,
) -> FinalReport:
    """What the funded project achieved; shown on its idea's timeline."""
    require(
        application.applicant_id == by.pk or is_programme_office(by),
        message=_("Only the applicant writes the final report."),
    )
    if application.status != Status.GRANTED or not application.call.is_funding:
        raise DomainError(_("Only funded projects write a final report."), code=ErrorCode.STATE)
    if hasattr(application, "final_report"):
        raise DomainError(_("The final report is already submitted."), code=ErrorCode.STATE)
    if not results.strip():
        raise DomainError(_("Describe the results."), field="results")
    if not lessons.strip():
        raise DomainError(_("Describe what you learned."), field="lessons")
    return FinalReport.objects.create(
        application=application,
        results=results.strip(),
        lessons=lessons.strip(),
        recommend_spread=recommend_spread,
        submitted_by=by,
        submitted_at=now or timezone.now(),
    )
