"""Procurement cases serve the city's and the committees' goals (``governance.goal_work``, ADR 0031).

The case's officers tie it to goals; city staff see the cases beside a goal, nobody else. A case is done when its
outcome is recorded.
"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import pgettext_lazy

from governance.goal_work import WorkKind, declare
from procurement.cases.rules import is_case_officer, visible_cases_filter
from procurement.models import CaseStage, ProcurementCase


def may_tag_case(user, case) -> bool:
    return bool(user.is_authenticated and user.is_city_staff and is_case_officer(user, case))


declare(
    WorkKind(
        key="procurement_case",
        model=ProcurementCase,
        label=pgettext_lazy("work towards a goal", "Procurement cases"),
        label_one=pgettext_lazy("work towards a goal", "procurement case"),
        stage=F("stage"),
        stages=dict(CaseStage.choices),
        done=frozenset({CaseStage.CONCLUDED}),
        may_tag=may_tag_case,
        readable=visible_cases_filter,
        related=("unit",),
        address="procurement:case",
    ),
    position=50,
)
