"""City-scale adoptions: about 15,000 over the examples the examples part wrote, one example with about 300
adopters (the spread view's benchmark), every state; written in bulk, the counts kept as the services keep them."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db.models import Q

from organisation.models import Unit
from sample_data.scale import CITY, ScaleBuilder, timestamps_as_given
from spread.adoptions.services import adoption_counts_recount
from spread.adoptions.states import RUNNING
from spread.models import Adoption, AdoptionState, AdoptionStep, Example

#: Adoptions in the whole city, and the adopters of the most adopted example.
CITY_ADOPTIONS = 15_000
MOST_ADOPTERS = 300
#: The share of adoptions in each state, in the order of the route.
STATES = (
    (AdoptionState.CONSIDERING, 0.2),
    (AdoptionState.TRYING, 0.2),
    (AdoptionState.IN_USE, 0.45),
    (AdoptionState.STOPPED, 0.15),
)


def _total(scale: ScaleBuilder) -> int:
    return max(30, round(CITY_ADOPTIONS * scale.sizes.ideas / CITY.ideas))


def build(scale: ScaleBuilder) -> None:
    examples = list(Example.objects.filter(status="published", unit__isnull=False).values_list("pk", "unit__path"))
    if not examples:
        scale.say("Adoptions: no published examples to adopt, none written.")
        return
    rng = random.Random(f"adoptions-{scale.seed}")  # noqa: S311 - test data, not secrets
    units = list(Unit.objects.filter(depth__gte=3).values_list("pk", "path"))
    by = scale.people.director
    today = scale.reference.date()
    total = _total(scale)
    plan: list[tuple[int, int]] = []  # (example, unit)
    taken: set[tuple[int, int]] = set()

    def pick(example: int, origin: str, n: int) -> None:
        candidates = [u for u in units if not (u[1].startswith(origin) or origin.startswith(u[1]))]
        for pk, _path in rng.sample(candidates, min(n, len(candidates))):
            if (example, pk) not in taken:
                taken.add((example, pk))
                plan.append((example, pk))

    first, origin = examples[0]
    pick(first, origin, min(MOST_ADOPTERS, total))
    tries = 0
    while len(plan) < total and tries < 20 * total:  # a small city runs out of pairs before the total
        tries += 1
        example, origin = rng.choice(examples)
        pick(example, origin, rng.randint(1, 8))
    plan = plan[:total]
    adoptions: list[Adoption] = []
    steps: list[tuple[int, list[tuple[AdoptionState, date]]]] = []
    weights = [w for _s, w in STATES]
    for example, unit in plan:
        state = rng.choices([s for s, _w in STATES], weights)[0]
        start = today - timedelta(days=rng.randint(60, 9 * 365))
        route = [(AdoptionState.CONSIDERING, start)]
        day = start
        for s in (AdoptionState.TRYING, AdoptionState.IN_USE):
            if state == s or (state in (AdoptionState.IN_USE, AdoptionState.STOPPED) and s == AdoptionState.TRYING):
                day = day + timedelta(days=rng.randint(20, 200))
                route.append((s, min(day, today)))
            if s == state:
                break
        if state == AdoptionState.STOPPED:
            if rng.random() < 0.5:
                day = day + timedelta(days=rng.randint(20, 300))
                route.append((AdoptionState.IN_USE, min(day, today)))
            day = day + timedelta(days=rng.randint(20, 300))
            route.append((AdoptionState.STOPPED, min(day, today)))
        dates = dict(route)
        moment = scale.reference - timedelta(days=(today - route[-1][1]).days)
        adoptions.append(
            Adoption(
                example_id=example,
                unit_id=unit,
                started_by_id=by,
                start_date=start,
                changes="Vi anpassar arbetssättet till vår verksamhet.",
                state=state,
                state_changed_at=moment,
                in_use_since=dates.get(AdoptionState.IN_USE),
                evidence="Uppföljningen visar samma effekt som i exemplet." if AdoptionState.IN_USE in dates else "",
                stopped_on=dates.get(AdoptionState.STOPPED),
                stopped_reason="Det passade inte vår verksamhet." if state == AdoptionState.STOPPED else "",
                created_at=scale.reference - timedelta(days=(today - start).days),
                updated_at=moment,
            )
        )
        steps.append((len(adoptions) - 1, route))
    with timestamps_as_given(Adoption):
        written = Adoption.objects.bulk_create(adoptions, batch_size=2000)
    AdoptionStep.objects.bulk_create(
        (
            AdoptionStep(adoption_id=written[i].pk, state=s, on=on, by_id=by, created_at=scale.reference)
            for i, route in steps
            for s, on in route
        ),
        batch_size=5000,
    )
    adoption_counts_recount()
    running = Adoption.objects.filter(state__in=RUNNING).count()
    scale.say(f"Adoptions: {len(written)}, {running} of them not stopped.")


def counts() -> dict[str, int]:
    return {
        "adoptions": Adoption.objects.count(),
        "adoption_steps": AdoptionStep.objects.count(),
        "adoptions_in_use": Adoption.objects.filter(Q(state=AdoptionState.IN_USE)).count(),
    }
