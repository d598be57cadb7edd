"""Calls serve the city's and the committees' goals (``governance.goal_work``, ADR 0031).

The innovation office, which runs the calls, ties them to goals; a call is the whole city's, so it may serve any
goal. Staff read every call; others the published ones. A call is done when its results are published.
"""

from __future__ import annotations

from django.db.models import Case, Q, Value, When
from django.db.models.functions import Now
from django.utils.translation import pgettext_lazy

from calls.models import Call
from governance.goal_work import WorkKind, declare

STAGES = {
    "draft": pgettext_lazy("work towards a goal", "Not yet published"),
    "upcoming": pgettext_lazy("work towards a goal", "Published, not yet open"),
    "open": pgettext_lazy("work towards a goal", "Open"),
    "closed": pgettext_lazy("work towards a goal", "Closed, being decided"),
    "decided": pgettext_lazy("work towards a goal", "Results published"),
}

STAGE = Case(
    When(published=False, then=Value("draft")),
    When(results_published_at__isnull=False, then=Value("decided")),
    When(opens_at__gt=Now(), then=Value("upcoming")),
    When(closes_at__gt=Now(), then=Value("open")),
    default=Value("closed"),
)


def readable(user) -> Q:
    """The twin of ``calls.view_call``: the office reads drafts too, everyone the published calls."""
    if user.is_authenticated and user.has_perm("calls.manage_calls"):
        return Q()
    return Q(published=True)


declare(
    WorkKind(
        key="call",
        model=Call,
        label=pgettext_lazy("work towards a goal", "Calls"),
        label_one=pgettext_lazy("work towards a goal", "call"),
        stage=STAGE,
        stages=STAGES,
        done=frozenset({"decided"}),
        may_tag=lambda user, call: user.has_perm("calls.manage_calls"),
        readable=readable,
        unit=lambda call: None,
        address="calls:call",
    ),
    position=40,
)
