"""The governance indicator over challenges (M2): the share of the ideas received that answered a challenge."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from challenges.models import Answer
from governance.indicators import Figure, Figures, Tree, computation
from governance.models import Direction, Measure, quantize
from ideas.models import Idea


@computation(
    "challenge_answer_share",
    label=_("Ideas that answered a challenge"),
    description=_("Of the ideas received in the period, the share sent in answer to a challenge while it was open."),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=55,
)
def challenge_answer_share(start: datetime, end: datetime) -> Figures:
    """Share of the ideas received in [start, end) that are answers to a challenge, per unit (the idea's unit,
    summed up the tree); the basis is the number of ideas received."""
    received = (
        Idea.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(answered=Exists(Answer.objects.filter(idea=OuterRef("pk"))))
        .order_by()
    )
    tree = Tree()
    everything = tree.sum_up(received.values_list("unit_id").annotate(n=Count("pk")))
    answers = tree.sum_up(received.filter(answered=True).values_list("unit_id").annotate(n=Count("pk")))
    return {pk: Figure(quantize(Decimal(answers.get(pk, 0)) * 100 / n), n) for pk, n in everything.items() if n}
