"""Writes of the catalogue: courses (set up, changed, published, withdrawn, published again), a self-paced module's
check of understanding (its questions, and taking it), a course's sessions (spread events of their own kind), and
signing up for a session. Each is keyword-only and atomic, checks who may (``learning.rules``), and refuses with a
message that names the field at fault. Changes of a course are optimistically locked (``expected_version``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.audit import actor_from
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, ErrorCode, require
from learning.models import (
    Audience,
    CheckQuestion,
    Completion,
    CompletionSource,
    Course,
    CourseKind,
    CourseLanguage,
    CourseState,
    Session,
)
from learning.records.services import completion_record
from organisation.models import Role, Unit, User
from spread.events import services as events
from spread.models import Event, EventKind, Registration, RegistrationStatus

TITLE_MAX = 200
SUMMARY_MAX = 500
CODE_MAX = 40
URL_MAX = 500
QUESTION_MAX = 400
CHOICE_MAX = 200
MIN_CHOICES, MAX_CHOICES = 2, 6
MAX_QUESTIONS = 20
#: The longest course, in minutes (a leadership programme's module may take days).
MAX_LENGTH_MINUTES = 10_000

#: What the office sets on a course (the service's keyword arguments and the form's fields).
COURSE_FIELDS = (
    "code",
    "kind",
    "title",
    "summary",
    "body",
    "video_url",
    "external_url",
    "audience",
    "length_minutes",
    "language",
    "is_public",
    "pass_mark",
    "unit",
)
#: What the office sets on a session; the rest of its event follows from the course.
SESSION_FIELDS = ("starts_at", "ends_at", "place", "online_url", "capacity")


def today(now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), CITY_TIME_ZONE).date()


def _keeper_message() -> str:
    return _("Only the executive office and the administrations' innovation offices keep the catalogue.")


def _may_publish_for(by: User, unit: Unit) -> bool:
    return bool(by.is_authenticated and by.is_active and (by.is_executive_office or by.has_role(Role.OFFICE, unit)))


def _url(value: str, field: str) -> None:
    if not value:
        return
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        raise DomainError(_("Give the link as a full address starting with https://."), field=field) from None


class CourseRefused(DomainError):
    """Several fields of a course are refused at once; ``errors`` holds each (the first is the error's own)."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].message, field=errors[0].field)
        self.errors = errors


def _check_course(fields: dict[str, Any], *, course: Course | None) -> None:
    """Every field checked, so that all that is wrong is said at once: one refusal raises its ``DomainError``,
    several raise ``CourseRefused`` with each (one a field)."""
    errors: dict[str, DomainError] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, DomainError(message, field=field))

    kind = fields["kind"]
    if kind not in CourseKind.values:
        refuse("kind", _("Choose the kind of course."))
    if not fields["title"]:
        refuse("title", _("Give the course a title."))
    elif len(fields["title"]) > TITLE_MAX:
        refuse("title", _("Keep the title to %(max)s characters.") % {"max": TITLE_MAX})
    if not fields["summary"]:
        refuse("summary", _("Write a short summary: what the course gives and who it is for."))
    elif len(fields["summary"]) > SUMMARY_MAX:
        refuse("summary", _("Keep the summary to %(max)s characters.") % {"max": SUMMARY_MAX})
    code = fields["code"]
    try:
        if not code or len(code) > CODE_MAX:
            raise ValidationError("")
        validate_slug(code)
    except ValidationError:
        refuse(
            "code",
            _("Give a code of at most %(max)s letters a–z, digits and hyphens, like inno-intro.") % {"max": CODE_MAX},
        )
    else:
        others = Course.objects.filter(code=code)
        if course is not None:
            others = others.exclude(pk=course.pk)
        if others.exists():
            refuse("code", _("Another course has the code %(code)s: choose another.") % {"code": code})
    if fields["audience"] not in Audience.values:
        refuse("audience", _("Choose who the course is for."))
    elif kind == CourseKind.LEADERSHIP and fields["audience"] != Audience.MANAGERS:
        refuse("audience", _("A leadership programme module is for managers: choose Managers."))
    elif fields["is_public"] and fields["audience"] != Audience.EVERYONE:
        refuse(
            "is_public",
            _("Only a course for everyone can be public: untick Public, or choose Everyone under Who is it for."),
        )
    length = fields["length_minutes"]
    if not isinstance(length, int) or not 1 <= length <= MAX_LENGTH_MINUTES:
        refuse(
            "length_minutes",
            _("Give the length in minutes as a whole number from 1 to %(max)s.") % {"max": MAX_LENGTH_MINUTES},
        )
    if fields["language"] not in CourseLanguage.values:
        refuse("language", _("Choose the course's language."))
    for name in ("video_url", "external_url"):
        if len(fields[name]) > URL_MAX:
            refuse(name, _("Keep the link to %(max)s characters.") % {"max": URL_MAX})
        else:
            try:
                _url(fields[name], name)
            except DomainError as exc:
                refuse(name, exc.message)
    if kind != CourseKind.MODULE and (fields["body"] or fields["pass_mark"]):
        refuse("body", _("Only a self-paced module has content and a check here: leave the content empty."))
    questions = course.questions.count() if course is not None else 0
    pass_mark = fields["pass_mark"]
    if not isinstance(pass_mark, int) or pass_mark < 0 or pass_mark > questions:
        refuse("pass_mark", _("The check has %(n)s questions: ask for at most %(n)s right answers.") % {"n": questions})
    if course is not None and course.sessions.exists() and kind == CourseKind.MODULE:
        refuse("kind", _("The course has sessions, so it cannot be a self-paced module. Keep its kind."))
    if course is not None and questions and kind != CourseKind.MODULE:
        refuse("kind", _("The course has a check, which only a self-paced module has. Remove its questions first."))
    found = list(errors.values())
    if len(found) == 1:
        raise found[0]
    if found:
        raise CourseRefused(found)


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}


def _new_code(title: str) -> str:
    """A code made from the title, unused by any other course."""
    base = slugify(title)[: CODE_MAX - 4].strip("-") or "course"
    taken = set(Course.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def _publishable(course: Course) -> None:
    """A module kept in Språng needs a way to complete it: a check with at least one question, or a link."""
    if course.kind != CourseKind.MODULE:
        return
    if not course.body and not course.external_url:
        raise DomainError(
            _("Give the module's content, or the link to it on the learning platform, before publishing."),
            field="body",
            code=ErrorCode.INCOMPLETE,
        )
    if not course.external_url:
        questions = course.questions.count()
        if not questions:
            raise DomainError(
                _("Add at least one question to the check before publishing: it is how the module is completed."),
                field="questions",
                code=ErrorCode.INCOMPLETE,
            )
        if not 1 <= course.pass_mark <= questions:
            raise DomainError(
                _("Say how many right answers are needed to pass: from 1 to %(n)s.") % {"n": questions},
                field="pass_mark",
                code=ErrorCode.INCOMPLETE,
            )


def _locked(course: Course, expected_version: int | None = None) -> Course:
    current = Course.objects.select_for_update().get(pk=course.pk)
    if expected_version is not None and current.lock_version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this course meanwhile. Nothing was overwritten; open it again to see their "
                "changes."
            )
        )
    return current


# --- courses -------------------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def course_create(
    *,
    by: User,
    unit: Unit,
    code: str,
    kind: str,
    title: str,
    summary: str,
    length_minutes: int,
    body: str = "",
    video_url: str = "",
    external_url: str = "",
    audience: str = Audience.EVERYONE,
    language: str = CourseLanguage.SV,
    is_public: bool = False,
    pass_mark: int = 0,
    is_introduction: bool = False,
) -> Course:
    """A new course, as a draft: nobody but those who keep the catalogue sees it until it is published."""
    require("learning.keep_catalogue", by, message=_keeper_message())
    if unit is None:
        raise DomainError(_("Choose the unit that publishes the course."), field="unit")
    require(
        _may_publish_for(by, unit),
        message=_("You publish courses for your own administration only. Choose it as the publisher."),
    )
    if not (code or "").strip():
        code = _new_code(title or "")
    fields = _clean(
        {
            "code": code,
            "kind": kind,
            "title": title,
            "summary": summary,
            "body": body,
            "video_url": video_url,
            "external_url": external_url,
            "audience": audience,
            "length_minutes": length_minutes,
            "language": language,
            "is_public": is_public,
            "pass_mark": pass_mark,
            "unit": unit,
        }
    )
    _check_course(fields, course=None)
    if is_introduction and kind != CourseKind.MODULE:
        raise DomainError(_("Only a self-paced module is the introductory module."), field="kind")
    return Course.objects.create(created_by=by, is_introduction=is_introduction, **fields)


@actor_from("by")
@transaction.atomic
def course_update(*, course: Course, by: User, expected_version: int, **fields: Any) -> Course:
    """Change a course; its sessions to come take a new title with it. Refused on a stale ``expected_version``."""
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    require("learning.change_course", by, course, message=_keeper_message())
    if "code" in fields and not (fields["code"] or "").strip():
        del fields["code"]  # an empty code keeps the one it has
    current = _locked(course, expected_version)
    changed = {k: v for k, v in _clean(fields).items() if getattr(current, k) != v}
    merged = {name: changed.get(name, getattr(current, name)) for name in COURSE_FIELDS}
    _check_course(merged, course=current)
    if "unit" in changed:
        require(
            _may_publish_for(by, merged["unit"]),
            message=_("You publish courses for your own administration only. Choose it as the publisher."),
        )
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    if current.state == CourseState.PUBLISHED:
        _publishable(current)
    current.lock_version += 1
    current.save()
    if "title" in changed:
        for event in Event.objects.filter(learning_session__course=current, cancelled_at__isnull=True).filter(
            starts_at__gt=timezone.now()
        ):
            events.event_update(event=event, by=by, expected_version=event.version, title=current.title)
    return current


@actor_from("by")
@transaction.atomic
def course_publish(*, course: Course, by: User, expected_version: int, now: datetime | None = None) -> Course:
    """Publish a draft, or publish again a course that was withdrawn: the city's staff (and, if public, anyone)
    find it in the catalogue."""
    require("learning.change_course", by, course, message=_keeper_message())
    current = _locked(course, expected_version)
    if current.state == CourseState.PUBLISHED:
        raise DomainError(_("The course is already published."), code=ErrorCode.STATE)
    _publishable(current)
    current.state = CourseState.PUBLISHED
    current.published_at = now or timezone.now()
    current.lock_version += 1
    current.save()
    return current


def course_republish(*, course: Course, by: User, expected_version: int, now: datetime | None = None) -> Course:
    """Publish again a course that was withdrawn."""
    if course.state != CourseState.WITHDRAWN:
        raise DomainError(_("Only a withdrawn course is published again."), code=ErrorCode.STATE)
    return course_publish(course=course, by=by, expected_version=expected_version, now=now)


@actor_from("by")
@transaction.atomic
def course_withdraw(*, course: Course, by: User, expected_version: int) -> Course:
    """Take a published course out of the catalogue. Its sessions stay (cancel them on their own); completions stay."""
    require("learning.change_course", by, course, message=_keeper_message())
    current = _locked(course, expected_version)
    if current.state != CourseState.PUBLISHED:
        raise DomainError(_("Only a published course is withdrawn."), code=ErrorCode.STATE)
    current.state = CourseState.WITHDRAWN
    current.lock_version += 1
    current.save()
    return current


# --- the check -----------------------------------------------------------------------------------


def _question_fields(*, text: str, choices: list[str], correct: int) -> dict[str, Any]:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the question."), field="text")
    if len(text) > QUESTION_MAX:
        raise DomainError(_("Keep the question to %(max)s characters.") % {"max": QUESTION_MAX}, field="text")
    cleaned = [c.strip() for c in choices if c and c.strip()]
    if not MIN_CHOICES <= len(cleaned) <= MAX_CHOICES:
        raise DomainError(
            _("Give from %(min)s to %(max)s choices.") % {"min": MIN_CHOICES, "max": MAX_CHOICES}, field="choices"
        )
    if any(len(c) > CHOICE_MAX for c in cleaned):
        raise DomainError(_("Keep each choice to %(max)s characters.") % {"max": CHOICE_MAX}, field="choices")
    if len(set(cleaned)) != len(cleaned):
        raise DomainError(_("Give each choice only once."), field="choices")
    # ``correct`` counts the choices as given, blanks included: map it onto the choices kept.
    given = [c.strip() if c else "" for c in choices]
    if not isinstance(correct, int) or not 0 <= correct < len(given) or not given[correct]:
        raise DomainError(_("Choose which of the choices is the right answer."), field="correct")
    return {"text": text, "choices": cleaned, "correct": cleaned.index(given[correct])}


def _module_for_check(course: Course, by: User) -> Course:
    require("learning.change_course", by, course, message=_keeper_message())
    current = _locked(course)
    if current.kind != CourseKind.MODULE:
        raise DomainError(_("Only a self-paced module has a check."), code=ErrorCode.STATE)
    return current


def _touch(course: Course) -> None:
    course.lock_version += 1
    course.save(update_fields=["lock_version", "pass_mark", "updated_at"])


@actor_from("by")
@transaction.atomic
def question_add(*, course: Course, by: User, text: str, choices: list[str], correct: int) -> CheckQuestion:
    """Add a question last in the check. The first question makes one right answer needed to pass."""
    current = _module_for_check(course, by)
    if current.questions.count() >= MAX_QUESTIONS:
        raise DomainError(
            _("A check has at most %(max)s questions.") % {"max": MAX_QUESTIONS}, code=ErrorCode.LIMIT_REACHED
        )
    fields = _question_fields(text=text, choices=choices, correct=correct)
    position = (current.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    question = CheckQuestion.objects.create(course=current, position=position, **fields)
    if current.pass_mark == 0:
        current.pass_mark = 1
    _touch(current)
    return question


@actor_from("by")
@transaction.atomic
def question_update(*, question: CheckQuestion, by: User, text: str, choices: list[str], correct: int) -> CheckQuestion:
    current = _module_for_check(question.course, by)
    fields = _question_fields(text=text, choices=choices, correct=correct)
    CheckQuestion.objects.filter(pk=question.pk).update(**fields)
    _touch(current)
    question.refresh_from_db()
    return question


@actor_from("by")
@transaction.atomic
def question_remove(*, question: CheckQuestion, by: User) -> Course:
    """Remove a question. The right answers needed never exceed the questions left; a published module kept here
    keeps at least one question."""
    current = _module_for_check(question.course, by)
    left = current.questions.exclude(pk=question.pk).count()
    if current.state == CourseState.PUBLISHED and not current.external_url and left == 0:
        raise DomainError(
            _("The module is published and is completed by its check: keep at least one question."),
            code=ErrorCode.STATE,
        )
    CheckQuestion.objects.filter(pk=question.pk).delete()
    for position, pk in enumerate(current.questions.order_by("position", "pk").values_list("pk", flat=True), start=1):
        CheckQuestion.objects.filter(pk=pk).update(position=position)
    current.pass_mark = min(current.pass_mark, left)
    _touch(current)
    return current


@actor_from("by")
@transaction.atomic
def question_move(*, question: CheckQuestion, by: User, up: bool) -> None:
    current = _module_for_check(question.course, by)
    ordered = list(current.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        raise DomainError(
            _("The question is already first.") if up else _("The question is already last."), code=ErrorCode.STATE
        )
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, q in enumerate(ordered, start=1):
        CheckQuestion.objects.filter(pk=q.pk).update(position=position)
    _touch(current)


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    right: int
    total: int
    completion: Completion | None = None


def take_refusal(by: Any, course: Course) -> str:
    if not by.is_authenticated or not by.is_city_staff:
        return _("The city's courses are for the city's staff. Sign in with your work account.")
    if course.state != CourseState.PUBLISHED:
        return _("The course is not published.")
    if course.audience == Audience.MANAGERS:
        return _("This course is for managers only.")
    if course.audience == Audience.COACHES:
        return _("This course is for innovation coaches only.")
    return _("This course is not open to you.")


def may_take(by: Any, course: Course) -> bool:
    return bool(by.has_perm("learning.take_course", course))


@actor_from("by")
@transaction.atomic
def check_submit(*, course: Course, by: User, answers: dict[int, int | None], on: date | None = None) -> CheckResult:
    """Answer a module's check: with at least ``pass_mark`` right, the module is completed today."""
    require("learning.take_course", by, course, message=take_refusal(by, course))
    questions = list(course.questions.order_by("position", "pk"))
    if course.kind != CourseKind.MODULE or not questions:
        raise DomainError(_("This course has no check."), code=ErrorCode.STATE)
    right = 0
    for number, question in enumerate(questions, start=1):
        answer = answers.get(question.pk)
        if answer is None or not 0 <= answer < len(question.choices):
            raise DomainError(_("Choose an answer to question %(n)s.") % {"n": number}, field=f"question_{question.pk}")
        right += answer == question.correct
    total = len(questions)
    if right < max(course.pass_mark, 1):
        return CheckResult(passed=False, right=right, total=total)
    completion, _created = completion_record(person=by, course=course, on=on or today(), source=CompletionSource.CHECK)
    return CheckResult(passed=True, right=right, total=total, completion=completion)


# --- sessions ------------------------------------------------------------------------------------


def _session_course(course: Course, by: User) -> None:
    require("learning.change_course", by, course, message=_keeper_message())
    if not course.has_sessions:
        raise DomainError(
            _("A self-paced module has no sessions: it is taken at one's own pace."), code=ErrorCode.STATE
        )


@actor_from("by")
@transaction.atomic
def session_create(
    *,
    course: Course,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    place: str = "",
    online_url: str = "",
    now: datetime | None = None,
) -> Session:
    """A time the course is given: an event of its own kind, with registration and a waiting list."""
    _session_course(course, by)
    event = events.event_create(
        by=by,
        kind=EventKind.COURSE,
        title=course.title,
        description=course.summary,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        place=place,
        online_url=online_url,
        now=now,
    )
    return Session.objects.create(course=course, event=event)


@actor_from("by")
@transaction.atomic
def session_update(
    *, session: Session, by: User, expected_version: int, now: datetime | None = None, **fields: Any
) -> Session:
    """Change a session's time, place or places (everyone registered is told of a new time or place)."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    _session_course(session.course, by)
    session.event = events.event_update(
        event=session.event,
        by=by,
        expected_version=expected_version,
        now=now,
        title=session.course.title,
        **fields,
    )
    return session


@actor_from("by")
@transaction.atomic
def session_cancel(*, session: Session, by: User, expected_version: int, now: datetime | None = None) -> Session:
    """Cancel a session: everyone registered or waiting is told by mail."""
    require("learning.change_course", by, session.course, message=_keeper_message())
    session.event = events.event_cancel(event=session.event, by=by, expected_version=expected_version, now=now)
    return session


# --- signing up ----------------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def session_register(*, session: Session, by: User, now: datetime | None = None) -> Registration:
    """Sign up for a session: a place if one is left, else the waiting list (spread's registration, with its
    confirmation and calendar file by mail and its reminder). Only those the course is for sign up."""
    course = session.course
    require("learning.take_course", by, course, message=take_refusal(by, course))
    return events.registration_create(event=session.event, by=by, now=now)


@actor_from("by")
@transaction.atomic
def session_unregister(*, session: Session, by: User, now: datetime | None = None) -> Registration:
    """Cancel one's own place (or place on the waiting list); a place given up goes to the first waiting."""
    registration = (
        Registration.objects.filter(event=session.event, person=by).exclude(status=RegistrationStatus.CANCELLED).first()
        if by.is_authenticated
        else None
    )
    if registration is None:
        raise DomainError(_("You are not signed up for this session."), code=ErrorCode.STATE)
    return events.registration_cancel(registration=registration, by=by, now=now)
