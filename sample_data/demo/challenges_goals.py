"""The demo city's work tied to goals: ideas past the first stage, the calls, and the needs and challenges
(those the demo has, found as they are: the needs' and challenges' demo may be smaller or absent), each tagged
with one of this year's city goals and, where there is one, a goal of the committee or administration over it.

Written through ``governance.services.goal_links_set`` only, by the innovation director.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from calls.models import Call
from challenges.models import Challenge, Need
from core.city import CITY_TIME_ZONE
from governance import services
from governance.models import Goal
from ideas.lock import Stage
from ideas.models import Idea

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

#: How many ideas of each stage past the first are tagged, and how many new ones.
IDEAS_PER_STAGE = 12
NEW_IDEAS = 10


def build(demo: DemoBuilder) -> None:
    director = demo.cast.director
    year = demo.now.astimezone(CITY_TIME_ZONE).year
    city_goals = list(Goal.objects.filter(year=year, parent__isnull=True).order_by("pk"))
    if director is None or not city_goals:
        return
    rng = random.Random(demo.seed + 34)  # noqa: S311 - test data, not secrets
    # The goals of the committees and administrations, by the path of the unit that set them.
    own_goals: dict[str, list[Goal]] = {}
    for goal in Goal.objects.filter(year=year, parent__isnull=False).select_related("unit").order_by("pk"):
        own_goals.setdefault(goal.unit.path, []).append(goal)

    def tag(thing, unit) -> None:
        chosen = [rng.choice(city_goals)]
        if unit is not None:
            over = [g for path, goals in own_goals.items() if unit.path.startswith(path) for g in goals]
            if over:
                chosen.append(rng.choice(over))
        services.goal_links_set(thing=thing, by=director, goals=chosen, expected=[], year=year)

    ideas = []
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD):
        ideas += list(Idea.objects.filter(stage=stage).select_related("unit").order_by("pk")[:IDEAS_PER_STAGE])
    ideas += list(Idea.objects.filter(stage=Stage.IDEA).select_related("unit").order_by("-pk")[:NEW_IDEAS])
    for idea in ideas:
        tag(idea, idea.unit)
    for call in Call.objects.filter(published=True).order_by("pk"):
        tag(call, None)
    for need in Need.objects.select_related("unit").order_by("pk"):
        tag(need, need.unit)
    for challenge in Challenge.objects.select_related("unit").order_by("pk"):
        tag(challenge, challenge.unit)
