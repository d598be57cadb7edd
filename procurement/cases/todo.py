"""The procurement officer's task: the open cases they are responsible for, with the step each waits for."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tasks_registry import TaskGroup, TaskLine, tasks
from procurement.cases.rules import is_procurement_officer
from procurement.models import CaseStage, ProcurementCase

#: What an open case waits for, by its stage.
NEXT_STEP = {
    CaseStage.PLANNING: gettext_lazy("plan the market dialogue"),
    CaseStage.DIALOGUE: gettext_lazy("choose the route when the dialogue is done"),
    CaseStage.ROUTE_CHOSEN: gettext_lazy("link the tender or start the pilot"),
    CaseStage.TENDERING: gettext_lazy("record the outcome"),
}


@tasks("procurement_cases", position=62)
def open_cases(user) -> TaskGroup | None:
    if not is_procurement_officer(user):
        return None
    cases = list(
        ProcurementCase.objects.filter(officer=user, stage__in=list(NEXT_STEP)).order_by("created_at", "pk")[:20]
    )
    lines = [
        TaskLine(
            _("%(title)s: %(step)s") % {"title": case.title, "step": NEXT_STEP[CaseStage(case.stage)]},
            case.get_absolute_url(),
            1,
        )
        for case in cases
    ]
    return TaskGroup(_("Procurement cases"), lines, _("You are responsible for no open procurement case."))
