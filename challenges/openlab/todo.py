"""OpenLab in the main menu (a university's people: their assignments; city staff with a role: the overview), and
what waits on the start page: the projects a city contact has to decide, and a university person's work."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.models import Project, ProjectStatus
from challenges.openlab.rules import affiliation_of, visible_assignments_filter
from core.tasks_registry import TaskGroup, TaskLine, link, tasks

link(
    "openlab",
    label=gettext_lazy("OpenLab"),
    url_name="challenges:openlab",
    permission="challenges.openlab_in_menu",
    position=49,
)


@tasks("openlab_contact", position=35)
def contact_tasks(user) -> TaskGroup | None:
    """The city's contact person of an assignment: proposed projects waiting for a decision (one question)."""
    if not user.is_authenticated or not user.is_city_staff:
        return None
    waiting = Project.objects.filter(status=ProjectStatus.PROPOSED, assignment__contact=user).count()
    if not waiting:
        return None
    text = ngettext(
        "%(n)s OpenLab project waiting for your decision", "%(n)s OpenLab projects waiting for your decision", waiting
    )
    return TaskGroup(_("OpenLab"), [TaskLine(text % {"n": waiting}, reverse("challenges:openlab"), waiting)])


@tasks("openlab_university", position=5)
def university_tasks(user) -> TaskGroup | None:
    """A university's person: the assignments open to their university and the projects they take part in."""
    if affiliation_of(user) is None:
        return None
    from challenges.models import Assignment, AssignmentStatus

    open_count = Assignment.objects.filter(visible_assignments_filter(user), status=AssignmentStatus.OPEN).count()
    mine = (
        Project.objects.filter(Q(lead=user) | Q(members=user))
        .filter(status__in=(ProjectStatus.PROPOSED, ProjectStatus.ACCEPTED))
        .aggregate(n=Count("pk", distinct=True))["n"]
    )
    url = reverse("challenges:openlab")
    lines = []
    if open_count:
        text = ngettext(
            "%(n)s assignment open for project proposals", "%(n)s assignments open for project proposals", open_count
        )
        lines.append(TaskLine(text % {"n": open_count}, url, open_count))
    if mine:
        text = ngettext("%(n)s project you take part in", "%(n)s projects you take part in", mine)
        lines.append(TaskLine(text % {"n": mine}, url, mine))
    return TaskGroup(_("OpenLab"), lines, _("No assignment is open to your university at the moment."))
