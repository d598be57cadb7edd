"""Every write to OpenLab: the universities and their people (invited by email), assignments of needs to a
university, projects proposed, decided, worked on and completed, and ideas started from a project's final report.

Keyword-only, atomic, checking permission through ``challenges/openlab/rules.py``, refusing with a ``DomainError``
that names the field at fault. A project's decision and completion are optimistically locked (``expected_version``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.models import (
    AcademicRole,
    Affiliation,
    Assignment,
    AssignmentStatus,
    Deliverable,
    Milestone,
    Need,
    Project,
    ProjectIdea,
    ProjectKind,
    ProjectStatus,
    University,
    UniversityInvitation,
)
from challenges.openlab.rules import LEADING_ROLES, university_id_of
from core import invitations
from core.audit import actor_from, log_update, snapshot
from core.errors import ConflictError, DomainError, require
from core.services import notify
from core.uploads import accept_upload
from ideas.models import Idea, Source
from ideas.services import idea_submit
from organisation.models import PersonKind, User
from organisation.services import person_create

NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")
TITLE_MAX = 200
TEXT_MAX = 10000


def _text(value: str | None, *, field: str, empty: Any = None, limit: int = TEXT_MAX) -> str:
    """A text as it is kept: stripped, required unless ``empty`` is ``None``, at most ``limit`` characters."""
    value = (value or "").strip()
    if not value and empty is not None:
        raise DomainError(str(empty), field=field)
    if len(value) > limit:
        raise DomainError(
            _("Keep this to %(max)d characters or fewer: it now has %(n)d.") % {"max": limit, "n": len(value)},
            field=field,
        )
    return value


def _email(email: str, *, field: str = "email") -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Write the email address as name@example.se."), field=field) from None
    return email


# Universities and their people -----------------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def university_create(*, by: User, name: str, short_name: str = "", website: str = "") -> University:
    """The executive office adds a university (or OpenLab itself) the city works with."""
    require("challenges.manage_universities", by, message=_("Only the city's executive office keeps the universities."))
    name = _text(name, field="name", empty=_("Write the university's name."), limit=200)
    short_name = _text(short_name, field="short_name", limit=40)
    website = (website or "").strip()
    if website:
        try:
            URLValidator(schemes=["https", "http"])(website)
        except ValidationError:
            raise DomainError(_("Write the website as https://www.example.se."), field="website") from None
    if University.objects.filter(name__iexact=name).exists():
        raise DomainError(_("%(name)s is already on the list.") % {"name": name}, field="name")
    return University.objects.create(name=name, short_name=short_name, website=website)


@actor_from("by")
@transaction.atomic
def university_invite(
    *, by: User, university: University, email: str, role: str, now: datetime | None = None
) -> tuple[UniversityInvitation, str]:
    """The executive office invites a teacher, researcher or student by email; the link works for 14 days, once."""
    require(
        "challenges.manage_universities",
        by,
        message=_("Only the city's executive office invites the universities' people."),
    )
    email = _email(email)
    if role not in AcademicRole.values:
        raise DomainError(_("Choose the person's role: teacher, researcher or student."), field="role")
    existing = User.objects.filter(email=email).first()
    if existing is not None and existing.kind != PersonKind.UNIVERSITY:
        raise DomainError(
            _("%(email)s already has an account that is not a university partner's: invite another address.")
            % {"email": email},
            field="email",
        )
    now = now or timezone.now()
    token, hashed, expires_at = invitations.token_issue(now)
    invitation = UniversityInvitation.objects.create(
        university=university, role=role, email=email, invited_by=by, token_hash=hashed, expires_at=expires_at
    )
    link = settings.SPRANG_SITE_URL.rstrip("/") + reverse("challenges:openlab_invitation", args=[token])
    body = render_to_string(
        "challenges/openlab/email/invitation.txt",
        {"invitation": invitation, "by": by, "link": link, "university": university},
    )
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Invitation to OpenLab for %(university)s") % {
        "university": university.name
    }
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True))
    return invitation, token


def university_invitation_for(token: str, *, now: datetime | None = None) -> UniversityInvitation:
    """The invitation a link's token belongs to, if it still works; otherwise a refusal saying why."""
    return invitations.invitation_for(
        UniversityInvitation.objects.select_related("university", "invited_by"),
        token,
        expired=_("This invitation has expired. Ask the city's innovation office to invite you again."),
        now=now,
    )


def _affiliate(invitation: UniversityInvitation, person: User, now: datetime) -> Affiliation:
    invitations.invitation_use(invitation, person, now)
    affiliation, _created = Affiliation.objects.update_or_create(
        user=person, defaults={"university": invitation.university, "role": invitation.role}
    )
    return affiliation


@actor_from("person")
@transaction.atomic
def university_invitation_accept(*, token: str, person: User, now: datetime | None = None) -> Affiliation:
    """A signed-in university partner accepts an invitation to their own address (a new university or role)."""
    now = now or timezone.now()
    invitation = university_invitation_for(token, now=now)
    if person.email.lower() != invitation.email.lower():
        raise DomainError(
            _("The invitation was sent to another email address. Sign out and sign in with the account for %(email)s.")
            % {"email": invitation.email}
        )
    if person.kind != PersonKind.UNIVERSITY:
        raise DomainError(_("Only a university partner's account can accept this invitation."))
    return _affiliate(invitation, person, now)


@transaction.atomic
def university_invitation_accept_new_account(
    *, token: str, name: str, password: str, now: datetime | None = None
) -> User:
    """Someone without an account accepts: a university partner's account is created for the invited address."""
    now = now or timezone.now()
    invitation = university_invitation_for(token, now=now)
    name = _text(name, field="name", empty=_("Write your name, as the city will see it."), limit=150)
    if User.objects.filter(email=invitation.email).exists():
        raise DomainError(
            _("There is already an account for %(email)s: sign in to accept.") % {"email": invitation.email}
        )
    person = person_create(email=invitation.email, name=name, kind=PersonKind.UNIVERSITY, password=password)
    _affiliate(invitation, person, now)
    return person


# Assignments ------------------------------------------------------------------------------------------------------


def _dates(starts_on: date | None, ends_on: date | None, *, field: str) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_("The end date must be on or after the start date."), field=field)


@actor_from("by")
@transaction.atomic
def assignment_create(
    *,
    by: User,
    need: Need,
    university: University,
    title: str,
    brief: str,
    contact: User,
    university_contact: User | None = None,
    agreement_starts_on: date | None = None,
    agreement_ends_on: date | None = None,
    agreement_reference: str = "",
) -> Assignment:
    """The office that decided a need routed to OpenLab gives it to a university, with the contacts and agreement."""
    require(
        "challenges.assign_need",
        by,
        need,
        message=_("Only the innovation office that decides the need assigns it, once its route is OpenLab."),
    )
    fields = _checked_assignment(
        university=university,
        title=title,
        brief=brief,
        contact=contact,
        university_contact=university_contact,
        agreement_starts_on=agreement_starts_on,
        agreement_ends_on=agreement_ends_on,
        agreement_reference=agreement_reference,
    )
    title = fields["title"]
    if Assignment.objects.filter(need=need, university=university).exists():
        raise DomainError(
            _("The need is already assigned to %(university)s.") % {"university": university.name},
            field="university",
        )
    assignment = Assignment.objects.create(need=need, university=university, created_by=by, **fields)
    url = assignment.get_absolute_url()
    notify(
        recipients=[
            contact,
            *User.objects.filter(affiliation__university=university, affiliation__role__in=LEADING_ROLES),
        ],
        message_factory=lambda: _("A new OpenLab assignment: “%(title)s”.") % {"title": title},
        url=url,
        exclude=by,
    )
    return assignment


def _checked_assignment(*, university: University, **fields: Any) -> dict[str, Any]:
    """An assignment's fields as written, once ``assignment_problems`` finds nothing: its texts trimmed."""
    _refuse_first(assignment_problems(university=university, **fields))
    return {
        **fields,
        "title": _text(fields["title"], field="title", limit=TITLE_MAX),
        "brief": _text(fields["brief"], field="brief"),
        "agreement_reference": _text(fields["agreement_reference"], field="agreement_reference", limit=100),
    }


def assignment_problems(
    *,
    university: University,
    title: str,
    brief: str,
    contact: User | None,
    university_contact: User | None,
    agreement_starts_on: date | None,
    agreement_ends_on: date | None,
    agreement_reference: str,
) -> list[DomainError]:
    """Every refusal an assignment's texts, contacts and agreement would meet, each naming its field, so that a form
    can show them all at once. A contact who is ``None`` is not checked (nobody, or nobody found by the address)."""

    def contact_is_staff() -> None:
        if contact is not None and (not contact.is_city_staff or not contact.is_active):
            raise DomainError(_("The city's contact person must be a member of the city's staff."), field="contact")

    def university_contact_belongs() -> None:
        if university_contact is not None and university_id_of(university_contact) != university.pk:
            raise DomainError(
                _("Choose a person at %(university)s who has an account in Språng.") % {"university": university.name},
                field="university_contact",
            )

    checks = (
        lambda: _text(title, field="title", empty=_("Give the assignment a short title."), limit=TITLE_MAX),
        lambda: _text(brief, field="brief", empty=_("Write what the university is asked to do.")),
        contact_is_staff,
        university_contact_belongs,
        lambda: _dates(agreement_starts_on, agreement_ends_on, field="agreement_ends_on"),
        lambda: _text(agreement_reference, field="agreement_reference", limit=100),
    )
    problems = []
    for check in checks:
        try:
            check()
        except DomainError as exc:
            problems.append(exc)
    return problems


def _refuse_first(problems: list[DomainError]) -> None:
    if problems:
        raise problems[0]


def _assignment_conflict() -> NoReturn:
    raise ConflictError(
        _(
            "Someone else changed this assignment while you were working on it. Nothing was overwritten and what "
            "you wrote is still here: read the assignment again and save once more."
        )
    )


def _bump_assignment(assignment: Assignment, expected_version: int, *, by: User, **changes: Any) -> None:
    """Write ``changes`` only if nobody wrote since ``expected_version`` and the assignment is open or under way."""
    before = snapshot(assignment)
    updated = Assignment.objects.filter(
        pk=assignment.pk,
        version=expected_version,
        status__in=(AssignmentStatus.OPEN, AssignmentStatus.UNDER_WAY),
    ).update(version=F("version") + 1, updated_at=timezone.now(), **changes)
    if not updated:
        _assignment_conflict()
    for key, value in changes.items():
        setattr(assignment, key, value)
    assignment.version = expected_version + 1
    log_update(assignment, before=before, fields=changes, actor=by)


@actor_from("by")
@transaction.atomic
def assignment_update(
    *,
    by: User,
    assignment: Assignment,
    expected_version: int,
    title: str,
    brief: str,
    contact: User,
    university_contact: User | None = None,
    agreement_starts_on: date | None = None,
    agreement_ends_on: date | None = None,
    agreement_reference: str = "",
) -> Assignment:
    """The city's contact or the office that decides the need changes the assignment's texts, contacts and
    agreement while it is open or under way. What changed, and who changed it, is in the audit trail."""
    require(
        "challenges.change_assignment",
        by,
        assignment,
        message=_(
            "Only the city's contact person or the innovation office that decides the need changes the assignment, "
            "and only while it is open or under way."
        ),
    )
    fields = _checked_assignment(
        university=assignment.university,
        title=title,
        brief=brief,
        contact=contact,
        university_contact=university_contact,
        agreement_starts_on=agreement_starts_on,
        agreement_ends_on=agreement_ends_on,
        agreement_reference=agreement_reference,
    )
    title = fields["title"]
    old_contact_id = assignment.contact_id
    _bump_assignment(assignment, expected_version, by=by, **fields)
    if contact.pk != old_contact_id:
        notify(
            recipients=[contact],
            message_factory=lambda: (
                _("You are now the city's contact person for the OpenLab assignment “%(title)s”.") % {"title": title}
            ),
            url=assignment.get_absolute_url(),
            exclude=by,
        )
    return assignment


@actor_from("by")
@transaction.atomic
def assignment_cancel(
    *,
    by: User,
    assignment: Assignment,
    expected_version: int,
    reason: str,
    end_projects_under_way: bool = False,
    now: datetime | None = None,
) -> Assignment:
    """The city's contact or the office that decides the need cancels an open or under-way assignment, with why.

    Projects still proposed are declined with the reason. Projects under way end too, but only when the person
    cancelling confirms it (``end_projects_under_way``); otherwise the cancellation is refused. The university's
    people on the assignment and its projects are told."""
    require(
        "challenges.cancel_assignment",
        by,
        assignment,
        message=_(
            "Only the city's contact person or the innovation office that decides the need cancels the assignment, "
            "and only while it is open or under way."
        ),
    )
    now = now or timezone.now()
    reason = _text(reason, field="reason")
    if not reason:
        raise DomainError(
            _("Write why the assignment is cancelled: the university's people on it are told."), field="reason"
        )
    projects = list(
        assignment.projects.filter(status__in=(ProjectStatus.PROPOSED, ProjectStatus.ACCEPTED)).prefetch_related(
            "members"
        )
    )
    under_way = [p for p in projects if p.status == ProjectStatus.ACCEPTED]
    if under_way and not end_projects_under_way:
        raise DomainError(
            ngettext(
                "%(n)d project is under way on this assignment. Confirm that it ends too, or wait until it is "
                "completed.",
                "%(n)d projects are under way on this assignment. Confirm that they end too, or wait until they are "
                "completed.",
                len(under_way),
            )
            % {"n": len(under_way)},
            field="end_projects",
        )
    _bump_assignment(
        assignment,
        expected_version,
        by=by,
        status=AssignmentStatus.CANCELLED,
        cancelled_by=by,
        cancelled_at=now,
        cancel_reason=reason,
    )
    for project in projects:
        if project.status == ProjectStatus.PROPOSED:
            changes: dict[str, Any] = {
                "status": ProjectStatus.DECLINED,
                "decided_by": by,
                "decided_at": now,
                "decision_comment": reason,
            }
        else:
            changes = {"status": ProjectStatus.ENDED}
        _bump(project, project.version, by=by, while_in=(project.status,), **changes)
    title = assignment.title
    people = [assignment.contact, *([assignment.university_contact] if assignment.university_contact else [])]
    for project in projects:
        people.extend([project.lead, *project.members.all()])
    notify(
        recipients=list({person.pk: person for person in people}.values()),
        message_factory=lambda: _("The OpenLab assignment “%(title)s” is cancelled.") % {"title": title},
        url=assignment.get_absolute_url(),
        exclude=by,
    )
    return assignment


# Projects ---------------------------------------------------------------------------------------------------------


def _members(assignment: Assignment, lead: User, members: Iterable[User]) -> list[User]:
    chosen = [m for m in members if m.pk != lead.pk]
    for member in chosen:
        if university_id_of(member) != assignment.university_id:
            raise DomainError(
                _("%(name)s is not one of %(university)s's people: choose members from your own university.")
                % {"name": member.name, "university": assignment.university.name},
                field="members",
            )
    return chosen


@actor_from("by")
@transaction.atomic
def project_propose(
    *,
    by: User,
    assignment: Assignment,
    kind: str,
    title: str,
    scope: str,
    starts_on: date | None,
    ends_on: date | None,
    deliverables: str,
    members: Iterable[User] = (),
) -> Project:
    """A teacher or researcher of the assignment's university proposes a student team's or research group's project."""
    require(
        "challenges.propose_project",
        by,
        assignment,
        message=_("Only a teacher or researcher of the university the assignment was given to proposes projects."),
    )
    if kind not in ProjectKind.values:
        raise DomainError(_("Choose whether it is a student team or a research group."), field="kind")
    title = _text(title, field="title", empty=_("Give the project a short title."), limit=TITLE_MAX)
    scope = _text(scope, field="scope", empty=_("Write what the project will do and what it leaves out."))
    if starts_on is None:
        raise DomainError(_("Write when the project starts."), field="starts_on")
    if ends_on is None:
        raise DomainError(_("Write when the project ends."), field="ends_on")
    _dates(starts_on, ends_on, field="ends_on")
    _within_agreement(assignment, starts_on, ends_on)
    deliverables = _text(deliverables, field="deliverables", empty=_("Write what the project will deliver."))
    chosen = _members(assignment, by, members)
    project = Project.objects.create(
        assignment=assignment,
        kind=kind,
        title=title,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        deliverables=deliverables,
        lead=by,
    )
    project.members.set(chosen)
    notify(
        recipients=[assignment.contact],
        message_factory=lambda: (
            _("A project is proposed for “%(title)s”: decide whether to accept it.") % {"title": assignment.title}
        ),
        url=project.get_absolute_url(),
    )
    return project


def _long_date(day: date) -> str:
    return date_format(day, "j F Y")


def agreement_period(assignment: Assignment) -> str:
    """The assignment's agreement as people read it: "1 January 2027–31 December 2027", "from …", "until …", or
    empty when it has no dates."""
    begins, ends = assignment.agreement_starts_on, assignment.agreement_ends_on
    if begins and ends:
        return f"{_long_date(begins)}–{_long_date(ends)}"
    if begins:
        return _("from %(date)s") % {"date": _long_date(begins)}
    if ends:
        return _("until %(date)s") % {"date": _long_date(ends)}
    return ""


def outside_agreement(project: Project) -> bool:
    """Whether the project's dates run outside its assignment's agreement (one shortened since it was proposed)."""
    begins, ends = project.assignment.agreement_starts_on, project.assignment.agreement_ends_on
    return bool((begins and project.starts_on < begins) or (ends and project.ends_on > ends))


def _within_agreement(assignment: Assignment, starts_on: date, ends_on: date) -> None:
    """A project runs within its assignment's agreement with the university, when the agreement has dates."""
    begins, ends = assignment.agreement_starts_on, assignment.agreement_ends_on
    period = agreement_period(assignment)
    if begins and starts_on < begins:
        raise DomainError(
            _(
                "The project cannot start before the agreement with the university: the agreement runs %(period)s. "
                "Choose a start date within it."
            )
            % {"period": period},
            field="starts_on",
        )
    if ends and ends_on > ends:
        raise DomainError(
            _(
                "The project cannot end after the agreement with the university: the agreement runs %(period)s. "
                "Choose an end date within it."
            )
            % {"period": period},
            field="ends_on",
        )


def _conflict() -> NoReturn:
    raise ConflictError(
        _(
            "Someone else changed this project while you were working on it. Nothing was overwritten and what you "
            "wrote is still here: read the project again and decide once more."
        )
    )


def _bump(project: Project, expected_version: int, *, by: User, while_in: Iterable[str], **changes: Any) -> None:
    before = snapshot(project)
    updated = Project.objects.filter(pk=project.pk, version=expected_version, status__in=list(while_in)).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        _conflict()
    for key, value in changes.items():
        setattr(project, key, value)
    project.version = expected_version + 1
    log_update(project, before=before, fields=changes, actor=by)


@actor_from("by")
@transaction.atomic
def project_decide(
    *, by: User, project: Project, expected_version: int, accept: bool, comment: str = "", now: datetime | None = None
) -> Project:
    """The city's contact (or the office deciding the need) accepts a proposed project or declines it with why."""
    require("challenges.decide_project", by, project, message=_("Only the city's contact person decides on a project."))
    now = now or timezone.now()
    comment = _text(comment, field="comment")
    if not accept and not comment:
        raise DomainError(_("Write why the project is declined, so that the team can learn from it."), field="comment")
    if accept:
        try:
            _within_agreement(project.assignment, project.starts_on, project.ends_on)
        except DomainError:
            raise DomainError(
                _(
                    "The project runs %(project)s, outside the agreement with the university (%(agreement)s). "
                    "Decline it with a comment, or change the agreement's dates first."
                )
                % {
                    "project": f"{_long_date(project.starts_on)}–{_long_date(project.ends_on)}",
                    "agreement": agreement_period(project.assignment),
                },
                field="decision",
            ) from None
    status = ProjectStatus.ACCEPTED if accept else ProjectStatus.DECLINED
    _bump(
        project,
        expected_version,
        by=by,
        while_in=(ProjectStatus.PROPOSED,),
        status=status,
        decided_by=by,
        decided_at=now,
        decision_comment=comment,
    )
    if accept:
        Assignment.objects.filter(pk=project.assignment_id, status=AssignmentStatus.OPEN).update(
            status=AssignmentStatus.UNDER_WAY, updated_at=now
        )
    title = project.title
    notify(
        recipients=[project.lead, *project.members.all()],
        message_factory=(
            (lambda: _("The city accepted the project “%(title)s”.") % {"title": title})
            if accept
            else (lambda: _("The city declined the project “%(title)s”.") % {"title": title})
        ),
        url=project.get_absolute_url(),
        exclude=by,
    )
    return project


@actor_from("by")
@transaction.atomic
def milestone_add(*, by: User, project: Project, title: str, due_on: date | None, note: str = "") -> Milestone:
    """The project's lead or a member adds a milestone."""
    require("challenges.work_on_project", by, project, message=_("Only the project's own team adds milestones."))
    title = _text(title, field="title", empty=_("Write what the milestone is."), limit=200)
    if due_on is None:
        raise DomainError(_("Write when the milestone is due."), field="due_on")
    return Milestone.objects.create(project=project, title=title, due_on=due_on, note=_text(note, field="note"))


@actor_from("by")
@transaction.atomic
def milestone_done(*, by: User, milestone: Milestone, done: bool = True, now: datetime | None = None) -> Milestone:
    """Mark a milestone done (or not done after all)."""
    require(
        "challenges.work_on_project", by, milestone.project, message=_("Only the project's own team marks milestones.")
    )
    milestone.done_at = (now or timezone.now()) if done else None
    milestone.save(update_fields=["done_at", "updated_at"])
    return milestone


@actor_from("by")
@transaction.atomic
def deliverable_add(
    *,
    by: User,
    project: Project,
    title: str,
    upload: UploadedFile,
    milestone: Milestone | None = None,
    is_final_report: bool = False,
) -> Deliverable:
    """The project's lead or a member uploads a deliverable; one of them may be the final report."""
    require("challenges.work_on_project", by, project, message=_("Only the project's own team uploads deliverables."))
    title = _text(title, field="title", empty=_("Write what the file is, for example “Final report”."), limit=200)
    if milestone is not None and milestone.project_id != project.pk:
        raise DomainError(_("Choose one of this project's milestones."), field="milestone")
    if is_final_report and Deliverable.objects.filter(project=project, is_final_report=True).exists():
        raise DomainError(
            _("The project already has a final report. Upload this file as an ordinary deliverable."),
            field="is_final_report",
        )
    accepted = accept_upload(upload, field="file")
    try:
        with transaction.atomic():
            return Deliverable.objects.create(
                project=project,
                milestone=milestone,
                title=title,
                is_final_report=is_final_report,
                file=upload,
                original_name=accepted.name,
                content_type=accepted.content_type,
                size=accepted.size,
                uploaded_by=by,
            )
    except IntegrityError:
        raise DomainError(
            _("The project already has a final report. Upload this file as an ordinary deliverable."),
            field="is_final_report",
        ) from None


@actor_from("by")
@transaction.atomic
def project_complete(*, by: User, project: Project, expected_version: int, now: datetime | None = None) -> Project:
    """The lead or the city's contact completes a project once its final report is uploaded; the report is then the
    need's answer from the university, and ideas may be started from it."""
    require(
        "challenges.complete_project",
        by,
        project,
        message=_("Only the project's lead or the city's contact completes it."),
    )
    if not Deliverable.objects.filter(project=project, is_final_report=True).exists():
        raise DomainError(_("Upload the final report before completing the project."), field="final_report")
    now = now or timezone.now()
    _bump(
        project,
        expected_version,
        by=by,
        while_in=(ProjectStatus.ACCEPTED,),
        status=ProjectStatus.COMPLETED,
        completed_at=now,
    )
    assignment = project.assignment
    if not assignment.projects.filter(status__in=(ProjectStatus.PROPOSED, ProjectStatus.ACCEPTED)).exists():
        Assignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.COMPLETED, updated_at=now)
    notify(
        recipients=[assignment.contact, project.lead],
        message_factory=lambda: (
            _("The project “%(title)s” is completed and its final report is in.") % {"title": project.title}
        ),
        url=project.get_absolute_url(),
        exclude=by,
    )
    return project


@actor_from("by")
@transaction.atomic
def project_idea_start(
    *,
    by: User,
    project: Project,
    title: str,
    problem: str,
    audience: str,
    proposal: str,
    expected_value: str,
    values: Iterable[str],
    kind: str = "",
    now: datetime | None = None,
) -> Idea:
    """From a completed project, its lead or the city's contact starts an idea in the lock for the need's unit; the
    idea's source is the university, and the project keeps the link to it."""
    require(
        "challenges.start_idea_from_project",
        by,
        project,
        message=_("Ideas are started from a completed project by its lead or the city's contact."),
    )
    idea = idea_submit(
        author=by,
        unit=project.assignment.need.unit,
        title=title,
        problem=problem,
        audience=audience,
        proposal=proposal,
        expected_value=expected_value,
        kind=kind,
        values=values,
        source=Source.UNIVERSITY,
        now=now,
    )
    ProjectIdea.objects.create(project=project, idea=idea)
    return idea
