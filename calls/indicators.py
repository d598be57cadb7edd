"""The governance indicators computed over the calls (``governance.indicators``): applications to the
calls, innovation funding granted, and the share of ideas in the lock that got funding (M4, M5)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Case, Count, Exists, F, OuterRef, Subquery, Sum, When
from django.utils.translation import gettext_lazy as _

from calls.models import FUNDING_PROGRAMMES, JURY_ONLY_PROGRAMMES, Application, Decision
from governance.indicators import Figure, Figures, Tree, computation
from governance.models import Direction, Measure, quantize
from ideas.lock import Stage
from ideas.models import GateDecision, Idea

#: The stages of the innovation lock an idea is worked on in (after the idea stage, before an end state).
IN_THE_LOCK = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)


@computation(
    "call_applications",
    label=_("Applications to the calls"),
    description=_(
        "Applications and entries submitted in the period to the innovation fund, the stipend and the "
        "awards, from the unit or about its ideas."
    ),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=100,
)
def call_applications(start: datetime, end: datetime) -> Figures:
    """Applications and entries submitted in the period to the calls, from the unit or about its ideas.

    An application counts for its own unit and for its idea's unit (once where both are in the
    same subtree); withdrawn ones count too (they were made).
    """
    rows = (
        Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .exclude(call__programme__in=JURY_ONLY_PROGRAMMES)
        .order_by()
        .values_list("unit_id", "idea__unit_id")
        .annotate(n=Count("pk"))
    )
    tree = Tree()
    totals = tree.sum_up_once(((unit_id, idea_unit_id), n) for unit_id, idea_unit_id, n in rows)
    return {pk: Figure(Decimal(int(totals.get(pk, 0))), int(totals.get(pk, 0))) for pk, _p, _h in tree.units}


@computation(
    "granted_funding",
    label=_("Granted innovation funding"),
    description=_(
        "Kronor granted in the period from the innovation fund and the innovation stipend, to applications from "
        "the unit or about its ideas."
    ),
    measure=Measure.SEK,
    direction=Direction.HIGHER,
    position=110,
)
def granted_funding(start: datetime, end: datetime) -> Figures:
    """Kronor granted by the decisions made in the period, to applications of the unit or about its ideas.

    An application counts for its own unit and for its idea's unit (once where both are in the
    same subtree); the basis is the number of grants.
    """
    grants = (
        Decision.objects.filter(
            granted=True,
            amount__isnull=False,
            decided_at__gte=start,
            decided_at__lt=end,
            application__call__programme__in=FUNDING_PROGRAMMES,
        )
        .order_by()
        .values_list("application__unit_id", "application__idea__unit_id")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    rows = [((unit_id, idea_unit_id), total, n) for unit_id, idea_unit_id, total, n in grants]
    tree = Tree()
    amounts = tree.sum_up_once((units, total) for units, total, _n in rows)
    basis = tree.sum_up_once((units, n) for units, _total, n in rows)
    return {pk: Figure(quantize(amounts.get(pk, Decimal(0))), int(basis.get(pk, 0))) for pk, _p, _h in tree.units}


@computation(
    "funded_share",
    label=_("Ideas in the lock that got funding"),
    description=_(
        "Of the ideas in pre-study, pilot, implementation or spread at the period's end, the share granted "
        "money from the innovation fund or the innovation stipend by then."
    ),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=120,
)
def funded_share(start: datetime, end: datetime) -> Figures:
    """Of the ideas in pre-study, pilot, implementation or spread at the period's end, the share granted
    money from the innovation fund or stipend by then. The basis is the number of those ideas."""
    stage_at_end = GateDecision.objects.filter(idea=OuterRef("pk"), decided_at__lt=end).order_by("-decided_at", "-pk")
    funded = Decision.objects.filter(
        granted=True,
        decided_at__lt=end,
        application__idea=OuterRef("pk"),
        application__call__programme__in=FUNDING_PROGRAMMES,
    )
    rows = list(
        Idea.objects.filter(created_at__lt=end)
        .annotate(
            # An idea not moved since the end is still where it was; only the others need their decisions read.
            stage_at_end=Case(
                When(stage_changed_at__lt=end, then=F("stage")),
                default=Subquery(stage_at_end.values("to_stage")[:1]),
            )
        )
        .filter(stage_at_end__in=IN_THE_LOCK)
        .order_by()
        .values_list("unit_id")
        .annotate(n=Count("pk"), funded=Count("pk", filter=Exists(funded)))
    )
    tree = Tree()
    in_lock = tree.sum_up((unit_id, n) for unit_id, n, _funded in rows)
    with_funding = tree.sum_up((unit_id, n) for unit_id, _n, n in rows)
    return {pk: Figure(quantize(Decimal(with_funding.get(pk, 0)) * 100 / n), n) for pk, n in in_lock.items() if n}
