"""Every write to ideas goes through a function here: intake, the lock's gates, assessment, working together.

Each function is keyword-only, atomic, checks permission and rules, and raises
``DomainError`` (or a subclass) with a message fit to show the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NoReturn

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import acting, actor_from, log_update, snapshot, update_logged
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.services import notify
from core.uploads import accept_upload
from ideas import gates, lock, selectors
from ideas.lessons import Effect, Factor, LessonEntry, lessons_asked, lessons_required
from ideas.lock import Stage
from ideas.models import (
    VALUE_KEYS,
    Area,
    Assessment,
    Attachment,
    Comment,
    Follow,
    GateDecision,
    Idea,
    InnovationKind,
    Lesson,
    Novelty,
    PublicationEvent,
    PublicationStep,
    Source,
    Support,
    SupportKind,
    Visibility,
    default_answer_due,
)
from ideas.search import idea_stems
from organisation.models import PersonKind, Role, Unit, UnitKind, User

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

TEXT_FIELDS = ("title", "problem", "audience", "proposal", "expected_value")


#: What a person is told when their role does not allow an action on an idea.
NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")


def _check_hourly_limit(*, rows, limit: int, now: datetime, message: str) -> None:
    """Refuse when ``rows`` (one person's own) already holds ``limit`` rows made in the hour before ``now``.

    Counting rows up to ``now``, not up to the clock, lets the demo builder write history with past times.
    """
    if limit <= 0:
        return
    if rows.filter(created_at__gt=now - timedelta(hours=1), created_at__lte=now).count() >= limit:
        raise DomainError(message % {"limit": limit}, code=ErrorCode.LIMIT_REACHED)


def default_source_for(user: User) -> str:
    if user.kind == PersonKind.RESIDENT:
        return Source.RESIDENT
    if user.kind == PersonKind.SUPPLIER:
        return Source.SUPPLIER
    if user.kind == PersonKind.UNIVERSITY:
        # Teachers, researchers and students of a university the city works with (OpenLab): a source of its own.
        return Source.UNIVERSITY
    return Source.MANAGER if user.has_role(Role.MANAGER) else Source.EMPLOYEE


def _clean_texts(fields: dict[str, str]) -> dict[str, str]:
    cleaned = {}
    for name in TEXT_FIELDS:
        value = (fields.get(name) or "").strip()
        if not value:
            raise DomainError(_("This field is required."), field=name)
        cleaned[name] = value
    if len(cleaned["title"]) > 200:
        raise DomainError(_("Keep the title to 200 characters or fewer."), field="title")
    return cleaned


def _check_unit(unit: Unit) -> None:
    if unit.kind in (UnitKind.CITY, UnitKind.COMMITTEE, UnitKind.COMPANY_BOARD):
        raise DomainError(
            _("Choose the administration, company or unit the idea is for, not a committee or board."), field="unit"
        )


def _reception_unit() -> Unit:
    """Where an idea goes when its sender names no unit: the city, whose innovation office passes it on."""
    root = Unit.objects.get_first_root_node()
    if root is None:
        raise DomainError(_("Språng has no organisation yet, so the idea cannot be sent. Try again later."))
    return root


#: The longest description of where an idea is about.
PLACE_MAX = 200


def _clean_where(area: str, place: str) -> dict[str, str]:
    if area and area not in Area.values:
        raise DomainError(_("Choose what the idea is about."), field="area")
    place = (place or "").strip()
    if len(place) > PLACE_MAX:
        raise DomainError(
            _("Keep the place to %(max)d characters or fewer.") % {"max": PLACE_MAX},
            field="place",
        )
    return {"area": area or "", "place": place}


def _check_consent(visibility: str, public_consent: bool) -> None:
    if visibility == Visibility.PUBLIC and not public_consent:
        raise DomainError(
            _("To publish the idea, confirm that you and everyone named in it agree to it being public."),
            field="public_consent",
        )


def _check_publisher(idea: Idea, by: User) -> None:
    """Only the author makes an idea public; anyone else is told how to ask them."""
    if not by.has_perm("ideas.consent_to_publish", idea):
        raise DomainError(
            _(
                "Only the author can make the idea public. Keep it internal and ask the author on the idea's page: "
                "they are told and decide."
            ),
            field="visibility",
        )


def _co_author_addresses(by: User, co_authors: Iterable[User | str]) -> tuple[list[User], list[str]]:
    """The co-authors named as accounts and as email addresses (checked for form only, nobody is looked up yet).

    Only city staff name co-authors by address: nobody else learns from Språng who has an account.
    """
    people: list[User] = []
    emails: list[str] = []
    for item in co_authors:
        if isinstance(item, User):
            people.append(item)
        elif item and item.strip():
            emails.append(item.strip().lower())
    emails = list(dict.fromkeys(emails))
    if emails and by.kind != PersonKind.EMPLOYEE:
        raise DomainError(_("Only city staff name co-authors. Leave the co-authors out."), field="co_authors")
    for email in emails:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise DomainError(
                _("%(email)s is not an email address. Write it as name@example.se.") % {"email": email},
                field="co_authors",
            ) from exc
    return people, emails


def _co_authors_resolve(author: User, people: list[User], emails: list[str]) -> list[User]:
    """The co-authors' accounts, looked up only once everything else in the request is valid.

    Co-authors may be anyone with an account in use (a supplier can co-create with staff); never the author twice.
    An address with no account, a closed one or one whose address is not yet confirmed gets one answer, the same
    for each, so that an answer never says which of these it is.
    """
    if emails:
        usable = {
            person.email: person
            for person in User.objects.filter(email__in=emails, is_active=True).filter(
                Exists(EmailAddress.objects.filter(user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True))
            )
        }
        missing = [email for email in emails if email not in usable]
        if missing:
            raise DomainError(
                _("We could not add %(emails)s as co-author: ask them to sign in to Språng once and try again.")
                % {"emails": ", ".join(missing)},
                field="co_authors",
            )
        people = [*people, *(usable[email] for email in emails)]
    return list({u.pk: u for u in people if u.pk != author.pk}.values())


def _office_people(unit: Unit) -> Iterable[User]:
    ancestors = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return User.objects.filter(
        role_assignments__role__in=(Role.OFFICE, Role.DIRECTOR), role_assignments__unit__path__in=ancestors
    ).distinct()


def _participants(idea: Idea) -> list[User]:
    """Who hears of the idea's news: its people and followers who may still read it (it may have become internal)."""
    people = [idea.author, *idea.co_authors.all(), *User.objects.filter(follows__idea=idea)]
    if idea.coach_id and idea.coach is not None:
        people.append(idea.coach)
    return [person for person in people if person.has_perm("ideas.view_idea", idea)]


@actor_from("author")
@transaction.atomic
def idea_submit(
    *,
    author: User,
    unit: Unit | None = None,
    title: str,
    problem: str,
    audience: str,
    proposal: str,
    expected_value: str,
    kind: str = "",
    values: Iterable[str],
    area: str = "",
    place: str = "",
    source: str | None = None,
    visibility: str = Visibility.INTERNAL,
    public_consent: bool = False,
    co_authors: Iterable[User | str] = (),
    attachments: Iterable[UploadedFile] = (),
    now: datetime | None = None,
    notify_office: bool = True,
) -> Idea:
    """Register a new idea in the lock's first stage; the unit's innovation office is told.

    City staff name the unit and the kind of innovation. Residents and suppliers may leave both out and say what
    the idea is about (``area``) and where (``place``, or a district's ``unit``): an idea without a unit goes to
    the city, whose innovation office classifies it (``idea_classify``) and passes it on.
    The author is the one who sends it, so a public idea is published with the author's own consent.
    Co-authors are accounts or email addresses; addresses are looked up last, once everything else is valid.
    """
    require("ideas.submit_idea", author, message=NOT_ALLOWED)
    now = now or timezone.now()
    _check_hourly_limit(
        rows=Idea.objects.filter(author=author),
        limit=settings.SPRANG_MAX_IDEAS_PER_HOUR,
        now=now,
        message=_(
            "You have sent %(limit)d ideas in the last hour, which is as many as one person may send in an hour. "
            "Send this one a little later."
        ),
    )
    texts = _clean_texts(
        {
            "title": title,
            "problem": problem,
            "audience": audience,
            "proposal": proposal,
            "expected_value": expected_value,
        }
    )
    staff = author.kind == PersonKind.EMPLOYEE
    if (kind or staff) and kind not in InnovationKind.values:
        raise DomainError(_("Choose the kind of innovation."), field="kind")
    values = set(values)
    if not values or not values <= set(VALUE_KEYS):
        raise DomainError(_("Choose at least one kind of value the idea creates."), field="values")
    where = _clean_where(area, place)
    if unit is None and staff:
        raise DomainError(_("Choose the administration, company or unit the idea is for."), field="unit")
    source = source or default_source_for(author)
    if source not in Source.values:
        raise DomainError(_("Choose where the idea comes from."), field="source")
    if author.kind != PersonKind.EMPLOYEE:
        # Residents, suppliers and university people speak for themselves; only staff register ideas on others' behalf.
        source = default_source_for(author)
    if visibility not in Visibility.values:
        raise DomainError(_("Choose who may read the idea."), field="visibility")
    if unit is None:
        unit = _reception_unit()
    else:
        _check_unit(unit)
    _check_consent(visibility, public_consent)
    co_people, co_emails = _co_author_addresses(author, co_authors)
    attachments = list(attachments)
    for upload in attachments:
        accept_upload(upload, field="attachments")
    co = _co_authors_resolve(author, co_people, co_emails)
    public = visibility == Visibility.PUBLIC
    idea = Idea(
        **texts,
        kind=kind,
        **Idea.value_fields(values),
        **where,
        source=source,
        author=author,
        unit=unit,
        visibility=visibility,
        public_consent_at=now if public else None,
        public_consent_by=author if public else None,
        stage=Stage.IDEA,
        stage_changed_at=now,
        answer_due_at=default_answer_due(now),
        created_at=now,
    )
    idea.search_stems = idea_stems(idea)
    idea.save()
    if co:
        idea.co_authors.set(co)
    if public:
        PublicationEvent.objects.create(idea=idea, step=PublicationStep.CONSENTED, by=author, at=now)
    for upload in attachments:
        attachment_add(idea=idea, uploaded_by=author, upload=upload)
    Follow.objects.get_or_create(idea=idea, user=author)
    if notify_office:
        _tell_office(idea, unit, exclude=author)
    return idea


def _tell_office(idea: Idea, unit: Unit, *, exclude: User) -> None:
    """The innovation office of ``unit`` (and every office and the director above it) hears of a new idea there."""
    notify(
        recipients=_office_people(unit),
        message_factory=lambda: _("New idea in %(unit)s: %(title)s") % {"unit": unit.name, "title": idea.title},
        url=idea.get_absolute_url(),
        exclude=exclude,
    )


@actor_from("by")
@transaction.atomic
def idea_first_answered(*, idea: Idea, by: User, now: datetime | None = None) -> bool:
    """Record that the city has given the idea its first answer elsewhere (a response to a challenge's answer), if
    it has none yet: the idea then no longer waits for one nor counts as overdue. True if this was the first answer.

    Not a change of the idea's own text, so its version stays and nobody editing it is refused.
    """
    current = Idea.objects.select_for_update().get(pk=idea.pk)
    if current.answered_at is not None:
        return False
    update_logged(current, actor=by, answered_at=now or timezone.now())
    idea.answered_at = current.answered_at
    return True


def _conflict() -> NoReturn:
    raise ConflictError(
        _(
            "Someone else changed this idea while you were working on it. Nothing was overwritten; look at the new version and try again."
        )
    )


def _bump(idea: Idea, expected_version: int | None, *, by: User, **changes) -> None:
    """Write ``changes`` only if nobody else wrote since ``expected_version``; the audit log has old → new.

    One UPDATE guarded by the version (optimistic locking), then the log entry: what ``idea`` held is
    what was overwritten, since the version matched.
    """
    version = idea.version if expected_version is None else expected_version
    before = snapshot(idea)
    updated = Idea.objects.filter(pk=idea.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        _conflict()
    for key, value in changes.items():
        setattr(idea, key, value)
    idea.version = version + 1
    log_update(idea, before=before, fields=changes, actor=by)


@actor_from("by")
@transaction.atomic
def idea_update(
    *,
    idea: Idea,
    by: User,
    expected_version: int,
    values: Iterable[str] | None = None,
    public_consent: bool = False,
    co_authors: Iterable[User | str] | None = None,
    **fields,
) -> Idea:
    """Change an idea's text, kind, values, unit, visibility or co-authors.

    Only the author makes the idea public (with their consent, recorded with who and when); anyone who may edit
    makes it internal again. Co-authors' addresses are looked up last, once everything else is valid.
    """
    require("ideas.edit_idea", by, idea, message=NOT_ALLOWED)
    now = timezone.now()
    step = ""
    texts = _clean_texts({name: fields.get(name, getattr(idea, name)) for name in TEXT_FIELDS})
    changes: dict = dict(texts)
    if "kind" in fields:
        if fields["kind"] not in InnovationKind.values:
            raise DomainError(_("Choose the kind of innovation."), field="kind")
        changes["kind"] = fields["kind"]
    if values is not None:
        values = set(values)
        if not values or not values <= set(VALUE_KEYS):
            raise DomainError(_("Choose at least one kind of value the idea creates."), field="values")
        changes.update(Idea.value_fields(values))
    if "visibility" in fields:
        if fields["visibility"] not in Visibility.values:
            raise DomainError(_("Choose who may read the idea."), field="visibility")
        if fields["visibility"] == Visibility.PUBLIC and idea.visibility != Visibility.PUBLIC:
            _check_publisher(idea, by)
            _check_consent(fields["visibility"], public_consent)
            changes.update(public_consent_at=now, public_consent_by=by)
            step = PublicationStep.CONSENTED
        elif fields["visibility"] == Visibility.INTERNAL and idea.visibility == Visibility.PUBLIC:
            # Consent is to one publication: publishing the idea again needs the author's consent again.
            changes.update(public_consent_at=None, public_consent_by=None)
            step = PublicationStep.WITHDRAWN if by.pk == idea.author_id else PublicationStep.UNPUBLISHED
        changes["visibility"] = fields["visibility"]
    if "unit" in fields and fields["unit"] is not None:
        _check_unit(fields["unit"])
        changes["unit"] = fields["unit"]
    if "area" in fields or "place" in fields:
        changes.update(_clean_where(fields.get("area", idea.area), fields.get("place", idea.place)))
    probe = Idea(**{**{n: getattr(idea, n) for n in TEXT_FIELDS}, **texts})
    changes["search_stems"] = idea_stems(probe)
    co: list[User] | None = None
    if co_authors is not None:
        co_people, co_emails = _co_author_addresses(by, co_authors)
        if not Idea.objects.filter(pk=idea.pk, version=expected_version).exists():
            _conflict()
        co = _co_authors_resolve(idea.author, co_people, co_emails)
    _bump(idea, expected_version, by=by, **changes)
    if co is not None:
        idea.co_authors.set(co)
    if step:
        PublicationEvent.objects.create(idea=idea, step=step, by=by, at=now)
    return idea


@actor_from("by")
@transaction.atomic
def idea_classify(*, idea: Idea, by: User, expected_version: int, unit: Unit | None, kind: str) -> Idea:
    """The innovation office names the unit and the kind of an idea its sender could not (a resident's, a supplier's).

    Passing the idea to another unit tells that unit's innovation office. The change is in the audit log.
    """
    require("ideas.classify_idea", by, idea, message=NOT_ALLOWED)
    if unit is None:
        raise DomainError(_("Choose the administration, company or unit the idea is for."), field="unit")
    _check_unit(unit)
    if kind not in InnovationKind.values:
        raise DomainError(_("Choose the kind of innovation."), field="kind")
    moved = unit.pk != idea.unit_id
    _bump(idea, expected_version, by=by, unit=unit, kind=kind)
    if moved:
        _tell_office(idea, unit, exclude=by)
    return idea


#: The longest note a person may add when asking the author to publish.
PUBLICATION_MESSAGE_MAX = 1000


def _locked(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().select_related("author").get(pk=idea.pk)


def _publication_answered(*, idea: Idea, request: PublicationEvent | None, message_factory) -> None:
    """Tell the one who asked (if they still may read the idea) how the author answered."""
    if request is not None and request.by.has_perm("ideas.view_idea", idea):
        notify(
            recipients=[request.by],
            message_factory=message_factory,
            url=idea.get_absolute_url() + "#publication",
            exclude=idea.author,
        )


@actor_from("by")
@transaction.atomic
def publication_ask(*, idea: Idea, by: User, message: str = "", now: datetime | None = None) -> PublicationEvent:
    """Ask the author to publish an internal idea; the author is told, in the app and by email, and decides.

    One request at a time: asking again while one waits for the author is refused.
    """
    now = now or timezone.now()
    current = _locked(idea)
    if current.visibility == Visibility.PUBLIC:
        raise DomainError(_("The idea is already public."), code=ErrorCode.ALREADY_PUBLIC)
    require("ideas.ask_to_publish", by, current, message=NOT_ALLOWED)
    message = (message or "").strip()
    if len(message) > PUBLICATION_MESSAGE_MAX:
        raise DomainError(
            _("Keep the message to %(max)d characters or fewer.") % {"max": PUBLICATION_MESSAGE_MAX}, field="message"
        )
    pending = selectors.publication_request_pending(current)
    if pending is not None:
        raise DomainError(
            _(
                "%(name)s asked the author on %(date)s and the author has not answered yet. You can ask again once they have."
            )
            % {"name": pending.by.name, "date": date_format(timezone.localtime(pending.at), "DATE_FORMAT")},
            code=ErrorCode.ALREADY_ASKED,
        )
    event = PublicationEvent.objects.create(idea=current, step=PublicationStep.ASKED, by=by, at=now, message=message)
    title = current.title
    notify(
        recipients=[current.author],
        message_factory=lambda: (
            _("%(name)s asks you to make your idea “%(title)s” public. Only you decide: open the idea to answer.")
            % {"name": by.name, "title": title}
        ),
        url=current.get_absolute_url() + "#publication",
        exclude=by,
    )
    return event


@actor_from("by")
@transaction.atomic
def publication_consent(
    *,
    idea: Idea,
    by: User,
    public_consent: bool,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> PublicationEvent:
    """The author consents: the idea becomes public, with who consented and when kept on the idea and its timeline."""
    now = now or timezone.now()
    current = _locked(idea)
    require("ideas.consent_to_publish", by, current, message=NOT_ALLOWED)
    if current.visibility == Visibility.PUBLIC:
        raise DomainError(_("The idea is already public."), code=ErrorCode.ALREADY_PUBLIC)
    _check_consent(Visibility.PUBLIC, public_consent)
    pending = selectors.publication_request_pending(current)
    _bump(
        current,
        expected_version,
        by=by,
        visibility=Visibility.PUBLIC,
        public_consent_at=now,
        public_consent_by=by,
    )
    event = PublicationEvent.objects.create(idea=current, step=PublicationStep.CONSENTED, by=by, at=now)
    title = current.title
    _publication_answered(
        idea=current,
        request=pending,
        message_factory=lambda: _("The author has made “%(title)s” public, as you asked.") % {"title": title},
    )
    for key in ("visibility", "public_consent_at", "public_consent_by", "version"):
        setattr(idea, key, getattr(current, key))
    return event


@actor_from("by")
@transaction.atomic
def publication_decline(*, idea: Idea, by: User, now: datetime | None = None) -> PublicationEvent:
    """The author answers a request to publish with no: the idea stays internal and the one who asked is told."""
    now = now or timezone.now()
    current = _locked(idea)
    require("ideas.consent_to_publish", by, current, message=NOT_ALLOWED)
    pending = selectors.publication_request_pending(current)
    if pending is None:
        raise DomainError(_("Nobody is waiting for an answer about publishing this idea."), code=ErrorCode.NOT_ASKED)
    event = PublicationEvent.objects.create(idea=current, step=PublicationStep.DECLINED, by=by, at=now)
    title = current.title
    _publication_answered(
        idea=current,
        request=pending,
        message_factory=lambda: _("The author keeps “%(title)s” internal.") % {"title": title},
    )
    return event


@actor_from("by")
@transaction.atomic
def publication_withdraw(
    *, idea: Idea, by: User, expected_version: int | None = None, now: datetime | None = None
) -> PublicationEvent:
    """The author withdraws consent: the idea is internal again, and publishing it again needs new consent."""
    now = now or timezone.now()
    current = _locked(idea)
    require("ideas.consent_to_publish", by, current, message=NOT_ALLOWED)
    if current.visibility != Visibility.PUBLIC:
        raise DomainError(_("The idea is not public."), code=ErrorCode.NOT_PUBLIC)
    _bump(
        current, expected_version, by=by, visibility=Visibility.INTERNAL, public_consent_at=None, public_consent_by=None
    )
    event = PublicationEvent.objects.create(idea=current, step=PublicationStep.WITHDRAWN, by=by, at=now)
    for key in ("visibility", "public_consent_at", "public_consent_by", "version"):
        setattr(idea, key, getattr(current, key))
    return event


@actor_from("by")
@transaction.atomic
def coach_assign(*, idea: Idea, coach: User | None, by: User) -> Idea:
    """Give the idea an innovation coach (or none). The coach must be in the coaches' network and have room."""
    require("ideas.assign_coach", by, idea, message=NOT_ALLOWED)
    if coach is not None:
        assignment = coach.role_assignments.filter(role=Role.COACH).order_by("-capacity").first()
        if assignment is None:
            raise DomainError(_("%(name)s is not an innovation coach.") % {"name": coach.name}, field="coach")
        active = Idea.objects.filter(coach=coach, stage__in=lock.ROUTE).exclude(pk=idea.pk).count()
        if assignment.capacity and active >= assignment.capacity:
            raise DomainError(
                _("%(name)s already supports %(count)d ideas, which is their capacity. Choose another coach.")
                % {"name": coach.name, "count": active},
                field="coach",
            )
    _bump(idea, None, by=by, coach=coach)
    if coach is not None:
        Follow.objects.get_or_create(idea=idea, user=coach)
        notify(
            recipients=[coach, idea.author],
            message_factory=lambda: (
                _("%(coach)s is the innovation coach for “%(title)s”.") % {"coach": coach.name, "title": idea.title}
            ),
            url=idea.get_absolute_url(),
            exclude=by,
        )
    return idea


#: What the idea's people are told when it moves into a stage. The only way into *idea* is back from parked.
GATE_MESSAGES: dict[str, StrPromise] = {
    Stage.IDEA: gettext_lazy("“%(title)s” is back as an idea, to be considered again."),
    Stage.PRESTUDY: gettext_lazy("“%(title)s” goes on to a pre-study."),
    Stage.PILOT: gettext_lazy("“%(title)s” goes on to a pilot."),
    Stage.IMPLEMENTATION: gettext_lazy("“%(title)s” is to be implemented."),
    Stage.SPREAD: gettext_lazy("“%(title)s” is ready to spread to other units."),
    Stage.CLOSED: gettext_lazy("“%(title)s” has been closed."),
    Stage.PARKED: gettext_lazy("“%(title)s” has been parked."),
}


@actor_from("decided_by")
@transaction.atomic
def gate_decide(
    *,
    idea: Idea,
    decided_by: User,
    to_stage: str,
    rationale: str,
    checklist: dict[str, bool] | None = None,
    expected_version: int | None = None,
    expected_stage: str | None = None,
    parked_until: date | None = None,
    closed_reason: str = "",
    lessons: Iterable[LessonEntry] = (),
    now: datetime | None = None,
) -> GateDecision:
    """Move an idea through a gate of the lock and record the decision, with its lessons when it closes the idea
    or moves it to spread (``ideas.lessons``; at least one is required there, except when closing a fresh idea).

    Two people deciding at the same moment: the second is refused with
    ``ConflictError`` because the version (or stage) they saw is no longer current.
    A condition another app sets on the gate (``ideas.gates``) that the idea does not meet refuses the move.
    """
    require("ideas.decide_gate", decided_by, idea, message=NOT_ALLOWED)
    return _gate_move(
        idea=idea,
        decided_by=decided_by,
        to_stage=to_stage,
        rationale=rationale,
        checklist=checklist,
        expected_version=expected_version,
        expected_stage=expected_stage,
        parked_until=parked_until,
        closed_reason=closed_reason,
        lessons=lessons,
        now=now,
    )


def _gate_move(
    *,
    idea: Idea,
    decided_by: User,
    to_stage: str,
    rationale: str,
    checklist: dict[str, bool] | None,
    expected_version: int | None,
    expected_stage: str | None,
    parked_until: date | None,
    closed_reason: str,
    lessons: Iterable[LessonEntry],
    now: datetime | None,
) -> GateDecision:
    """``gate_decide`` once the decider's right is settled."""
    now = now or timezone.now()
    current = Idea.objects.select_for_update().get(pk=idea.pk)
    if (expected_version is not None and current.version != expected_version) or (
        expected_stage is not None and current.stage != expected_stage
    ):
        raise ConflictError(
            _(
                "The idea was just moved by someone else (it is now in %(stage)s). Nothing was changed; look at it again before you decide."
            )
            % {"stage": lock.stage_name(current.stage)}
        )
    rationale = (rationale or "").strip()
    if not rationale:
        raise DomainError(_("Write the rationale for the decision."), field="rationale")
    source = current.stage
    gate: lock.Gate | None
    if source == Stage.PARKED and to_stage == current.parked_from:
        gate = lock.Gate(Stage.PARKED, to_stage)
    else:
        gate = lock.gate_for(source, to_stage)
    if gate is None:
        raise DomainError(lock.move_refused(source, to_stage), field="to_stage")
    if source == Stage.IDEA and to_stage not in (Stage.CLOSED, Stage.PARKED) and current.needs_classification:
        raise DomainError(
            _("Name the idea's unit and kind of innovation (Classify) before it moves on."), field="to_stage"
        )
    answers = {item.key: bool((checklist or {}).get(item.key)) for item in gate.checklist}
    missing = [str(item.label) for item in gate.checklist if item.required and not answers[item.key]]
    if missing:
        raise DomainError(
            _("Tick every required point of the checklist: %(items)s.") % {"items": "; ".join(missing)},
            field="checklist",
        )
    entries = _check_lessons(lessons, source=source, to_stage=to_stage, parked_from=current.parked_from)
    if unmet := gates.unmet(current, to_stage):
        raise DomainError(" ".join(u.problem for u in unmet), field="to_stage")
    changes: dict = {"stage": to_stage, "stage_changed_at": now}
    if to_stage == Stage.CLOSED:
        if not closed_reason:
            raise DomainError(_("Choose why the idea is closed."), field="closed_reason")
        if closed_reason not in lock.close_reasons_for(source, parked_from=current.parked_from):
            raise DomainError(
                _("That reason does not fit an idea in %(stage)s. Choose another.")
                % {"stage": lock.stage_name(source)},
                field="closed_reason",
            )
        changes["closed_reason"] = closed_reason
    if to_stage == Stage.PARKED:
        if problem := lock.look_again_problem(parked_until, today=timezone.localdate(now)):
            raise DomainError(problem, field="parked_until")
        changes.update(parked_until=parked_until, parked_from=source)
    elif source == Stage.PARKED:
        changes.update(parked_until=None, parked_from="")
    if current.answered_at is None:
        changes["answered_at"] = now
    _bump(current, current.version, by=decided_by, **changes)
    decision = GateDecision.objects.create(
        idea=current,
        from_stage=source,
        to_stage=to_stage,
        decided_by=decided_by,
        decided_at=now,
        rationale=rationale,
        checklist=answers,
    )
    Lesson.objects.bulk_create(
        Lesson(decision=decision, factor=e.factor, effect=e.effect, note=e.note) for e in entries
    )
    title = current.title
    notify(
        recipients=_participants(current),
        message_factory=lambda: GATE_MESSAGES[to_stage] % {"title": title} if to_stage in GATE_MESSAGES else title,
        url=current.get_absolute_url(),
        exclude=decided_by,
    )
    # The caller's copy follows only once every step has succeeded.
    for key, value in changes.items():
        setattr(idea, key, value)
    idea.version = current.version
    return decision


def parked_due(*, today: date) -> list[Idea]:
    """Parked ideas whose date to look at them again has come."""
    return list(Idea.objects.filter(stage=Stage.PARKED, parked_until__lte=today).select_related("unit").order_by("pk"))


@transaction.atomic
def parked_return(*, idea: Idea, now: datetime | None = None) -> GateDecision | None:
    """Return a parked idea whose date has come to the stage it was parked in, to be considered again.

    The move is the parking decision coming due, so it is recorded in the name of whoever parked the idea
    (their decision named the date), with a rationale saying so; the idea's people are told as for any move.
    Returns ``None`` when the idea is no longer parked or its date has not come; a gate's condition that
    refuses the move raises ``DomainError`` and the idea stays parked.
    """
    now = now or timezone.now()
    current = Idea.objects.select_for_update().get(pk=idea.pk)
    today = timezone.localdate(now)
    if current.stage != Stage.PARKED or current.parked_until is None or current.parked_until > today:
        return None
    parking = (
        current.decisions.filter(to_stage=Stage.PARKED).select_related("decided_by").order_by("-decided_at").first()
    )
    if parking is None:
        raise DomainError(_("Nobody is recorded as having parked “%(title)s”.") % {"title": current.title})
    with translation.override(settings.LANGUAGE_CODE):
        rationale = _("The date set to look at the idea again, %(date)s, has come.") % {
            "date": date_format(current.parked_until, "DATE_FORMAT")
        }
    with acting(parking.decided_by):
        return _gate_move(
            idea=current,
            decided_by=parking.decided_by,
            to_stage=current.parked_from or Stage.IDEA,
            rationale=rationale,
            checklist=None,
            expected_version=current.version,
            expected_stage=Stage.PARKED,
            parked_until=None,
            closed_reason="",
            lessons=(),
            now=now,
        )


def nearest_with_role(role: str, unit: Unit | None) -> list[User]:
    """The active people with ``role`` on the nearest unit at or above ``unit`` that has any (none: the city's)."""
    paths = (
        unit.path_prefixes() if unit is not None else list(Unit.objects.filter(depth=1).values_list("path", flat=True))
    )
    holders = (
        User.objects.filter(is_active=True, role_assignments__role=role, role_assignments__unit__path__in=paths)
        .annotate(held_at=F("role_assignments__unit__path"))
        .order_by("pk")
    )
    by_path: dict[str, dict[int, User]] = {}
    for person in holders:
        by_path.setdefault(person.held_at, {})[person.pk] = person
    for path in sorted(by_path, key=len, reverse=True):
        return list(by_path[path].values())
    return []


def _check_lessons(
    lessons: Iterable[LessonEntry], *, source: str, to_stage: str, parked_from: str
) -> list[LessonEntry]:
    """The decision's lessons, each checked: a known factor at most once, helped or blocked, with a sentence."""
    given = list(lessons)
    if not given:
        if lessons_required(source, to_stage, parked_from=parked_from):
            raise DomainError(
                _("Say what helped or blocked the idea: at least one factor, with a sentence."), field="lessons"
            )
        return []
    if not lessons_asked(source, to_stage, parked_from=parked_from):
        raise DomainError(_("Lessons are recorded only when an idea is closed or moves to spread."), field="lessons")
    entries, seen = [], set()
    for lesson in given:
        if lesson.factor not in Factor.values:
            raise DomainError(_("Choose the factors from the list offered."), field="lessons")
        factor_name = Factor(lesson.factor).label
        if lesson.factor in seen:
            raise DomainError(
                _("“%(factor)s” is given twice. Give each factor once.") % {"factor": factor_name}, field="lessons"
            )
        seen.add(lesson.factor)
        if lesson.effect not in Effect.values:
            raise DomainError(
                _("Say whether “%(factor)s” helped or blocked the idea.") % {"factor": factor_name}, field="lessons"
            )
        note = (lesson.note or "").strip()
        if not note:
            raise DomainError(
                _("Write a sentence on how “%(factor)s” helped or blocked the idea.") % {"factor": factor_name},
                field="lessons",
            )
        entries.append(LessonEntry(lesson.factor, lesson.effect, note))
    return entries


@actor_from("assessed_by")
@transaction.atomic
def assessment_record(
    *,
    idea: Idea,
    assessed_by: User,
    novelty: str,
    value_evidence: str,
    in_use: bool,
    used_by: str = "",
    value_figures: str = "",
    now: datetime | None = None,
) -> Assessment:
    """Record whether a realised change counts as an innovation (M1) or as continuous improvement."""
    require("ideas.assess_idea", assessed_by, idea, message=NOT_ALLOWED)
    if lock.stage_index(idea.stage) < lock.stage_index(Stage.IMPLEMENTATION):
        raise DomainError(_("An idea is assessed from implementation on, when it has been put into practice."))
    if novelty not in Novelty.values:
        raise DomainError(_("Choose how new the change is."), field="novelty")
    value_evidence = (value_evidence or "").strip()
    if not value_evidence:
        raise DomainError(_("Describe the value created, with evidence."), field="value_evidence")
    used_by = (used_by or "").strip()
    if in_use and not used_by:
        raise DomainError(_("Say who uses it."), field="used_by")
    return Assessment.objects.create(
        idea=idea,
        novelty=novelty,
        value_evidence=value_evidence,
        value_figures=(value_figures or "").strip(),
        in_use=in_use,
        used_by=used_by,
        is_innovation=novelty != Novelty.NONE and in_use and bool(value_evidence),
        assessed_by=assessed_by,
        assessed_at=now or timezone.now(),
    )


@actor_from("author")
@transaction.atomic
def comment_add(*, idea: Idea, author: User, body: str, now: datetime | None = None) -> Comment:
    require("ideas.comment_idea", author, idea, message=NOT_ALLOWED)
    _check_hourly_limit(
        rows=Comment.objects.filter(author=author),
        limit=settings.SPRANG_MAX_COMMENTS_PER_HOUR,
        now=now or timezone.now(),
        message=_(
            "You have written %(limit)d comments in the last hour, which is as many as one person may write in an "
            "hour. Send this one a little later."
        ),
    )
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write a comment before you send it."), field="body")
    if len(body) > 5000:
        raise DomainError(_("Keep the comment to 5,000 characters or fewer."), field="body")
    comment = Comment.objects.create(idea=idea, author=author, body=body, created_at=now or timezone.now())
    title = idea.title
    notify(
        recipients=_participants(idea),
        message_factory=lambda: _("%(name)s commented on “%(title)s”.") % {"name": author.name, "title": title},
        url=idea.get_absolute_url() + f"#comment-{comment.pk}",
        exclude=author,
    )
    return comment


@actor_from("by")
@transaction.atomic
def comment_hide(*, comment: Comment, by: User, reason: str) -> Comment:
    require("ideas.moderate_comment", by, comment.idea, message=NOT_ALLOWED)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for hiding the comment; it is shown in its place."), field="reason")
    comment.hidden = True
    comment.hidden_reason = reason[:300]
    comment.hidden_by = by
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_by", "updated_at"])
    return comment


@actor_from("user")
@transaction.atomic
def support_toggle(*, idea: Idea, user: User, kind: str, now: datetime | None = None) -> bool:
    """Add or take back a support; returns whether the person supports the idea afterwards."""
    require("ideas.support_idea", user, idea, message=NOT_ALLOWED)
    if kind not in SupportKind.values:
        raise DomainError(_("Choose how you support the idea."), field="kind")
    deleted, _detail = Support.objects.filter(idea=idea, user=user, kind=kind).delete()
    if deleted:
        return False
    Support.objects.create(idea=idea, user=user, kind=kind, created_at=now or timezone.now())
    Follow.objects.get_or_create(idea=idea, user=user)
    return True


@actor_from("user")
@transaction.atomic
def follow_toggle(*, idea: Idea, user: User) -> bool:
    require("ideas.follow_idea", user, idea, message=NOT_ALLOWED)
    deleted, _detail = Follow.objects.filter(idea=idea, user=user).delete()
    if deleted:
        return False
    Follow.objects.create(idea=idea, user=user)
    return True


@actor_from("uploaded_by")
@transaction.atomic
def attachment_add(*, idea: Idea, uploaded_by: User, upload: UploadedFile) -> Attachment:
    require("ideas.add_attachment", uploaded_by, idea, message=NOT_ALLOWED)
    accepted = accept_upload(upload, field="attachments")
    return Attachment.objects.create(
        idea=idea,
        file=upload,
        original_name=accepted.name,
        content_type=accepted.content_type,
        size=accepted.size,
        uploaded_by=uploaded_by,
    )
