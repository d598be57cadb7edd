"""Reads of OpenLab, each with its own joins, filtered by what the person may see (``challenges/openlab/rules.py``)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from challenges.models import (
    Affiliation,
    Assignment,
    Deliverable,
    Milestone,
    Need,
    NeedStatus,
    Project,
    ProjectStatus,
    Route,
    University,
    UniversityInvitation,
)
from challenges.openlab.rules import visible_assignments_filter, visible_projects_filter
from organisation.models import User


def universities() -> QuerySet[University]:
    """Every university, with how many people and assignments it has."""
    return University.objects.annotate(
        people_count=Count("people", distinct=True), assignment_count=Count("assignments", distinct=True)
    ).order_by("name")


def people_of(university: University) -> QuerySet[Affiliation]:
    return Affiliation.objects.filter(university=university).select_related("user").order_by("user__name", "pk")


def invitations_of(university: University) -> QuerySet[UniversityInvitation]:
    return UniversityInvitation.objects.filter(university=university, accepted_at__isnull=True).order_by("-created_at")


def needs_to_assign() -> QuerySet[Need]:
    """Needs routed to OpenLab, the ones to give to a university: those not yet given to any first, then the newest."""
    return (
        Need.objects.filter(status=NeedStatus.ROUTED, route=Route.OPENLAB)
        .select_related("unit")
        .annotate(assignment_count=_count(Assignment.objects.filter(need=OuterRef("pk")), "need"))
        .order_by("assignment_count", "-decided_at", "-pk")
    )


def _count(rows: QuerySet, key: str) -> Coalesce:
    """How many of ``rows`` (filtered on an ``OuterRef``) there are, as a subquery per outer row: unlike a join
    and ``GROUP BY`` over every selected column, it costs one index look per row listed."""
    counted = rows.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def collaborations(
    user, *, university: int | None = None, status: str = "", need: int | None = None
) -> QuerySet[Assignment]:
    """The assignments the person may see (the city's overview, or a university's own), newest first, each with its
    university, need, contacts and how many projects it has in each state."""
    rows = Assignment.objects.filter(visible_assignments_filter(user))
    if university:
        rows = rows.filter(university_id=university)
    if status:
        rows = rows.filter(status=status)
    if need:
        rows = rows.filter(need_id=need)
    projects = Project.objects.filter(assignment=OuterRef("pk"))
    return (
        rows.select_related(
            "university", "need", "need__unit", "contact", "university_contact__affiliation__university"
        )
        .annotate(
            project_count=_count(projects, "assignment"),
            projects_under_way=_count(projects.filter(status=ProjectStatus.ACCEPTED), "assignment"),
            projects_completed=_count(projects.filter(status=ProjectStatus.COMPLETED), "assignment"),
        )
        .order_by("-created_at", "-pk")
    )


def assignment_detail(user, pk: int) -> Assignment | None:
    """One assignment the person may see, with its projects (and theirs leads), or ``None``."""
    return (
        Assignment.objects.filter(visible_assignments_filter(user), pk=pk)
        .select_related(
            "university",
            "need",
            "need__unit",
            "contact",
            "university_contact__affiliation__university",
            "created_by",
            "cancelled_by",
        )
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.filter(visible_projects_filter(user))
                .select_related("lead__affiliation__university")
                .order_by("pk"),
            )
        )
        .first()
    )


def project_detail(user, pk: int) -> Project | None:
    """One project the person may see, with its milestones, files, members and the ideas started from it."""
    return (
        Project.objects.filter(visible_projects_filter(user), pk=pk)
        .select_related(
            "assignment",
            "assignment__university",
            "assignment__need",
            "assignment__need__unit",
            "assignment__contact",
            "lead__affiliation__university",
            "decided_by",
        )
        .prefetch_related(
            Prefetch("members", queryset=User.objects.select_related("affiliation__university")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
            Prefetch("deliverable_files", queryset=Deliverable.objects.select_related("milestone", "uploaded_by")),
            "ideas_started__idea",
        )
        .first()
    )


def my_assignments(user) -> QuerySet[Assignment]:
    """A university person's start: the assignments given to their university (every one for city staff)."""
    return collaborations(user).exclude(status__in=("cancelled",))


def my_projects(user) -> QuerySet[Project]:
    """The projects the person leads or is a member of."""
    if not user.is_authenticated:
        return Project.objects.none()
    return (
        Project.objects.filter(Q(lead=user) | Q(members=user))
        .distinct()
        .select_related("assignment", "assignment__university", "lead")
        .order_by("-created_at", "-pk")
    )


def projects_to_decide(user) -> QuerySet[Project]:
    """Proposed projects on assignments where the person is the city's contact."""
    if not user.is_authenticated:
        return Project.objects.none()
    return (
        Project.objects.filter(status=ProjectStatus.PROPOSED, assignment__contact=user)
        .select_related("assignment", "assignment__university", "lead__affiliation__university")
        .order_by("created_at", "pk")
    )


def final_reports_of(need: Need, user) -> QuerySet[Deliverable]:
    """The final reports that answer a need, of the projects the person may see: the need's page lists them with
    ``templates/challenges/openlab/partials/need_answers.html`` (its name ``openlab_reports``)."""
    return (
        Deliverable.objects.filter(is_final_report=True, project__assignment__need=need)
        .filter(project__in=Project.objects.filter(visible_projects_filter(user)))
        .select_related("project", "project__assignment", "project__assignment__university")
        .order_by("created_at", "pk")
    )


def university_colleagues(user) -> QuerySet:
    """The people of the person's own university (members a lead may add to a project)."""
    from organisation.models import User

    affiliation = getattr(user, "affiliation", None)
    if affiliation is None:
        return User.objects.none()
    return (
        User.objects.filter(affiliation__university_id=affiliation.university_id, is_active=True)
        .exclude(pk=user.pk)
        .select_related("affiliation")
        .order_by("name", "pk")
    )
