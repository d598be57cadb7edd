"""Ideas serve the city's and the committees' goals (``governance.goal_work``, ADR 0031).

Those who decide on an idea or coach it tie it to goals; whoever may read an idea sees it beside its goals.
An idea is done when it is put into practice (implementation or spread).
"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import pgettext_lazy

from governance.goal_work import WorkKind, declare
from ideas.lock import Stage
from ideas.models import Idea
from ideas.rules import visible_ideas_filter

declare(
    WorkKind(
        key="idea",
        model=Idea,
        label=pgettext_lazy("work towards a goal", "Ideas"),
        label_one=pgettext_lazy("work towards a goal", "idea"),
        stage=F("stage"),
        stages=dict(Stage.choices),
        done=frozenset({Stage.IMPLEMENTATION, Stage.SPREAD}),
        may_tag=lambda user, idea: user.has_perm("ideas.assess_idea", idea),
        readable=visible_ideas_filter,
        related=("unit",),
        address="ideas:detail",
    ),
    position=10,
)
