"""On the page of a need routed to a market dialogue: its procurement cases, and the way to make one for a
procurement officer who may."""

from __future__ import annotations

from typing import Any

from challenges.models import Route
from challenges.needs.route_work import declare


def cases_of_need(user: Any, need: Any) -> dict[str, Any] | None:
    from procurement.cases.selectors import cases_of_need as read

    may_add = user.has_perm("procurement.add_case_from", need)
    cases = list(read(need, user)) if user.has_perm("procurement.view_cases") else []
    if not cases and not may_add:
        return None
    return {"cases": cases, "may_add": may_add, "need": need}


declare(
    "procurement_cases",
    route=Route.MARKET_DIALOGUE,
    load=cases_of_need,
    template="procurement/cases/partials/need_cases.html",
)
