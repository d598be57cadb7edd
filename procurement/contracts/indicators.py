"""The governance indicator over suppliers' proposals within contracts: the share answered by their due date."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from governance.indicators import Figure, Figures, Tree, computation
from governance.models import Direction, Measure, quantize
from procurement.models import SupplierProposal


@computation(
    "supplier_proposals_answered_in_time",
    label=_("Supplier proposals answered in time"),
    description=_(
        "Of the suppliers' proposals within contracts whose answer fell due in the period, the share answered by "
        "the due date."
    ),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=149,
)
def supplier_proposals_answered_in_time(start: datetime, end: datetime) -> Figures:
    """Of the proposals due in [start, end), the share answered by then, per unit (the contract's unit, summed up
    the tree); the basis is the number of proposals due.
    An answer in time is given by the due date, so before the period's end: a past period keeps its value."""
    due = SupplierProposal.objects.filter(due_at__gte=start, due_at__lt=end).order_by().values_list("contract__unit_id")
    tree = Tree()
    all_due = tree.sum_up(due.annotate(n=Count("pk")))
    in_time = tree.sum_up(due.filter(answered_at__lte=F("due_at")).annotate(n=Count("pk")))
    return {pk: Figure(quantize(Decimal(in_time.get(pk, 0)) * 100 / n), n) for pk, n in all_due.items() if n}
