"""What waits for a person among suppliers' proposals: the contract owner's (and officer's) proposals to answer,
overdue first; a supplier person's answers to read. Each group asks one question (an aggregate)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.tasks_registry import TaskGroup, TaskLine, tasks
from organisation.models import Role
from procurement.contracts.rules import answers_proposals_filter, is_supplier_person
from procurement.models import ProposalStatus, SupplierProposal

#: How long an answer stays among a supplier's tasks.
ANSWER_NEWS_DAYS = 14


@tasks("procurement_proposals", position=18)
def owner_tasks(user) -> TaskGroup | None:
    """Proposals within the contracts the person owns or procures for that wait for an answer, overdue first."""
    if not user.is_authenticated or not user.is_active or not user.is_city_staff:
        return None
    where = answers_proposals_filter(user)
    counts = SupplierProposal.objects.filter(where, status=ProposalStatus.SUBMITTED).aggregate(
        waiting=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=timezone.now()))
    )
    if not counts["waiting"] and not user.has_role(Role.PROCUREMENT):
        return None  # (an owner with nothing waiting is not told so: one look at the proposals is enough)
    url = f"{reverse('procurement:proposals')}?state="
    lines = []
    if counts["overdue"]:
        text = ngettext(
            "%(n)s supplier proposal past its due date",
            "%(n)s supplier proposals past their due date",
            counts["overdue"],
        )
        lines.append(TaskLine(text % {"n": counts["overdue"]}, f"{url}overdue", counts["overdue"]))
    if counts["waiting"]:
        text = ngettext(
            "%(n)s supplier proposal waiting for an answer",
            "%(n)s supplier proposals waiting for an answer",
            counts["waiting"],
        )
        lines.append(TaskLine(text % {"n": counts["waiting"]}, f"{url}waiting", counts["waiting"]))
    return TaskGroup(_("Suppliers' proposals"), lines, _("No supplier proposal is waiting for your answer."))


@tasks("procurement_my_proposals", position=18)
def supplier_tasks(user) -> TaskGroup | None:
    """A supplier person: the answers to their organisation's proposals in the last two weeks."""
    if not is_supplier_person(user):
        return None
    since = timezone.now() - timedelta(days=ANSWER_NEWS_DAYS)
    counts = SupplierProposal.objects.filter(supplier_id=user.supplier_id).aggregate(
        answered=Count("pk", filter=Q(answered_at__gte=since)),
        waiting=Count("pk", filter=Q(status=ProposalStatus.SUBMITTED)),
    )
    url = reverse("procurement:proposals")
    lines = []
    if counts["answered"]:
        text = ngettext(
            "%(n)s proposal answered in the last two weeks",
            "%(n)s proposals answered in the last two weeks",
            counts["answered"],
        )
        lines.append(TaskLine(text % {"n": counts["answered"]}, f"{url}?sort=newest", counts["answered"]))
    if counts["waiting"]:
        text = ngettext(
            "%(n)s proposal waiting for the city's answer",
            "%(n)s proposals waiting for the city's answer",
            counts["waiting"],
        )
        lines.append(TaskLine(text % {"n": counts["waiting"]}, f"{url}?state=waiting", counts["waiting"]))
    return TaskGroup(
        _("Your proposals to the city"),
        lines,
        _("Nothing new. You can propose improvements within your contracts under “Your company” in the menu."),
    )
