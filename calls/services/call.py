"""Setting up a call: create, change and publish it, its criteria (the rubric) and its classes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from calls.models import JURY_ONLY_PROGRAMMES, Application, Assignment, Call, Category, Criterion, Programme, Status
from calls.policies import CALL_FIELDS, call_frozen, rubric_frozen
from calls.services._common import _stockholm
from core.audit import actor_from
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.services import notify
from ideas.models import Idea
from organisation.models import User

# --- calls -------------------------------------------------------------------------------------


def _check_call(*, jury_only: bool = False, **call) -> None:
    """What any call must be, new or changed (the texts already stripped)."""
    if call["programme"] not in Programme.values or (call["programme"] in JURY_ONLY_PROGRAMMES) != jury_only:
        raise DomainError(_("Choose the programme."), field="programme")
    if not call["title"]:
        raise DomainError(_("Give the call a title."), field="title")
    if not call["summary"]:
        raise DomainError(_("Write a one-line summary of the call."), field="summary")
    if call["closes_at"] <= call["opens_at"]:
        raise DomainError(_("The call must close after it opens."), field="closes_at")
    if call["scale_max"] <= call["scale_min"]:
        raise DomainError(_("The highest score must be above the lowest."), field="scale_max")
    if call["budget"] is not None and call["budget"] < 0:
        raise DomainError(_("The budget cannot be negative."), field="budget")


@actor_from("by")
@transaction.atomic
def call_create(
    *,
    by: User,
    programme: str,
    title: str,
    summary: str,
    description: str,
    year: int,
    opens_at: datetime,
    closes_at: datetime,
    budget: Decimal | None = None,
    blind_review: bool = False,
    scale_min: int = 1,
    scale_max: int = 5,
    min_age: int | None = None,
    no_city_employment_months: int | None = None,
    exclude_last_year_winners: bool = False,
    min_staff: int | None = None,
    published: bool = False,
) -> Call:
    require("calls.manage_calls", by, message=_("Only the city's innovation office sets up calls."))
    _check_call(
        programme=programme,
        title=title.strip(),
        summary=summary.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        scale_min=scale_min,
        scale_max=scale_max,
        budget=budget,
    )
    return Call.objects.create(
        programme=programme,
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        year=year,
        opens_at=opens_at,
        closes_at=closes_at,
        budget=budget,
        blind_review=blind_review,
        scale_min=scale_min,
        scale_max=scale_max,
        min_age=min_age,
        no_city_employment_months=no_city_employment_months,
        exclude_last_year_winners=exclude_last_year_winners,
        min_staff=min_staff,
        published=published,
        created_by=by,
    )


@actor_from("by")
@transaction.atomic
def call_publish(*, call: Call, by: User) -> Call:
    require("calls.manage_calls", by, message=_("Only the city's innovation office publishes calls."))
    if not call.criteria.exists():
        raise DomainError(_("Add the criteria the jury scores on before publishing the call."), field="criteria")
    call.published = True
    call.save(update_fields=["published", "updated_at"])
    return call


@actor_from("by")
@transaction.atomic
def call_update(*, call: Call, by: User, expected_version: int, now: datetime | None = None, **fields) -> Call:
    """Change a call, published or not, as far as fairness to those who already took part allows.

    - the programme: only while nobody has started an application;
    - the eligibility rules: only until the first application is submitted (it was checked against them);
    - blind review: only until applications are given to jurors (they may have seen who applied);
    - the scale: only until the first score is saved;
    - the deadline of a published call: only to a moment still to come (nobody is shut out after the
      fact); applicants with a draft are told of a new deadline;
    - the opening of a published call that has opened: not to a later moment (it would shut it);
    - once the results are published: only the title, the summary and the description.

    Refused on a stale ``expected_version``: two people editing one call never overwrite each other.
    Every change is in the audit log.
    """
    now = now or timezone.now()
    unknown = set(fields) - set(CALL_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    require("calls.manage_calls", by, message=_("Only the city's innovation office changes calls."))
    current = Call.objects.select_for_update().get(pk=call.pk)
    if current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this call meanwhile. Nothing was overwritten; open the call again to see their changes."
            )
        )
    text = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    changed = {k: v for k, v in text.items() if getattr(current, k) != v}
    merged = {name: changed.get(name, getattr(current, name)) for name in CALL_FIELDS}
    _check_call(jury_only=current.is_jury_only, **merged)
    _check_change(current, changed, merged, now)
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    current.version += 1
    current.save(update_fields=[*changed, "version", "updated_at"])
    if "closes_at" in changed and current.published:
        _tell_drafting_of_deadline(current, by)
    return current


def _check_change(current: Call, changed: dict, merged: dict, now: datetime) -> None:
    """Refuse a change of what is frozen (``call_frozen``), or of a published call's moments after the fact."""
    frozen = call_frozen(current) if changed else {}
    for name in changed:
        if name in frozen:
            # The scale is one setting: it is reported at its first field.
            raise DomainError(frozen[name], field="scale_min" if name == "scale_max" else name)
    if "opens_at" in changed and current.published and current.opens_at <= now < merged["opens_at"]:
        raise DomainError(
            _("The call has opened; its opening can no longer be moved to a later moment."), field="opens_at"
        )
    if "closes_at" in changed and current.published and merged["closes_at"] <= now:
        raise DomainError(
            _("A published call's deadline can only be moved to a moment still to come."), field="closes_at"
        )


def _tell_drafting_of_deadline(call: Call, by: User) -> None:
    """Those with a draft to the call are told of its new deadline."""
    title, deadline = call.title, call.closes_at
    drafts = Application.objects.filter(call=call, status=Status.DRAFT)
    drafting = User.objects.filter(pk__in=drafts.values("applicant_id"))
    notify(
        recipients=drafting,
        message_factory=lambda: (
            gettext_lazy("The call “%(title)s” now closes on %(deadline)s (Stockholm time).")
            % {"title": title, "deadline": _stockholm(deadline)}
        ),
        url=call.get_absolute_url(),
        exclude=by,
    )


#: Why the rubric can no longer change (``rubric_frozen``).
RUBRIC_FROZEN = gettext_lazy("Jurors have started scoring; the rubric can no longer change.")


def _rubric_locked(call_pk: int) -> Call:
    """The call, locked: one change of the rubric at a time, and none while it is being frozen."""
    return Call.objects.select_for_update().get(pk=call_pk)


@actor_from("by")
@transaction.atomic
def criterion_add(*, call: Call, by: User, name: str, description: str = "", weight: Decimal | str = "1") -> Criterion:
    require("calls.manage_call", by, call, message=_("Only the city's innovation office sets the rubric."))
    call = _rubric_locked(call.pk)
    if rubric_frozen(call):
        raise DomainError(str(RUBRIC_FROZEN), field="name")
    if not name.strip():
        raise DomainError(_("Name the criterion."), field="name")
    try:
        parsed = Decimal(str(weight).replace(",", "."))
    except InvalidOperation:
        raise DomainError(_("Write the weight as a number, for example 2 or 0,5."), field="weight") from None
    if not parsed.is_finite() or parsed <= 0 or parsed > 100:
        raise DomainError(_("The weight must be above 0 and at most 100."), field="weight")
    return Criterion.objects.create(call=call, name=name.strip(), description=description.strip(), weight=parsed)


@actor_from("by")
@transaction.atomic
def criterion_remove(*, criterion: Criterion, by: User) -> None:
    """Take a criterion out of the rubric, until the first score is saved on it or any other."""
    require("calls.manage_call", by, criterion.call, message=_("Only the city's innovation office sets the rubric."))
    scored = DomainError(str(RUBRIC_FROZEN), code=ErrorCode.STATE)
    call = _rubric_locked(criterion.call_id)
    if rubric_frozen(call):
        raise scored
    if (call.published or call.is_jury_only) and not call.criteria.exclude(pk=criterion.pk).exists():
        raise DomainError(
            _("A published call needs at least one criterion; add the new one before removing this."),
            code=ErrorCode.STATE,
        )
    try:
        with transaction.atomic():
            criterion.delete()
    except ProtectedError:  # a score saved at this very moment
        raise scored from None


@actor_from("by")
@transaction.atomic
def category_add(*, call: Call, by: User, name: str, entry_rule: str = "") -> Category:
    require("calls.manage_calls", by, message=_("Only the city's innovation office sets up classes."))
    if not name.strip():
        raise DomainError(_("Name the class."), field="name")
    return Category.objects.create(call=call, name=name.strip(), entry_rule=entry_rule.strip())


@actor_from("by")
@transaction.atomic
def category_remove(*, category: Category, by: User) -> None:
    """Take a class out of the call, while no application has chosen it."""
    require("calls.manage_calls", by, message=_("Only the city's innovation office sets up classes."))
    refusal = DomainError(
        _("Applications have chosen the class “%(name)s”; it can no longer be removed.") % {"name": category.name},
        code=ErrorCode.STATE,
    )
    Category.objects.select_for_update().filter(pk=category.pk).first()
    if Application.objects.filter(category=category).exists():
        raise refusal
    try:
        with transaction.atomic():
            category.delete()
    except ProtectedError:  # an application chose it at this very moment
        raise refusal from None


# --- another app's jury -----------------------------------------------------------------------------


@dataclass(frozen=True)
class JuryEntry:
    """What another app puts before its jury: one entry, by its author, about an idea."""

    applicant: User
    title: str
    summary: str
    description: str
    idea: Idea | None
    submitted_at: datetime


@actor_from("by")
@transaction.atomic
def jury_call_open(
    *,
    by: User,
    programme: str,
    title: str,
    summary: str,
    description: str,
    opens_at: datetime,
    closes_at: datetime,
    blind_review: bool = False,
    scale_min: int = 1,
    scale_max: int = 5,
    now: datetime | None = None,
) -> Call:
    """A call that is another app's jury (``JURY_ONLY_PROGRAMMES``): never published, nobody applies to it.

    The app that runs the programme has checked who may set it up, and ties the call to its own row before
    adding the rubric and the entries (``criterion_add``, ``jury_entries_add``), which ask ``calls.manage_call``.
    """
    if programme not in JURY_ONLY_PROGRAMMES:
        raise DomainError(_("Choose the programme."), field="programme")
    _check_call(
        jury_only=True,
        programme=programme,
        title=title.strip(),
        summary=summary.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        scale_min=scale_min,
        scale_max=scale_max,
        budget=None,
    )
    return Call.objects.create(
        programme=programme,
        title=title.strip()[:200],
        summary=summary.strip()[:300],
        description=description.strip(),
        year=timezone.localtime(opens_at).year,
        opens_at=opens_at,
        closes_at=closes_at,
        blind_review=blind_review,
        scale_min=scale_min,
        scale_max=scale_max,
        published=False,
        created_by=by,
        created_at=now or timezone.now(),
    )


@actor_from("by")
@transaction.atomic
def jury_entries_add(*, call: Call, by: User, entries: list[JuryEntry], now: datetime | None = None) -> int:
    """Put entries before another app's jury, straight to the jury (``IN_REVIEW``); an entry about an idea already
    there is put back if it was withdrawn. Returns how many were added or put back."""
    require("calls.manage_call", by, call, message=_("Only those who run the jury put entries before it."))
    if not call.is_jury_only:
        raise DomainError(_("Entries to this call are made by those who apply."), code=ErrorCode.STATE)
    now = now or timezone.now()
    Call.objects.select_for_update().filter(pk=call.pk).first()  # one sending at a time
    existing = {a.idea_id: a for a in Application.objects.filter(call=call, idea__isnull=False)}
    made = 0
    for entry in entries:
        found = existing.get(entry.idea.pk) if entry.idea is not None else None
        if found is not None:
            if found.status == Status.WITHDRAWN:
                found.status = Status.IN_REVIEW
                found.version += 1
                found.save(update_fields=["status", "version", "updated_at"])
                made += 1
            continue
        Application.objects.create(
            call=call,
            applicant=entry.applicant,
            idea=entry.idea,
            title=entry.title[:200],
            summary=entry.summary,
            description=entry.description,
            status=Status.IN_REVIEW,
            submitted_at=entry.submitted_at,
            created_at=now,
        )
        made += 1
    return made


@actor_from("by")
@transaction.atomic
def jury_entry_withdraw(*, application: Application, by: User) -> Application:
    """Take an entry back from another app's jury, with the assignments nobody has submitted scores on.

    Refused once a juror has submitted scores on it: they are part of the jury's work.
    """
    require("calls.manage_call", by, application.call, message=_("Only those who run the jury take entries back."))
    current = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if not current.call.is_jury_only:
        raise DomainError(_("Only the applicant withdraws an application."), code=ErrorCode.STATE)
    held = list(Assignment.objects.select_for_update(of=("self",)).filter(application=current))
    scored = sum(1 for assignment in held if assignment.submitted_at is not None)
    if scored:
        raise DomainError(
            ngettext(
                "%(n)s juror has submitted scores on it; they are part of the jury's work, so it stays with the jury.",
                "%(n)s jurors have submitted scores on it; they are part of the jury's work, so it stays with the jury.",
                scored,
            )
            % {"n": scored},
            code=ErrorCode.STATE,
        )
    Assignment.objects.filter(application=current).delete()
    if current.status != Status.WITHDRAWN:
        current.status = Status.WITHDRAWN
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
    return current
