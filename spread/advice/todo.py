"""What waits for a person among the requests for advice: the office's queue and a coach's own requests.

Each group asks one question (an aggregate), whatever how many requests wait.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.tasks_registry import TaskGroup, TaskLine, tasks
from organisation.models import Role
from spread.advice.rules import queue_filter
from spread.models import AdviceRequest, AdviceStatus


def _lines(counts: dict[str, int], url: str) -> list[TaskLine]:
    lines = []
    if counts["waiting"]:
        text = ngettext(
            "%(n)s request for advice waiting for an answer",
            "%(n)s requests for advice waiting for an answer",
            counts["waiting"],
        )
        lines.append(TaskLine(text % {"n": counts["waiting"]}, url, counts["waiting"]))
    if counts["overdue"]:
        text = ngettext("%(n)s of them past its answer date", "%(n)s of them past their answer date", counts["overdue"])
        lines.append(TaskLine(text % {"n": counts["overdue"]}, f"{url}&state=overdue", counts["overdue"]))
    return lines


def _counts(where: Q) -> dict[str, int]:
    return AdviceRequest.objects.filter(where, status=AdviceStatus.OPEN).aggregate(
        waiting=Count("pk"), overdue=Count("pk", filter=Q(answer_due_at__lt=timezone.now()))
    )


@tasks("advice_office", position=15)
def office_tasks(user) -> TaskGroup | None:
    """The innovation office (and the director): requests for advice waiting for an answer, and those overdue."""
    if not user.is_authenticated or not user.is_city_staff or not (user.has_role(Role.OFFICE) or user.is_director):
        return None
    counts = _counts(queue_filter(user))
    url = f"{reverse('spread:advice_list')}?view=queue"
    return TaskGroup(
        _("Requests for advice"), _lines(counts, url), _("No request for advice is waiting for an answer.")
    )


@tasks("advice_coach", position=25)
def coach_tasks(user) -> TaskGroup | None:
    """A coach: the requests for advice addressed to them that wait for an answer."""
    if not user.is_authenticated or not user.is_city_staff or not user.has_role(Role.COACH):
        return None
    counts = _counts(Q(coach_id=user.pk))
    url = f"{reverse('spread:advice_list')}?view=queue"
    return TaskGroup(_("Requests for advice to you"), _lines(counts, url), _("No one is waiting for advice from you."))
