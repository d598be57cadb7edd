"""City-scale work tied to goals: a third of the ideas, most needs and challenges (those present: their parts
build them first) and every published call, each with a city goal of its year and, for half, a goal of the
committee or administration over its unit. The goal with most work is in the benchmarks (its goal view).

Links are written in bulk, like the rest of the scale data (no audit entries).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from calls.models import Call
from challenges.models import Challenge, Need
from core.city import CITY_TIME_ZONE
from governance.models import Goal, GoalLink
from ideas.models import Idea
from sample_data.scale import BATCH, ScaleBuilder, timestamps_as_given

#: The share of each kind tagged with goals.
SHARES = {"idea": 0.33, "need": 0.8, "challenge": 0.9, "call": 1.0}


def build(builder: ScaleBuilder) -> None:
    # Its own draws, so that the apps built after it draw as before.
    rng, director = random.Random(builder.seed + 34), builder.people.director  # noqa: S311 - test data
    city: dict[int, list[int]] = {}
    own: dict[int, list[tuple[str, int]]] = {}
    for pk, year, parent, path in Goal.objects.values_list("pk", "year", "parent_id", "unit__path").order_by("pk"):
        if parent is None:
            city.setdefault(year, []).append(pk)
        else:
            own.setdefault(year, []).append((path, pk))
    if not city or not director:
        return
    links: list[GoalLink] = []
    at = builder.reference

    def tag(model, share: float, rows) -> None:
        content_type = ContentType.objects.get_for_model(model)
        for pk, created, path in rows:
            if rng.random() >= share:
                continue
            year = created.astimezone(CITY_TIME_ZONE).year
            if year not in city:
                continue
            chosen = {rng.choice(city[year])}
            if path and rng.random() < 0.5:
                over = [g for p, g in own.get(year, []) if path.startswith(p)]
                if over:
                    chosen.add(rng.choice(over))
            for goal in chosen:
                links.append(
                    GoalLink(
                        goal_id=goal,
                        content_type=content_type,
                        object_id=pk,
                        tagged_by_id=director,
                        created_at=min(created + timedelta(days=14), at),
                        updated_at=min(created + timedelta(days=14), at),
                    )
                )

    tag(Idea, SHARES["idea"], Idea.objects.values_list("pk", "created_at", "unit__path").order_by("pk").iterator())
    tag(Need, SHARES["need"], Need.objects.values_list("pk", "created_at", "unit__path").order_by("pk"))
    tag(Challenge, SHARES["challenge"], Challenge.objects.values_list("pk", "created_at", "unit__path").order_by("pk"))
    tag(
        Call,
        SHARES["call"],
        ((pk, opens, "") for pk, opens in Call.objects.filter(published=True).values_list("pk", "opens_at")),
    )
    with timestamps_as_given(GoalLink):
        GoalLink.objects.bulk_create(links, batch_size=BATCH)
    builder.say(f"goal links: {len(links)}")


def counts() -> dict[str, int]:
    return {"work tied to goals": GoalLink.objects.count()}
