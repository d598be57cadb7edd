"""Applying: the draft, its files, submitting and withdrawing it, and the office's screening."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calls.models import Application, ApplicationFile, BudgetLine, Call, Status
from calls.policies import application_missing, eligibility_problems
from calls.rules import registered_through_committee, registers_for, registration_paths
from calls.services._common import _stockholm
from core.audit import actor_from, log_created, log_update, snapshot, update_logged
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.models import changed_at
from core.services import notify
from core.uploads import accept_upload
from ideas.models import Idea
from organisation.models import PersonKind, User, executive_office_people

# --- applications ----------------------------------------------------------------------------


#: Why someone without a role in a committee or administration cannot enter the quality award.
REGISTERED_THROUGH_COMMITTEE = gettext_lazy(
    "Entries to this call are registered through the committee: a manager or the administration's or company's "
    "own innovation office registers its units' entries. Ask yours to register your unit."
)


@actor_from("applicant")
@transaction.atomic
def application_open(*, call: Call, applicant: User, now: datetime | None = None) -> tuple[Application, bool]:
    """The applicant's draft to the call: the one already started (``False``), or a new one (``True``).

    One draft per applicant and call: the web's *Apply* and the API's start both come here, so
    starting twice goes back to the same draft instead of leaving two half-written ones.
    """
    Call.objects.select_for_update().filter(pk=call.pk).first()  # one start at a time per call
    draft = (
        Application.objects.filter(call=call, applicant=applicant, status=Status.DRAFT).order_by("created_at").first()
    )
    if draft is not None:
        return draft, False
    return application_start(call=call, applicant=applicant, now=now), True


@actor_from("applicant")
@transaction.atomic
def application_start(*, call: Call, applicant: User, now: datetime | None = None) -> Application:
    """A new draft application; refused once the call has closed. Web and API go through ``application_open``."""
    moment, now = now, now or timezone.now()
    if not call.published or call.opens_at > now:
        raise DomainError(_("The call is not open yet."), code=ErrorCode.CLOSED)
    if now >= call.closes_at:
        raise DomainError(
            _("The call closed on %(deadline)s; no new applications.") % {"deadline": _stockholm(call.closes_at)},
            code=ErrorCode.CLOSED,
        )
    if registered_through_committee(call) and not registration_paths(applicant):
        raise DomainError(str(REGISTERED_THROUGH_COMMITTEE), code=ErrorCode.COMMITTEE)
    unit = applicant.unit if call.is_by_unit and applicant.kind == PersonKind.EMPLOYEE else None
    if registered_through_committee(call) and not registers_for(applicant, unit):
        unit = None
    # A moment in the past (the demo city's history) is the row's own, in its one INSERT.
    return Application.objects.create(call=call, applicant=applicant, unit=unit, created_at=moment or now)


#: The fields an applicant writes in a draft.
DRAFT_FIELDS = (
    "title",
    "summary",
    "description",
    "category",
    "unit",
    "idea",
    "requested_amount",
    "co_financing",
    "birth_date",
    "residence",
    "city_employment_ended_on",
    "staff_count",
    "open_data_used",
    "has_budget_responsibility",
    "private_provider",
    "serves_mainly_city_residents",
)


@actor_from("by")
@transaction.atomic
def application_save(
    *,
    application: Application,
    by: User,
    expected_version: int,
    budget_lines: Iterable[tuple[str, Decimal]] | None = None,
    now: datetime | None = None,
    **fields,
) -> Application:
    """Save the draft as it stands; nothing is required yet. Refused on a stale version."""
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    require("calls.edit_application", by, application, message=_("Only the applicant changes a draft."))
    _check_draft_fields(application, by, fields)
    text = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    before = snapshot(application)
    updated = Application.objects.filter(pk=application.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now or timezone.now(), **text
    )
    if not updated:
        raise ConflictError(
            _("This application was saved from somewhere else meanwhile. Nothing was overwritten; reload it to go on.")
        )
    if budget_lines is not None:
        _replace_budget(application, budget_lines)
    application.refresh_from_db()
    log_update(application, before=before, fields=text)
    return application


def _check_draft_fields(application: Application, by: User, fields: dict) -> None:
    """What a draft's fields must be even before submitting: the applicant's own choices, no negative amounts."""
    unit = fields.get("unit")
    if unit is not None and registered_through_committee(application.call) and not registers_for(by, unit):
        raise DomainError(
            _("Choose a unit of the committee, administration or company you register entries for."), field="unit"
        )
    category = fields.get("category")
    if category is not None and category.call_id != application.call_id:
        raise DomainError(_("Choose one of the call's classes."), field="category")
    idea = fields.get("idea")
    if idea is not None and not Idea.objects.visible_to(by).filter(pk=idea.pk).exists():
        raise DomainError(_("Choose an idea you can see."), field="idea")
    for money in ("requested_amount", "co_financing"):
        value = fields.get(money)
        if value is not None and value < 0:
            raise DomainError(_("An amount cannot be negative."), field=money)


def _replace_budget(application: Application, budget_lines: Iterable[tuple[str, Decimal | None]]) -> None:
    """The draft's budget, line by line as written; empty lines are left out."""
    application.budget_lines.all().delete()
    lines = []
    for description, amount in budget_lines:
        if not description.strip() and amount is None:
            continue
        if not description.strip():
            raise DomainError(_("Describe every cost that has an amount."), field="budget")
        if amount is None or amount < 0:
            raise DomainError(_("Give every cost an amount of 0 kronor or more."), field="budget")
        lines.append(BudgetLine(application=application, description=description.strip()[:200], amount=amount))
    log_created(BudgetLine.objects.bulk_create(lines))


@actor_from("by")
def application_file_add(*, application: Application, by: User, upload: UploadedFile) -> ApplicationFile:
    require("calls.edit_application", by, application, message=_("Only the applicant adds files to a draft."))
    accepted = accept_upload(upload, field="attachments")
    with transaction.atomic():
        return ApplicationFile.objects.create(
            application=application,
            file=upload,
            original_name=accepted.name,
            content_type=accepted.content_type,
            size=accepted.size,
        )


@actor_from("by")
def application_file_remove(*, file: ApplicationFile, by: User) -> None:
    """Take a file off a draft; the stored file goes once the removal is committed."""
    application = file.application
    require("calls.edit_application", by, application, message=_("Only the applicant removes files from a draft."))
    stored = file.file.name
    storage = file.file.storage
    with transaction.atomic():
        file.delete()
        update_logged(application, updated_at=timezone.now())
        transaction.on_commit(lambda: storage.delete(stored) if stored else None)


@actor_from("by")
@transaction.atomic
def application_submit(
    *, application: Application, by: User, expected_version: int, now: datetime | None = None
) -> Application:
    """Submit before the deadline (Stockholm time); refused after it, or while incomplete or ineligible. The draft is kept."""
    moment, now = now, now or timezone.now()
    # Locked, and asked on the locked row: of two submissions at the same moment, the second is told it is done.
    current = Application.objects.select_for_update().select_related("call", "applicant").get(pk=application.pk)
    if current.applicant_id == by.pk and current.submitted_at is not None:
        raise DomainError(_("The application is already submitted."), code=ErrorCode.SUBMITTED)
    require("calls.edit_application", by, current, message=_("Only the applicant submits a draft."))
    call = current.call
    if call.results_published_at is not None:
        raise DomainError(
            _(
                "The results of this call are published. The application can no longer be submitted; your draft is kept."
            ),
            code=ErrorCode.LATE,
        )
    if now >= call.closes_at:
        raise DomainError(
            _(
                "The call closed on %(deadline)s (Stockholm time). The application can no longer be submitted; your draft is kept."
            )
            % {"deadline": _stockholm(call.closes_at)},
            code=ErrorCode.LATE,
        )
    missing = application_missing(current)
    if missing:
        raise DomainError(
            _("The application cannot be submitted yet. Still missing: %(missing)s.") % {"missing": "; ".join(missing)},
            code=ErrorCode.INCOMPLETE,
        )
    problems = eligibility_problems(current, now=now)
    if problems:
        raise DomainError(
            _("The application does not meet the call's rules: %(problems)s") % {"problems": " ".join(problems)},
            code=ErrorCode.INELIGIBLE,
        )
    if current.version != expected_version:  # the row is locked: this compare is the guard
        raise ConflictError(
            _("This application was saved from somewhere else meanwhile. Nothing was overwritten; reload it to go on.")
        )
    # Saved through the model, so the audit log records the submission.
    current.status, current.submitted_at, current.version = Status.SUBMITTED, now, current.version + 1
    changed_at(current, moment)
    current.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    title = current.title
    notify(
        recipients=[current.applicant],
        message_factory=lambda: gettext_lazy("Your application “%(title)s” is submitted.") % {"title": title},
        url=current.get_absolute_url(),
    )
    notify(
        recipients=executive_office_people(),
        message_factory=lambda: gettext_lazy("New application to screen: “%(title)s”") % {"title": title},
        url=current.get_absolute_url(),
        exclude=by,
    )
    return current


@actor_from("by")
@transaction.atomic
def application_withdraw(*, application: Application, by: User, now: datetime | None = None) -> Application:
    current = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    # Checked on the locked row: a decision recorded meanwhile is not undone by a withdrawal.
    require("calls.withdraw_application", by, current, message=_("Only the applicant withdraws, before the decision."))
    current.status, current.version = Status.WITHDRAWN, current.version + 1
    changed_at(current, now)
    current.save(update_fields=["status", "version", "updated_at"])
    application.status, application.version, application.updated_at = (
        current.status,
        current.version,
        current.updated_at,
    )
    return current


@actor_from("by")
@transaction.atomic
def application_screen(
    *,
    application: Application,
    by: User,
    eligible: bool,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Application:
    """The office's screening: eligible applications go to the jury; the applicant of an ineligible one is told why.

    Who screened and when is kept on the application (and every screening in the audit log). With
    ``expected_version``, a screening made by someone else meanwhile is refused, not overwritten.
    """
    moment, now = now, now or timezone.now()
    require(
        "calls.screen_application",
        by,
        application,
        message=_("Only the city's innovation office screens applications."),
    )
    current = Application.objects.select_for_update().get(pk=application.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this application meanwhile (a screening, or the applicant withdrawing it). Nothing was overwritten; look at it again before screening."
            )
        )
    if current.status not in (Status.SUBMITTED, Status.IN_REVIEW, Status.INELIGIBLE):
        raise DomainError(_("Only submitted applications are screened."), code=ErrorCode.STATE)
    if not eligible and not note.strip():
        raise DomainError(_("Say why the application is not eligible; the applicant is told."), field="note")
    status = Status.IN_REVIEW if eligible else Status.INELIGIBLE
    # Saved through the model, so the audit log keeps every screening (who, when, what, why).
    current.status, current.screening_note, current.screened_by, current.screened_at = status, note.strip(), by, now
    current.version += 1
    changed_at(current, moment)
    current.save(update_fields=["status", "screening_note", "screened_by", "screened_at", "version", "updated_at"])
    application.status, application.version = current.status, current.version
    application.screening_note = current.screening_note
    application.screened_by, application.screened_at = by, now
    if not eligible:
        title, reason = current.title, current.screening_note
        notify(
            recipients=[current.applicant],
            message_factory=lambda: (
                gettext_lazy("Your application “%(title)s” is not eligible: %(reason)s")
                % {"title": title, "reason": reason}
            ),
            url=current.get_absolute_url(),
        )
    return current
