"""The governance indicator over adoptions: good examples in use by other units (M6)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.indicators import Figure, Figures, Tree, computation
from governance.models import Direction, Measure
from spread.models import Adoption


@computation(
    "adoptions_by_other_units",
    label=_("Adoptions by other units"),
    description=_(
        "Good examples in use in the period by a unit other than the one they come from: counted for the unit "
        "whose example it is and for the adopting unit, once where both are in the same part of the organisation."
    ),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=130,
)
def adoptions_by_other_units(start: datetime, end: datetime) -> Figures:
    """Adoptions in use at some time in [start, end): gone into use before the end and not stopped before the start.

    An adoption counts for the example's unit and for the adopting unit (``Tree.sum_up_once``: a unit above both
    counts it once). An example imported from another city counts only for the adopting unit. The basis is the
    number of adoptions.
    """
    first, last = timezone.localdate(start), timezone.localdate(end)
    rows = (
        Adoption.objects.filter(in_use_since__lt=last)
        .filter(Q(stopped_on__isnull=True) | Q(stopped_on__gte=first))
        .order_by()
        .values_list("example__unit_id", "unit_id")
        .annotate(n=Count("pk"))
    )
    tree = Tree()
    totals = tree.sum_up_once(((origin, adopter), n) for origin, adopter, n in rows)
    return {pk: Figure(Decimal(int(totals.get(pk, 0))), int(totals.get(pk, 0))) for pk, _p, _h in tree.units}
