"""What waits for a person among the ideas: the office's first answers, a coach's ideas, an author's questions."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.tasks_registry import TaskGroup, TaskLine, link, tasks
from ideas.lock import Stage, stage_name
from ideas.models import Idea, PublicationEvent, PublicationStep
from ideas.rules import scope_filter
from organisation.models import Role

#: Stages in which a coach works with the idea's people.
COACHED_STAGES = (Stage.IDEA, Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION)

#: How many of a person's ideas the start page names one by one.
SHOWN = 5

# The main menu's links to the ideas' pages: the list and the form for everyone, the office's and leads' queues.
link("ideas", label=gettext_lazy("Ideas"), url_name="ideas:list", position=20)
link("new_idea", label=gettext_lazy("New idea"), url_name="ideas:create", position=30)
link("triage", label=gettext_lazy("Triage"), url_name="ideas:triage", permission="ideas.view_triage", position=50)
link(
    "pipeline", label=gettext_lazy("Pipeline"), url_name="ideas:pipeline", permission="ideas.view_pipeline", position=60
)
# What helped and blocked the ideas, for the city's staff who may read it (after the pipeline, before follow-up).
link("lessons", label=gettext_lazy("Lessons"), url_name="ideas:lessons", permission="ideas.view_lessons", position=65)


@tasks("triage", position=10)
def office_tasks(user) -> TaskGroup | None:
    """The innovation office (and the director): new ideas waiting for a first answer, and those past their date."""
    if not user.has_perm("ideas.view_triage"):
        return None
    qs = Idea.objects.awaiting_first_answer()
    scope = scope_filter(user, roles=(Role.OFFICE,))
    if scope is not None:
        qs = qs.filter(scope)
    counts = qs.aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(answer_due_at__lt=timezone.now())))
    url = reverse("ideas:triage")
    lines = []
    if counts["waiting"]:
        text = ngettext(
            "%(n)s idea waiting for a first answer", "%(n)s ideas waiting for a first answer", counts["waiting"]
        )
        lines.append(TaskLine(text % {"n": counts["waiting"]}, url, counts["waiting"]))
    if counts["overdue"]:
        text = ngettext("%(n)s of them past its answer date", "%(n)s of them past their answer date", counts["overdue"])
        lines.append(TaskLine(text % {"n": counts["overdue"]}, url, counts["overdue"]))
    return TaskGroup(_("New ideas"), lines, _("No idea is waiting for a first answer."))


@tasks("coach", position=20)
def coach_tasks(user) -> TaskGroup | None:
    """A coach: the ideas they coach that are still under way, those that have waited longest first."""
    if not user.has_role(Role.COACH):
        return None
    ideas = list(
        Idea.objects.filter(coach=user, stage__in=COACHED_STAGES)
        .order_by("stage_changed_at", "pk")
        .values_list("pk", "title", "stage")
    )
    lines = [
        TaskLine(f"{title} ({stage_name(stage)})", reverse("ideas:detail", args=[pk]), 1)
        for pk, title, stage in ideas[:SHOWN]
    ]
    if len(ideas) > SHOWN:
        more = len(ideas) - SHOWN
        text = ngettext("%(n)s more idea you coach", "%(n)s more ideas you coach", more) % {"n": more}
        lines.append(TaskLine(text, reverse("ideas:pipeline"), more))
    return TaskGroup(_("Ideas you coach"), lines, _("You coach no idea that is under way."))


@tasks("author", position=80)
def author_tasks(user) -> TaskGroup | None:
    """An author: their ideas someone has asked to publish, waiting for their answer."""
    latest_step = PublicationEvent.objects.filter(idea=OuterRef("pk")).order_by("-pk").values("step")[:1]
    ideas = list(
        Idea.objects.filter(author=user)
        .annotate(latest_step=Subquery(latest_step))
        .order_by("-updated_at", "-pk")
        .values_list("pk", "title", "latest_step")
    )
    if not ideas:
        return None
    asked = [(pk, title) for pk, title, step in ideas if step == PublicationStep.ASKED]
    lines = [
        TaskLine(
            _("“%(title)s”: may it be published?") % {"title": title},
            reverse("ideas:publication", args=[pk]),
            1,
        )
        for pk, title in asked
    ]
    return TaskGroup(_("Questions about your ideas"), lines, _("No one is waiting for an answer from you."))
