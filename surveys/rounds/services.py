"""Writes of the questionnaire's versions and the survey rounds: set up, open (inviting the target group with
personal links), move to a new version, remind, close. Each is keyword-only and atomic, checks who may, and refuses
with a message that names the field at fault. Changes are optimistically locked (``expected_version``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import acting_system, actor_from, log_update, log_updated, snapshot
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, ErrorCode, require
from organisation.models import ORGANISATION_KINDS, PersonKind, Role, Unit, User
from surveys.anonymity import min_answers
from surveys.models import (
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Round,
    RoundState,
    TargetGroup,
    Theme,
)
from surveys.rounds import links

NAME_MAX = 200
TEXT_MAX = 400
MAX_REMINDERS = 5
#: The system the audit log names for a round closed when its last day has passed.
SCHEDULE = "schedule"
LONGEST_WINDOW_DAYS = 92


def today(now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), CITY_TIME_ZONE).date()


# --- questionnaire versions ------------------------------------------------------------------------------------


def version_has_answers(version: QuestionnaireVersion) -> bool:
    return Response.objects.filter(version=version).exists()


def _refuse_if_answered(version: QuestionnaireVersion) -> None:
    if version_has_answers(version):
        raise DomainError(
            _("Version %(number)s already has answers, so its questions cannot change. Make a new version instead.")
            % {"number": version.number},
            code=ErrorCode.LOCKED,
        )


@actor_from("by")
@transaction.atomic
def version_create(*, questionnaire: Questionnaire, by: User, note: str = "") -> QuestionnaireVersion:
    """A new version of the questionnaire, a copy of its latest, whose questions may then be changed."""
    require("surveys.run_surveys", by, message=_("Only the executive office keeps the questionnaire."))
    latest = questionnaire.versions.order_by("-number").first()
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=(latest.number + 1) if latest else 1, note=note.strip(), created_by=by
    )
    if latest is not None:
        Question.objects.bulk_create(
            Question(
                version=version,
                position=q.position,
                key=q.key,
                theme=q.theme,
                kind=q.kind,
                text_sv=q.text_sv,
                text_en=q.text_en,
            )
            for q in latest.questions.all()
        )
    return version


def _question_fields(*, text_sv: str, text_en: str, theme: str, kind: str) -> dict[str, str]:
    text_sv, text_en = (text_sv or "").strip(), (text_en or "").strip()
    if not text_sv:
        raise DomainError(_("Write the question in Swedish."), field="text_sv")
    if not text_en:
        raise DomainError(_("Write the question in English."), field="text_en")
    for field, text in (("text_sv", text_sv), ("text_en", text_en)):
        if len(text) > TEXT_MAX:
            raise DomainError(_("Keep the question to %(max)s characters.") % {"max": TEXT_MAX}, field=field)
    if theme not in Theme.values:
        raise DomainError(_("Choose what the question is about."), field="theme")
    if kind not in QuestionKind.values:
        raise DomainError(_("Choose the kind of question."), field="kind")
    if (theme == Theme.OPEN) != (kind == QuestionKind.TEXT):
        raise DomainError(_("A free-text question has the theme Free text, and only it."), field="theme")
    return {"text_sv": text_sv, "text_en": text_en, "theme": theme, "kind": kind}


def _new_key(version: QuestionnaireVersion, text_en: str) -> str:
    from django.utils.text import slugify

    base = (slugify(text_en)[:30].strip("-") or "question").rstrip("-")
    taken = set(
        Question.objects.filter(version__questionnaire_id=version.questionnaire_id).values_list("key", flat=True)
    )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@actor_from("by")
@transaction.atomic
def question_add(
    *, version: QuestionnaireVersion, by: User, text_sv: str, text_en: str, theme: str, kind: str
) -> Question:
    require("surveys.run_surveys", by, message=_("Only the executive office keeps the questionnaire."))
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_if_answered(version)
    fields = _question_fields(text_sv=text_sv, text_en=text_en, theme=theme, kind=kind)
    position = (version.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return Question.objects.create(
        version=version, position=position, key=_new_key(version, fields["text_en"]), **fields
    )


@actor_from("by")
@transaction.atomic
def question_update(
    *,
    question: Question,
    by: User,
    text_sv: str,
    text_en: str,
    theme: str,
    kind: str,
    asks_something_new: bool = False,
) -> Question:
    """Change a question of a version nobody has answered. ``asks_something_new`` gives it a new key, so that its
    results are not compared with the earlier versions' answers to the question it replaces."""
    require("surveys.run_surveys", by, message=_("Only the executive office keeps the questionnaire."))
    version = QuestionnaireVersion.objects.select_for_update().get(pk=question.version_id)
    _refuse_if_answered(version)
    fields = _question_fields(text_sv=text_sv, text_en=text_en, theme=theme, kind=kind)
    if kind != question.kind:
        asks_something_new = True  # a scale and a free text are never the same question
    if asks_something_new:
        fields["key"] = _new_key(version, fields["text_en"])
    before = snapshot(question)
    Question.objects.filter(pk=question.pk).update(**fields)
    question.refresh_from_db()
    log_update(question, before=before, fields=fields, actor=by)
    return question


@actor_from("by")
@transaction.atomic
def question_remove(*, question: Question, by: User) -> None:
    require("surveys.run_surveys", by, message=_("Only the executive office keeps the questionnaire."))
    version = QuestionnaireVersion.objects.select_for_update().get(pk=question.version_id)
    _refuse_if_answered(version)
    if version.questions.count() <= 1:
        raise DomainError(_("A questionnaire needs at least one question."), code=ErrorCode.STATE)
    question.delete()


@actor_from("by")
@transaction.atomic
def question_move(*, question: Question, by: User, up: bool) -> None:
    require("surveys.run_surveys", by, message=_("Only the executive office keeps the questionnaire."))
    version = QuestionnaireVersion.objects.select_for_update().get(pk=question.version_id)
    _refuse_if_answered(version)
    questions = list(version.questions.order_by("position"))
    i = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    j = i - 1 if up else i + 1
    if not 0 <= j < len(questions):
        return
    questions[i], questions[j] = questions[j], questions[i]
    # Two steps, so the unique (version, position) holds after each.
    Question.objects.filter(version=version).update(position=F("position") + 1000)
    moved = []
    for position, q in enumerate(questions, start=1):
        Question.objects.filter(pk=q.pk).update(position=position)
        if q.position != position:
            before = snapshot(q)
            q.position = position
            moved.append((before, q))
    log_updated(moved, fields=("position",), actor=by)


# --- rounds ---------------------------------------------------------------------------------------------------


def conflict() -> None:
    raise ConflictError(
        _("Someone else changed the round while you were working on it. Reload the page to see the latest version.")
    )


def _reminder_days(value: Iterable[Any] | str | None) -> list[int]:
    if value is None:
        return []
    items = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    days: set[int] = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        try:
            day = int(text)
        except ValueError:
            raise DomainError(
                _("Write the reminder days as whole numbers of days after opening, separated by commas, e.g. 7, 14."),
                field="reminder_days",
            ) from None
        if day < 1:
            raise DomainError(_("A reminder goes out at least one day after opening."), field="reminder_days")
        days.add(day)
    if len(days) > MAX_REMINDERS:
        raise DomainError(
            _("Send at most %(max)s reminders: more are rarely read.") % {"max": MAX_REMINDERS}, field="reminder_days"
        )
    return sorted(days)


def _round_fields(
    *,
    name_sv: str,
    name_en: str,
    year: int | None,
    target_group: str,
    unit: Unit | None,
    opens_on: date | None,
    closes_on: date | None,
    reminder_days: Iterable[Any] | str | None,
) -> dict[str, Any]:
    name_sv, name_en = (name_sv or "").strip(), (name_en or "").strip()
    if not name_sv:
        raise DomainError(_("Give the round a name in Swedish."), field="name_sv")
    if not name_en:
        raise DomainError(_("Give the round a name in English."), field="name_en")
    for field, text in (("name_sv", name_sv), ("name_en", name_en)):
        if len(text) > NAME_MAX:
            raise DomainError(_("Keep the name to %(max)s characters.") % {"max": NAME_MAX}, field=field)
    if not year or not 2000 <= int(year) <= 2100:
        raise DomainError(_("Give the year the round measures, e.g. 2026."), field="year")
    if target_group not in TargetGroup.values:
        raise DomainError(_("Choose who is asked."), field="target_group")
    if unit is None:
        raise DomainError(_("Choose the unit whose people are asked."), field="unit")
    if opens_on is None:
        raise DomainError(_("Give the day the round opens."), field="opens_on")
    if closes_on is None:
        raise DomainError(_("Give the last day for answers."), field="closes_on")
    if closes_on < opens_on:
        raise DomainError(_("The last day for answers comes after the day the round opens."), field="closes_on")
    if (closes_on - opens_on).days > LONGEST_WINDOW_DAYS:
        raise DomainError(
            _("Keep the round open for at most %(days)s days.") % {"days": LONGEST_WINDOW_DAYS}, field="closes_on"
        )
    days = _reminder_days(reminder_days)
    window = (closes_on - opens_on).days
    if any(day > window for day in days):
        raise DomainError(
            _("Every reminder day falls within the window: at most %(days)s days after opening.") % {"days": window},
            field="reminder_days",
        )
    return {
        "name_sv": name_sv,
        "name_en": name_en,
        "year": int(year),
        "target_group": target_group,
        "unit": unit,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "reminder_days": days,
    }


@actor_from("by")
@transaction.atomic
def round_create(
    *,
    by: User,
    version: QuestionnaireVersion,
    name_sv: str,
    name_en: str,
    year: int | None,
    target_group: str,
    unit: Unit | None,
    opens_on: date | None,
    closes_on: date | None,
    reminder_days: Iterable[Any] | str | None = (),
    now: datetime | None = None,
) -> Round:
    require("surveys.run_surveys", by, message=_("Only the executive office sets up survey rounds."))
    now = now or timezone.now()
    fields = _round_fields(
        name_sv=name_sv,
        name_en=name_en,
        year=year,
        target_group=target_group,
        unit=unit,
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=reminder_days,
    )
    if fields["opens_on"] < today(now):
        raise DomainError(_("A round opens today or later."), field="opens_on")
    return Round.objects.create(
        questionnaire_id=version.questionnaire_id, version=version, created_by=by, created_at=now, **fields
    )


def _bump(round_: Round, expected_version: int, *, states: Sequence[str], **changes: Any) -> None:
    """Change the round if it is still as the person last saw it, with an audit log entry of what changed (its actor
    is the service's ``by``)."""
    before = snapshot(round_)
    updated = Round.objects.filter(pk=round_.pk, lock_version=expected_version, state__in=list(states)).update(
        lock_version=F("lock_version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        current = Round.objects.filter(pk=round_.pk).values_list("state", flat=True).first()
        if current not in states:
            raise DomainError(_("The round has moved on: reload the page."), code=ErrorCode.STATE)
        conflict()
    for key, value in changes.items():
        setattr(round_, key, value)
    round_.lock_version = expected_version + 1
    log_update(round_, before=before, fields=changes)


@actor_from("by")
@transaction.atomic
def round_update(
    *,
    round: Round,
    by: User,
    expected_version: int,
    name_sv: str,
    name_en: str,
    year: int | None,
    target_group: str,
    unit: Unit | None,
    opens_on: date | None,
    closes_on: date | None,
    reminder_days: Iterable[Any] | str | None = (),
) -> Round:
    """Change a round being prepared; once open, only its names, its last day and its reminder days may change."""
    require("surveys.run_surveys", by, message=_("Only the executive office sets up survey rounds."))
    fields = _round_fields(
        name_sv=name_sv,
        name_en=name_en,
        year=year,
        target_group=target_group,
        unit=unit,
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=reminder_days,
    )
    if round.state == RoundState.OPEN:
        for field in ("year", "target_group", "opens_on"):
            if fields[field] != getattr(round, field):
                raise DomainError(_("This cannot change once the round is open."), field=field, code=ErrorCode.STATE)
        if fields["unit"].pk != round.unit_id:
            raise DomainError(_("This cannot change once the round is open."), field="unit", code=ErrorCode.STATE)
        if fields["closes_on"] < today():
            raise DomainError(_("The last day for answers is today or later."), field="closes_on")
    elif fields["opens_on"] < today():
        raise DomainError(_("A round opens today or later."), field="opens_on")
    _bump(round, expected_version, states=(RoundState.DRAFT, RoundState.OPEN), **fields)
    return round


def target_people(*, unit: Unit, target_group: str) -> QuerySet[User]:
    """The people a round of ``unit`` and ``target_group`` asks: active city employees in the unit and below it; for
    the heads and managers' survey, those of them with the manager's role."""
    people = User.objects.filter(kind=PersonKind.EMPLOYEE, is_active=True, unit__path__startswith=unit.path)
    if target_group == TargetGroup.MANAGERS:
        people = people.filter(role_assignments__role=Role.MANAGER).distinct()
    return people


def invitees(round_: Round) -> list[User]:
    """Who the round asks (``target_people``), with their units."""
    return list(target_people(unit=round_.unit, target_group=round_.target_group).select_related("unit").order_by("pk"))


def reporting_cells(members: Sequence[tuple[str, str]], minimum: int, *, top: str) -> list[tuple[str, str]]:
    """What each invitee's answer will count for: a unit (by path) and a kind of organisation, chosen so that every
    such cell holds at least ``minimum`` of the people invited — nothing stored with an answer narrows it down to
    fewer. ``members`` are the invitees' unit paths and kinds of organisation, ``top`` the round's unit.

    Per kind, from the bottom of the tree up: a unit whose own invitees (and those passed up to it) are too few
    takes in the smallest cells below it until they are not, and passes them all on to the unit above if that is
    not enough; ``top`` keeps whatever reaches it. A kind with too few invitees in all counts as no kind (""), and so do the
    smallest kinds while those of no kind are too few."""
    by_kind: dict[str, list[int]] = {}
    for i, (_path, kind) in enumerate(members):
        by_kind.setdefault(kind, []).append(i)
    for kind in [k for k in by_kind if k and len(by_kind[k]) < minimum]:
        by_kind.setdefault("", []).extend(by_kind.pop(kind))
    # Those of no kind are too few on their own: the smallest kinds count as no kind with them.
    while 0 < len(by_kind.get("", [])) < minimum and len(by_kind) > 1:
        smallest = min((k for k in by_kind if k), key=lambda k: (len(by_kind[k]), k))
        by_kind[""].extend(by_kind.pop(smallest))
    result: list[tuple[str, str]] = [("", "")] * len(members)
    for kind, indexes in by_kind.items():
        pool: dict[str, list[int]] = {}
        paths: set[str] = set()
        for i in indexes:
            path = members[i][0]
            pool.setdefault(path, []).append(i)
            paths.update(path[:end] for end in range(len(top), len(path) + 1, Unit.steplen))
        cells: dict[str, list[int]] = {}
        for path in sorted(paths, key=len, reverse=True):
            here = pool.pop(path, [])
            if not here:
                continue
            # Too few here: take in the smallest cells below this unit (their people are in it too) ...
            below = sorted((p for p in cells if p.startswith(path) and p != path), key=lambda p: (len(cells[p]), p))
            while len(here) < minimum and below:
                here.extend(cells.pop(below.pop(0)))
            # ... and if that is not enough, pass them all on up.
            if len(here) >= minimum or len(path) <= len(top):
                cells[path] = here
            else:
                pool.setdefault(path[: -Unit.steplen], []).extend(here)
        for path, here in cells.items():
            for i in here:
                result[i] = (path, kind)
    return result


def organisation_kinds(units: Iterable[Unit]) -> dict[int, str]:
    """The kind of organisation (a company, a specialist or a district administration) each unit belongs to, or ""."""
    units = list(units)
    prefixes = {u.path[:end] for u in units for end in range(Unit.steplen, len(u.path) + 1, Unit.steplen)}
    kinds = dict(Unit.objects.filter(path__in=prefixes, kind__in=ORGANISATION_KINDS).values_list("path", "kind"))
    result: dict[int, str] = {}
    for unit in units:
        found = ""
        for end in range(len(unit.path), 0, -Unit.steplen):
            if unit.path[:end] in kinds:
                found = kinds[unit.path[:end]]
                break
        result[unit.pk] = found
    return result


def _mail(invitation: Invitation, person: User, template: str) -> tuple[str, str, str, list[str]]:
    round_ = invitation.round
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {
            "person": person,
            "round": round_,
            "link": links.answer_url(links.token_for(invitation.salt)),
            "closes_on": round_.closes_on,
        }
        subject = render_to_string(f"surveys/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"surveys/email/{template}.txt", context).strip() + "\n"
    return (f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, settings.DEFAULT_FROM_EMAIL, [person.email])


@actor_from("by")
@transaction.atomic
def round_open(*, round: Round, by: User, expected_version: int, now: datetime | None = None) -> int:
    """Open the round: invite everyone in its target group, each with a personal link by email. Returns how many."""
    require("surveys.run_surveys", by, message=_("Only the executive office opens survey rounds."))
    now = now or timezone.now()
    if round.state != RoundState.DRAFT:
        raise DomainError(_("The round is already open."), code=ErrorCode.STATE)
    if round.closes_on < today(now):
        raise DomainError(_("The last day for answers has passed: change it before opening."), field="closes_on")
    people = invitees(round)
    units: list[Unit] = [p.unit for p in people if p.unit is not None]
    if not units:
        raise DomainError(
            _("Nobody in the target group works in %(unit)s: choose another unit or target group.")
            % {"unit": round.unit.name},
            field="unit",
        )
    kinds = organisation_kinds(units)
    cells = reporting_cells([(u.path, kinds[u.pk]) for u in units], min_answers(), top=round.unit.path)
    by_path = Unit.objects.in_bulk({path for path, _kind in cells}, field_name="path")
    invitations = []
    for person, unit, (path, kind) in zip(people, units, cells, strict=True):
        salt = links.new_salt()
        invitations.append(
            Invitation(
                round=round,
                person=person,
                unit=unit,
                reporting_unit=by_path[path],
                reporting_kind=kind,
                salt=salt,
                token_hash=links.token_hash(links.token_for(salt)),
            )
        )
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    _bump(
        round,
        expected_version,
        states=(RoundState.DRAFT,),
        state=RoundState.OPEN,
        opened_at=now,
        opens_on=min(round.opens_on, today(now)),
        invited_count=len(invitations),
    )
    mails = [_mail(inv, person, "invitation") for inv, person in zip(invitations, people, strict=True) if person.email]
    transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(invitations)


@actor_from("by")
@transaction.atomic
def round_version_switch(*, round: Round, by: User, expected_version: int, version: QuestionnaireVersion) -> Round:
    """Give the round's further answers to another version of its questionnaire. Answers already given keep theirs;
    results compare the versions on the questions they share."""
    require("surveys.run_surveys", by, message=_("Only the executive office changes survey rounds."))
    if version.questionnaire_id != round.questionnaire_id:
        raise DomainError(_("Choose a version of the round's own questionnaire."), field="version")
    if version.pk == round.version_id:
        raise DomainError(_("The round already uses this version."), field="version")
    _bump(round, expected_version, states=(RoundState.DRAFT, RoundState.OPEN), version=version)
    return round


def _finish(round_: Round, *, now: datetime) -> None:
    """Close an open round: drop every unsent draft, leave no trace of which answer came with which invitation, and
    work out its results."""
    from surveys.results.compute import forget_transactions, results_compute

    Invitation.objects.filter(round=round_, draft__isnull=False).update(draft=None)
    forget_transactions(round_)
    results_compute(round_, now=now)


@actor_from("by")
@transaction.atomic
def round_close(*, round: Round, by: User, expected_version: int, now: datetime | None = None) -> Round:
    """Close the round before its last day (after a confirmation): no more answers, and its results are worked out."""
    require("surveys.run_surveys", by, message=_("Only the executive office closes survey rounds."))
    now = now or timezone.now()
    _bump(round, expected_version, states=(RoundState.OPEN,), state=RoundState.CLOSED, closed_at=now)
    _finish(round, now=now)
    return round


@transaction.atomic
def round_delete(*, round: Round, by: User, expected_version: int) -> None:
    """Delete a round still being prepared (after a confirmation): nobody has been asked yet."""
    require("surveys.run_surveys", by, message=_("Only the executive office sets up survey rounds."))
    deleted, _rows = Round.objects.filter(pk=round.pk, state=RoundState.DRAFT, lock_version=expected_version).delete()
    if not deleted:
        if Round.objects.filter(pk=round.pk).exclude(state=RoundState.DRAFT).exists():
            raise DomainError(_("Only a round that has not opened can be deleted."), code=ErrorCode.STATE)
        conflict()


def rounds_due_close(now: datetime) -> list[Round]:
    return list(Round.objects.filter(state=RoundState.OPEN, closes_on__lt=today(now)))


def rounds_close_due(*, now: datetime | None = None) -> int:
    """Close every open round whose last day has passed (once each, however many run this at once). The audit log
    says the schedule closed them (``SCHEDULE``), with no person."""
    now = now or timezone.now()
    closed = 0
    for round_ in rounds_due_close(now):
        with transaction.atomic(), acting_system(SCHEDULE):
            before = snapshot(round_)
            if Round.objects.filter(pk=round_.pk, state=RoundState.OPEN).update(
                state=RoundState.CLOSED, closed_at=now, lock_version=F("lock_version") + 1, updated_at=now
            ):
                round_.refresh_from_db()
                log_update(round_, before=before, fields=("state", "closed_at"))
                _finish(round_, now=now)
                closed += 1
    return closed


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone who has not answered an open round, on each of its reminder days (once each, however often
    this runs). Returns how many reminders went out."""
    now = now or timezone.now()
    day = today(now)
    sent = 0
    for round_ in Round.objects.filter(state=RoundState.OPEN, closes_on__gte=day).select_related("unit"):
        due = sum(1 for d in round_.reminder_days if round_.opens_on + timedelta(days=d) <= day)
        if not due:
            continue
        waiting = Invitation.objects.filter(
            round=round_, answered=False, reminders_sent__lt=due, person__isnull=False, person__is_active=True
        ).select_related("person", "round")
        mails = []
        for invitation in waiting.iterator(chunk_size=1000):
            # Only the one that marks it sends it.
            person = invitation.person
            marked = Invitation.objects.filter(pk=invitation.pk, answered=False, reminders_sent__lt=due).update(
                reminders_sent=due
            )
            if marked and person is not None and person.email:
                mails.append(_mail(invitation, person, "reminder"))
        if mails:
            send_mass_mail(mails, fail_silently=True)
        sent += len(mails)
    return sent
