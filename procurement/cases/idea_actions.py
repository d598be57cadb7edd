"""*The procurement case …* on the page of an idea that is a case's pilot, for whoever may read the case."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ideas.actions import action


def _case(user: Any, idea: Any) -> tuple[Any, str] | None:
    from procurement.models import ProcurementCase

    if not user.has_perm("procurement.view_cases"):
        return None  # only the city's staff read cases: no query for anyone else
    case = ProcurementCase.objects.filter(pilot_idea_id=idea.pk).first()
    if case is None:
        return None
    return _("Pilot of the procurement case “%(title)s”") % {"title": case.title}, case.get_absolute_url()


action("procurement_case_pilot", link=_case, position=20)
