"""Every write of calls, applications and juries. Keyword-only, atomic, checked, with clear refusals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from calls.models import (
    Application,
    ApplicationFile,
    Assignment,
    BudgetLine,
    Call,
    Category,
    Conflict,
    Criterion,
    Decision,
    FinalReport,
    Juror,
    Payment,
    Programme,
    Residence,
    Score,
    Status,
)
from calls.rules import (
    is_programme_office,
    is_recused,
    registered_through_committee,
    registers_for,
    registration_paths,
    seat,
)
from core.audit import actor_from, log_created, log_update, snapshot, update_logged
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.services import notify
from core.uploads import accept_upload
from ideas.models import Idea
from organisation.models import PersonKind, User, executive_office_people

#: Two jurors' weighted totals further apart than this share of the scale are flagged.
DISAGREEMENT_SHARE = Decimal("0.25")


def _require(user: User, perm: str, obj=None, message: str | None = None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDeniedError(message or _("You may not do this."))


def _stamp(obj: Application | Assignment, moment: datetime | None) -> None:
    """A step saved through the model (so the audit log has it) takes the clock's ``updated_at``; a step given
    a moment in the past (the demo city's history) is dated to it."""
    if moment is None:
        return
    update_logged(obj, updated_at=moment)


def _stockholm(moment: datetime) -> str:
    return date_format(timezone.localtime(moment, CITY_TIME_ZONE), "j F Y H:i")


# --- calls -------------------------------------------------------------------------------------


def _check_call(**call) -> None:
    """What any call must be, new or changed (the texts already stripped)."""
    if call["programme"] not in Programme.values:
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
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office sets up calls."))
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
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office publishes calls."))
    if not call.criteria.exists():
        raise DomainError(_("Add the criteria the jury scores on before publishing the call."), field="criteria")
    call.published = True
    call.save(update_fields=["published", "updated_at"])
    return call


#: What ``call_update`` may change, and from when each is frozen (see its docstring).
CALL_FIELDS = (
    "programme",
    "title",
    "summary",
    "description",
    "year",
    "opens_at",
    "closes_at",
    "budget",
    "blind_review",
    "scale_min",
    "scale_max",
    "min_age",
    "no_city_employment_months",
    "exclude_last_year_winners",
    "min_staff",
)
#: The eligibility rules: applicants who submitted were checked against them, so they stay.
RULE_FIELDS = ("min_age", "no_city_employment_months", "exclude_last_year_winners", "min_staff")
#: What may still change once the results are published.
TEXT_FIELDS = ("title", "summary", "description")


def call_frozen(call: Call) -> dict[str, str]:
    """The fields of ``CALL_FIELDS`` that can no longer change, each with why (see ``call_update``)."""
    applications = Application.objects.filter(call=call)
    frozen: dict[str, str] = {}
    if applications.exists():
        frozen["programme"] = _("People have started applications to this call, so its programme can no longer change.")
    if applications.filter(submitted_at__isnull=False).exists():
        rule = _("Applications have been submitted and checked against this rule, so it can no longer change.")
        frozen.update(dict.fromkeys(RULE_FIELDS, rule))
    if Assignment.objects.filter(application__call=call).exists():
        frozen["blind_review"] = _(
            "Applications are already with the jurors, so blind review can no longer be switched on or off."
        )
    if Score.objects.filter(assignment__application__call=call).exists():
        scale = _("Jurors have started scoring, so the scale can no longer change.")
        frozen["scale_min"] = frozen["scale_max"] = scale
    if call.results_published_at is not None:
        published = _("The results are published, so only the title, the summary and the description can change.")
        for name in CALL_FIELDS:
            if name not in TEXT_FIELDS:
                frozen.setdefault(name, published)
    return frozen


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
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office changes calls."))
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
    _check_call(**merged)
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
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    current.version += 1
    current.save(update_fields=[*changed, "version", "updated_at"])
    if "closes_at" in changed and current.published:
        title, deadline = current.title, current.closes_at
        drafts = Application.objects.filter(call=current, status=Status.DRAFT)
        drafting = User.objects.filter(pk__in=drafts.values("applicant_id"))
        notify(
            recipients=drafting,
            message_factory=lambda: (
                gettext_lazy("The call “%(title)s” now closes on %(deadline)s (Stockholm time).")
                % {"title": title, "deadline": _stockholm(deadline)}
            ),
            url=current.get_absolute_url(),
            exclude=by,
        )
    return current


@actor_from("by")
@transaction.atomic
def criterion_add(*, call: Call, by: User, name: str, description: str = "", weight: Decimal | str = "1") -> Criterion:
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office sets the rubric."))
    if call.applications.filter(assignments__submitted_at__isnull=False).exists():
        raise DomainError(_("Jurors have already scored; the rubric can no longer change."), field="name")
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
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office sets the rubric."))
    scored = DomainError(_("Jurors have started scoring; the rubric can no longer change."), code="state")
    call = Call.objects.select_for_update().get(pk=criterion.call_id)  # one change of the rubric at a time
    if Score.objects.filter(assignment__application__call=call).exists():
        raise scored
    if call.published and not call.criteria.exclude(pk=criterion.pk).exists():
        raise DomainError(
            _("A published call needs at least one criterion; add the new one before removing this."), code="state"
        )
    try:
        with transaction.atomic():
            criterion.delete()
    except ProtectedError:  # a score saved at this very moment
        raise scored from None


@actor_from("by")
@transaction.atomic
def category_add(*, call: Call, by: User, name: str, entry_rule: str = "") -> Category:
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office sets up classes."))
    if not name.strip():
        raise DomainError(_("Name the class."), field="name")
    return Category.objects.create(call=call, name=name.strip(), entry_rule=entry_rule.strip())


@actor_from("by")
@transaction.atomic
def category_remove(*, category: Category, by: User) -> None:
    """Take a class out of the call, while no application has chosen it."""
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office sets up classes."))
    refusal = DomainError(
        _("Applications have chosen the class “%(name)s”; it can no longer be removed.") % {"name": category.name},
        code="state",
    )
    Category.objects.select_for_update().filter(pk=category.pk).first()
    if Application.objects.filter(category=category).exists():
        raise refusal
    try:
        with transaction.atomic():
            category.delete()
    except ProtectedError:  # an application chose it at this very moment
        raise refusal from None


@actor_from("by")
@transaction.atomic
def juror_add(*, call: Call, by: User, user: User, is_chair: bool = False) -> Juror:
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office forms the jury."))
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
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office forms the jury."))
    seat_row = Juror.objects.select_for_update().filter(call=call, user=user).first()
    if seat_row is None:
        raise DomainError(_("%(name)s is not on the jury.") % {"name": user.name}, code="state")
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
            code="state",
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
        raise DomainError(_("The call is not open yet."), code="closed")
    if now >= call.closes_at:
        raise DomainError(
            _("The call closed on %(deadline)s; no new applications.") % {"deadline": _stockholm(call.closes_at)},
            code="closed",
        )
    if registered_through_committee(call) and not registration_paths(applicant):
        raise DomainError(str(REGISTERED_THROUGH_COMMITTEE), code="committee")
    unit = applicant.unit if call.is_by_unit and applicant.kind == PersonKind.EMPLOYEE else None
    if registered_through_committee(call) and not registers_for(applicant, unit):
        unit = None
    application = Application.objects.create(call=call, applicant=applicant, unit=unit)
    if moment is not None:  # a moment in the past (the demo city's history)
        update_logged(application, created_at=moment, updated_at=moment)
    return application


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
    _require(by, "calls.edit_application", application, _("Only the applicant changes a draft."))
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
    application.refresh_from_db()
    log_update(application, before=before, fields=text)
    return application


@actor_from("by")
def application_file_add(*, application: Application, by: User, upload: UploadedFile) -> ApplicationFile:
    _require(by, "calls.edit_application", application, _("Only the applicant adds files to a draft."))
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
    _require(by, "calls.edit_application", application, _("Only the applicant removes files from a draft."))
    stored = file.file.name
    storage = file.file.storage
    with transaction.atomic():
        file.delete()
        update_logged(application, updated_at=timezone.now())
        transaction.on_commit(lambda: storage.delete(stored) if stored else None)


def years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def eligibility_problems(application: Application, *, now: datetime | None = None) -> list[str]:
    """Every rule of the call the application does not meet, said so the applicant understands exactly why."""
    now = now or timezone.now()
    today = timezone.localtime(now, CITY_TIME_ZONE).date()
    call = application.call
    problems: list[str] = []
    if call.programme == Programme.STIPEND and application.residence == Residence.NONE:
        problems.append(_("The stipend is for people who live, work or study in the city."))
    if call.min_age is not None and application.birth_date is not None:
        age = years_between(application.birth_date, today)
        if age < call.min_age:
            problems.append(
                _("You must be at least %(min)s years old to apply; by your date of birth you are %(age)s.")
                % {"min": call.min_age, "age": age}
            )
    if call.no_city_employment_months is not None:
        months = call.no_city_employment_months
        if application.applicant.kind == PersonKind.EMPLOYEE:
            problems.append(
                _(
                    "People employed by the city cannot apply; the rule is no employment by the city in the past %(months)s months."
                )
                % {"months": months}
            )
        elif application.city_employment_ended_on is not None:
            ended = application.city_employment_ended_on
            since = (today.year - ended.year) * 12 + (today.month - ended.month) - (today.day < ended.day)
            if since < months:
                problems.append(
                    _("Your employment by the city ended on %(ended)s, less than %(months)s months ago.")
                    % {"ended": date_format(ended, "j F Y"), "months": months}
                )
    if call.exclude_last_year_winners:
        won = Application.objects.filter(
            applicant=application.applicant,
            call__programme=call.programme,
            call__year=call.year - 1,
            status=Status.GRANTED,
        ).exists()
        if won:
            problems.append(
                _("You won in %(year)s; last year's winners cannot apply again this year.") % {"year": call.year - 1}
            )
    unit = application.unit
    if registered_through_committee(call) and unit is not None and not registers_for(application.applicant, unit):
        problems.append(
            _(
                "Entries are registered through the committee: %(name)s is not a manager or innovation office of the administration or company of %(unit)s."
            )
            % {"name": application.applicant.name, "unit": unit.name}
        )
    if call.programme == Programme.QUALITY_AWARD:
        if application.private_provider:
            if application.serves_mainly_city_residents is False:
                problems.append(_("A private provider may enter only if it serves mainly the city's residents."))
        elif application.has_budget_responsibility is False:
            problems.append(_("The entering unit must have its own budget and staff responsibility."))
        if (
            call.min_staff is not None
            and application.staff_count is not None
            and application.staff_count < call.min_staff
        ):
            problems.append(
                _("The entering unit must have at least %(min)s staff; it has %(n)s.")
                % {"min": call.min_staff, "n": application.staff_count}
            )
    return problems


def application_missing(application: Application) -> list[str]:
    """What the draft still lacks before it can be submitted."""
    call = application.call
    missing = []
    if not application.title.strip():
        missing.append(_("a title"))
    if not application.summary.strip():
        missing.append(_("a summary"))
    if not application.description.strip():
        missing.append(_("a description"))
    if call.categories.exists() and application.category_id is None:
        missing.append(_("the class you enter"))
    if call.programme == Programme.FUND:
        if application.idea_id is None:
            missing.append(_("the idea in the innovation lock the money is for"))
        if application.requested_amount is None:
            missing.append(_("the amount applied for"))
        if not application.budget_lines.exists():
            missing.append(_("a budget with at least one cost line"))
    if call.programme == Programme.STIPEND:
        if application.requested_amount is None:
            missing.append(_("the amount applied for"))
        if call.min_age is not None and application.birth_date is None:
            missing.append(_("your date of birth"))
        if not application.residence:
            missing.append(_("whether you live, work or study in the city"))
    if call.programme == Programme.OPEN_DATA_AWARD and not application.open_data_used.strip():
        missing.append(_("which of the city's open data it builds on"))
    if call.programme == Programme.RENEWAL_PRIZE and application.idea_id is None:
        missing.append(_("the realised innovation you nominate (its idea)"))
    if call.programme == Programme.QUALITY_AWARD:
        if application.staff_count is None:
            missing.append(_("the number of staff"))
        if not application.private_provider and application.has_budget_responsibility is None:
            missing.append(_("whether the unit has its own budget and staff responsibility"))
        if application.private_provider and application.serves_mainly_city_residents is None:
            missing.append(_("whether the provider serves mainly the city's residents"))
    if call.is_by_unit and application.unit_id is None:
        missing.append(_("the unit the application is from"))
    return [str(m) for m in missing]


@actor_from("by")
@transaction.atomic
def application_submit(
    *, application: Application, by: User, expected_version: int, now: datetime | None = None
) -> Application:
    """Submit before the deadline (Stockholm time); refused after it, or while incomplete or ineligible. The draft is kept."""
    moment, now = now, now or timezone.now()
    current = Application.objects.select_for_update().select_related("call", "applicant").get(pk=application.pk)
    _require(by, "calls.edit_application", current, _("Only the applicant submits a draft."))
    call = current.call
    if now >= call.closes_at:
        raise DomainError(
            _(
                "The call closed on %(deadline)s (Stockholm time). The application can no longer be submitted; your draft is kept."
            )
            % {"deadline": _stockholm(call.closes_at)},
            code="late",
        )
    missing = application_missing(current)
    if missing:
        raise DomainError(
            _("The application cannot be submitted yet. Still missing: %(missing)s.") % {"missing": "; ".join(missing)},
            code="incomplete",
        )
    problems = eligibility_problems(current, now=now)
    if problems:
        raise DomainError(
            _("The application does not meet the call's rules: %(problems)s") % {"problems": " ".join(problems)},
            code="ineligible",
        )
    if current.version != expected_version:  # the row is locked: this compare is the guard
        raise ConflictError(
            _("This application was saved from somewhere else meanwhile. Nothing was overwritten; reload it to go on.")
        )
    # Saved through the model, so the audit log records the submission.
    current.status, current.submitted_at, current.version = Status.SUBMITTED, now, current.version + 1
    current.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    _stamp(current, moment)
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
    _require(by, "calls.withdraw_application", current, _("Only the applicant withdraws, before the decision."))
    current.status, current.version = Status.WITHDRAWN, current.version + 1
    current.save(update_fields=["status", "version", "updated_at"])
    _stamp(current, now)
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
    _require(by, "calls.screen_application", application, _("Only the city's innovation office screens applications."))
    current = Application.objects.select_for_update().get(pk=application.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this application meanwhile (a screening, or the applicant withdrawing it). Nothing was overwritten; look at it again before screening."
            )
        )
    if current.status not in (Status.SUBMITTED, Status.IN_REVIEW, Status.INELIGIBLE):
        raise DomainError(_("Only submitted applications are screened."), code="state")
    if not eligible and not note.strip():
        raise DomainError(_("Say why the application is not eligible; the applicant is told."), field="note")
    status = Status.IN_REVIEW if eligible else Status.INELIGIBLE
    # Saved through the model, so the audit log keeps every screening (who, when, what, why).
    current.status, current.screening_note, current.screened_by, current.screened_at = status, note.strip(), by, now
    current.version += 1
    current.save(update_fields=["status", "screening_note", "screened_by", "screened_at", "version", "updated_at"])
    _stamp(current, moment)
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


# --- the jury ----------------------------------------------------------------------------------


@actor_from("juror")
@transaction.atomic
def conflict_declare(*, application: Application, juror: User, reason: str, now: datetime | None = None) -> Conflict:
    """A juror declares a conflict of interest: from now on they can neither see nor score the application."""
    if seat(juror, application.call) is None:
        raise PermissionDeniedError(_("Only the call's jurors declare conflicts of interest."))
    if Assignment.objects.filter(application=application, juror=juror, submitted_at__isnull=False).exists():
        raise DomainError(
            _(
                "Your scores on this application are submitted and part of the jury's work. Tell the city's innovation office (executive office) of the conflict: it decides what happens with them."
            ),
            code="submitted",
        )
    if not reason.strip():
        raise DomainError(_("Say what the conflict is, for example a colleague or a relative."), field="reason")
    conflict, created = Conflict.objects.get_or_create(
        application=application, juror=juror, defaults={"reason": reason.strip()}
    )
    if created and now is not None:  # a moment in the past (the demo city's history)
        update_logged(conflict, created_at=now, updated_at=now)
    Assignment.objects.filter(application=application, juror=juror, submitted_at__isnull=True).delete()
    return conflict


@actor_from("by")
@transaction.atomic
def assignment_add(*, application: Application, juror: User, by: User, now: datetime | None = None) -> Assignment:
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office assigns applications."))
    application = Application.objects.select_related("call", "unit", "applicant__unit").get(pk=application.pk)
    if seat(juror, application.call) is None:
        raise DomainError(_("Add the person to the call's jury first."), field="juror")
    if application.status != Status.IN_REVIEW:
        raise DomainError(_("Only applications screened as eligible go to the jury."), code="state")
    if is_recused(juror, application):
        raise DomainError(
            _(
                "%(juror)s is recused from this application (same organisation as the applicant, or a declared conflict)."
            )
            % {"juror": juror.name},
            field="juror",
        )
    assignment, created = Assignment.objects.get_or_create(
        application=application, juror=juror, defaults={"assigned_by": by}
    )
    if created and now is not None:  # a moment in the past (the demo city's history)
        update_logged(assignment, created_at=now, updated_at=now)
    return assignment


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
    if not juror.has_perm("calls.score_application", application):
        if application.status != Status.IN_REVIEW:
            raise DomainError(
                _(
                    "The application is no longer with the jury (it is decided or withdrawn); scores can no longer change."
                ),
                code="locked",
            )
        raise PermissionDeniedError(_("You are not assigned this application, or you are recused from it."))
    # The application is locked first (as a decision or a withdrawal locks it), then the juror's assignment:
    # a decision or a withdrawal made meanwhile closes the scoring.
    status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
    assignment = Assignment.objects.select_for_update().get(application=application, juror=juror)
    if status != Status.IN_REVIEW:
        raise DomainError(
            _("The application is no longer with the jury (it is decided or withdrawn); scores can no longer change."),
            code="locked",
        )
    if assignment.submitted_at is not None:
        raise DomainError(_("Your scores are submitted and final."), code="locked")
    if assignment.version != expected_version:
        raise ConflictError(_("Your scores were saved from another window meanwhile. Nothing was overwritten; reload."))
    call = application.call
    criteria = {c.pk: c for c in call.criteria.all()}
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    for criterion_id, (value, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            continue
        field = f"score-{criterion_id}"
        if value is None:
            if comment.strip():
                raise DomainError(_("Give a score with the comment on “%(c)s”.") % {"c": criterion.name}, field=field)
            continue
        if not call.scale_min <= value <= call.scale_max:
            raise DomainError(
                _("A score on “%(c)s” must be from %(lo)s to %(hi)s.")
                % {"c": criterion.name, "lo": call.scale_min, "hi": call.scale_max},
                field=field,
            )
        if not comment.strip():
            raise DomainError(
                _("Write a comment on “%(c)s”: every score needs its reason.") % {"c": criterion.name},
                field=f"comment-{criterion_id}",
            )
        row = existing.get(criterion_id)
        if row is None:
            Score.objects.create(assignment=assignment, criterion=criterion, value=value, comment=comment.strip())
        else:
            row.value, row.comment = value, comment.strip()
            row.save(update_fields=["value", "comment"])
    total = None
    if submit:
        final = {s.criterion_id: s.value for s in assignment.scores.all()}
        lacking = [c.name for pk, c in criteria.items() if pk not in final]
        if lacking:
            raise DomainError(
                _("Score every criterion before submitting. Still to score: %(list)s.") % {"list": ", ".join(lacking)},
                code="incomplete",
            )
        total = weighted_total(final, {pk: c.weight for pk, c in criteria.items()})
    # Saved through the model, so the audit log records the submission and the total.
    assignment.version += 1
    assignment.submitted_at, assignment.total = (now if submit else None), total
    assignment.save(update_fields=["version", "submitted_at", "total", "updated_at"])
    _stamp(assignment, moment)
    return assignment


def weighted_total(values: dict[int, int], weights: dict[int, Decimal]) -> Decimal:
    """One juror's total: the mean of their scores (criterion id → value) weighted by the criteria's weights."""
    weight = sum((weights[pk] for pk in values), Decimal(0))
    if not weight:
        return Decimal(0)
    return (sum((value * weights[pk] for pk, value in values.items()), Decimal(0)) / weight).quantize(Decimal("0.01"))


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
    if not by.has_perm("calls.decide_application", current):
        raise PermissionDeniedError(
            _("Only the jury's chair decides, and not on an application they are recused from.")
        )
    if current.status != Status.IN_REVIEW:
        raise DomainError(_("Only applications with the jury can be decided."), code="state")
    if Decision.objects.filter(application=current).exists():
        raise DomainError(_("This application is already decided."), code="state")
    if not justification.strip():
        raise DomainError(_("Write the justification; it is published with the decision."), field="justification")
    if granted and current.call.is_funding:
        if amount is None or amount <= 0:
            raise DomainError(_("Give the amount granted."), field="amount")
        if current.requested_amount is not None and amount > current.requested_amount:
            raise DomainError(_("The amount granted cannot exceed the amount applied for."), field="amount")
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
    current.save(update_fields=["status", "granted_amount", "version", "updated_at"])
    _stamp(current, moment)
    title = current.title
    if current.call.is_funding:
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
        recipients=[current.applicant],
        message_factory=lambda: message % {"title": title},
        url=current.get_absolute_url(),
    )
    return decision


@actor_from("by")
@transaction.atomic
def results_publish(*, call: Call, by: User, now: datetime | None = None) -> Call:
    """Publish the winners and the public record of the call's decisions."""
    _require(by, "calls.manage_calls", message=_("Only the city's innovation office publishes results."))
    if call.applications.filter(status=Status.IN_REVIEW).exists():
        raise DomainError(_("Every application with the jury needs a decision before the results are published."))
    if call.applications.filter(status=Status.SUBMITTED).exists():
        raise DomainError(_("Every submitted application needs to be screened before the results are published."))
    call.results_published_at = now or timezone.now()
    call.save(update_fields=["results_published_at", "updated_at"])
    return call


@actor_from("by")
@transaction.atomic
def payment_record(*, application: Application, by: User, amount: Decimal, paid_on: date, note: str = "") -> Payment:
    if not is_programme_office(by):
        raise PermissionDeniedError(_("Only the city's innovation office records payments."))
    # Locked, so two payments recorded at once cannot together exceed the grant.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.GRANTED:
        raise DomainError(_("Only granted applications are paid."), code="state")
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
    if application.applicant_id != by.pk and not is_programme_office(by):
        raise PermissionDeniedError(_("Only the applicant writes the final report."))
    if application.status != Status.GRANTED or not application.call.is_funding:
        raise DomainError(_("Only funded projects write a final report."), code="state")
    if hasattr(application, "final_report"):
        raise DomainError(_("The final report is already submitted."), code="state")
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
