"""Needs in the city-scale data: about 2,000 over the ten years, across the units that have a manager, with their
decisions, the units with the same need and those following them.

Written in bulk, as ``challenges.needs.services`` would have left them: each by the manager of its unit (who
follows it), sent a day or more later and decided by the innovation office of its administration or company
within weeks. A need written more than half a year before the reference date has been decided (nine in ten
routed, the rest returned and left); of the recent ones some are drafts, some wait, some are returned or validated
without a route. The route ``lock`` points to an idea of the need's organisation when there is one not yet taken.
Every decision is a ``NeedDecision``; ``version`` counts the writes; one sent need in six has one to four other
units with the same need (``same_need_count`` agrees). Its own random draws leave the other parts' as they were.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from challenges.models import (
    Need,
    NeedDecision,
    NeedDecisionKind,
    NeedFollow,
    NeedOrigin,
    NeedStatus,
    Route,
    SameNeed,
)
from challenges.needs.services import need_stems
from ideas.models import Idea
from sample_data.scale import CITY, pick, timestamps_as_given

#: Needs in the whole city's data (scaled with the ideas).
CITY_NEEDS = 2000
BATCH = 1000

TOPICS = [
    (
        "Långa köer till bygglov",
        "Sökande som väntar på besked.",
        "Handläggningstiden är 14 veckor.",
        "Besked inom fyra veckor.",
    ),
    (
        "Ensamhet bland äldre",
        "Äldre som bor hemma.",
        "Brukarundersökningen visar att många är ensamma.",
        "Färre känner sig ensamma.",
    ),
    ("Matsvinn i skolköken", "Elever och kockar.", "Vi slänger 60 gram per elev och dag.", "Svinnet halveras."),
    ("Trasiga hissar", "Boende med rullator eller barnvagn.", "Hissarna står still varje vecka.", "Hissarna går."),
    (
        "Otrygga gångvägar",
        "Boende som går hem på kvällen.",
        "Trygghetsmätningen och klagomål.",
        "Fler känner sig trygga.",
    ),
    (
        "Tid till dokumentation",
        "Personalen i hemtjänsten.",
        "50 minuter per pass går till dokumentation.",
        "Hälften så lång tid.",
    ),
    (
        "Snöröjning vid förskolor",
        "Föräldrar och personal.",
        "86 klagomål förra vintern.",
        "Fria entréer när förskolan öppnar.",
    ),
    ("Unga utan feriejobb", "Ungdomar 16–18 år.", "Hälften av platserna söks inte.", "Fler unga söker."),
    (
        "Energiförbrukning i skolor",
        "Skolor och fastighetsförvaltning.",
        "De äldsta husen drar dubbelt så mycket.",
        "En tredjedel mindre energi.",
    ),
    (
        "Information till föräldrar",
        "Föräldrar med barn i förskolan.",
        "Föräldrar missar lappar om stängda dagar.",
        "Alla får informationen i tid.",
    ),
]
ORIGINS = [
    (NeedOrigin.OWN_WORK, 50),
    (NeedOrigin.COMPLAINTS, 25),
    (NeedOrigin.USER_SURVEY, 20),
    (NeedOrigin.IDEA, 5),
]
ROUTES = [
    (Route.INTERNAL_CHALLENGE, 25),
    (Route.PUBLIC_CHALLENGE, 20),
    (Route.OPENLAB, 15),
    (Route.MARKET_DIALOGUE, 15),
    (Route.LOCK, 25),
]
RATIONALE = "Passar bäst så, efter samtal med enheten."
RETURN_COMMENT = "Lägg till hur många det gäller och vad det kostar i dag."


def build(builder) -> None:
    rng = random.Random(builder.seed + 101)  # noqa: S311 - test data, not secrets
    people = builder.people
    units = builder.units
    writers = {unit: manager for unit, manager in people.manager_of_unit.items() if unit in units}
    offices = people.office
    led = [u for u in sorted(writers) if (units[u].org in offices) or people.director]
    if not led:
        return
    total = max(40, round(CITY_NEEDS * builder.sizes.ideas / CITY.ideas))
    reference = builder.reference
    ideas_by_org: dict[int, list[int]] = {}
    idea_orgs = Idea.objects.filter(need_routed__isnull=True).values_list("pk", "unit_id").order_by("pk")[:200_000]
    for pk, unit_id in idea_orgs:
        org = units[unit_id].org if unit_id in units else None
        if org is not None:
            ideas_by_org.setdefault(org, []).append(pk)
    taken: set[int] = set()
    needs: list[Need] = []
    plans: list[tuple] = []
    for n in range(total):
        unit = rng.choice(led)
        writer = writers[unit]
        org = units[unit].org
        decider = offices.get(org) or people.director
        recent = n < max(8, total // 12)
        first = reference - timedelta(days=150) if recent else builder.start
        span = max(2, (reference - first).days - 30 if not recent else (reference - first).days - 1)
        written = first + timedelta(days=rng.randrange(span), hours=rng.randint(7, 16), minutes=rng.randrange(60))
        title, who, how, outcome = rng.choice(TOPICS)
        origin = pick(rng, ORIGINS)
        if origin == NeedOrigin.IDEA:
            origin = NeedOrigin.OWN_WORK  # a need from an idea names it: the demo shows one
        need = Need(
            title=f"{title} ({units[unit].name})"[:200],
            unit_id=unit,
            who_has_it=who,
            how_it_shows=how,
            good_outcome=outcome,
            origin=origin,
            created_by_id=writer,
            created_at=written,
            updated_at=written,
        )
        need.search_stems = need_stems(need)
        if recent:
            state = rng.choice(("draft", "submitted", "submitted", "returned", "validated", "routed", "routed"))
        else:
            state = "routed" if rng.random() < 0.9 else "returned"
        sent = written + timedelta(days=rng.randint(1, 10))
        decided = min(sent + timedelta(days=rng.randint(2, 30)), reference - timedelta(hours=1))
        route = ""
        idea_pk = None
        if state != "draft":
            need.status, need.submitted_at, need.version = NeedStatus.SUBMITTED, sent, 2
            need.updated_at = sent
        if state in ("returned", "validated", "routed"):
            need.decided_at, need.updated_at, need.version = decided, decided, 3
            need.status = {"returned": NeedStatus.RETURNED, "validated": NeedStatus.VALIDATED}.get(
                state, NeedStatus.ROUTED
            )
        if state == "routed":
            route = pick(rng, ROUTES)
            if route == Route.LOCK:
                pool = [pk for pk in ideas_by_org.get(org, [])[:50] if pk not in taken]
                if pool:
                    idea_pk = rng.choice(pool)
                    taken.add(idea_pk)
                else:
                    route = Route.INTERNAL_CHALLENGE
            need.route, need.routed_idea_id, need.version = route, idea_pk, 4
        needs.append(need)
        plans.append((state, route, decider, sent, decided))
    with timestamps_as_given(Need, NeedDecision, NeedFollow, SameNeed):
        Need.objects.bulk_create(needs, batch_size=BATCH)
        created = list(Need.objects.order_by("pk").values_list("pk", flat=True))[-len(needs) :]
        decisions: list[NeedDecision] = []
        follows: list[NeedFollow] = []
        sames: list[SameNeed] = []
        counts: dict[int, int] = {}
        others = sorted(writers)
        for pk, need, (state, route, decider, sent, decided) in zip(created, needs, plans, strict=True):
            follows.append(
                NeedFollow(
                    need_id=pk, user_id=need.created_by_id, created_at=need.created_at, updated_at=need.created_at
                )
            )
            if state == "draft":
                continue

            steps: list[tuple[str, Any, int, dict[str, str]]] = [
                (NeedDecisionKind.SUBMITTED, sent, need.created_by_id, {})
            ]
            if state == "returned":
                steps.append((NeedDecisionKind.RETURNED, decided, decider, {"rationale": RETURN_COMMENT}))
            elif state in ("validated", "routed"):
                steps.append((NeedDecisionKind.VALIDATED, decided, decider, {}))
            if state == "routed":
                steps.append((NeedDecisionKind.ROUTED, decided, decider, {"route": route, "rationale": RATIONALE}))
            decisions += [
                NeedDecision(need_id=pk, kind=kind, decided_by_id=by, created_at=at, updated_at=at, **extra)
                for kind, at, by, extra in steps
            ]
            if rng.random() < 1 / 6:
                chosen = {u for u in rng.sample(others, k=min(len(others), rng.randint(1, 4))) if u != need.unit_id}
                at = max(sent, decided) + timedelta(days=rng.randint(1, 60))
                at = min(at, reference - timedelta(minutes=5))
                for unit in chosen:
                    sames.append(
                        SameNeed(
                            need_id=pk,
                            unit_id=unit,
                            note="Samma sak hos oss.",
                            reported_by_id=writers[unit],
                            created_at=at,
                            updated_at=at,
                        )
                    )
                    if writers[unit] != need.created_by_id:
                        follows.append(NeedFollow(need_id=pk, user_id=writers[unit], created_at=at, updated_at=at))
                counts[pk] = len(chosen)
        NeedDecision.objects.bulk_create(decisions, batch_size=BATCH)
        SameNeed.objects.bulk_create(sames, batch_size=BATCH)
        NeedFollow.objects.bulk_create(follows, batch_size=BATCH, ignore_conflicts=True)
    with_counts = list(Need.objects.filter(pk__in=list(counts)))
    for need in with_counts:
        need.same_need_count = counts[need.pk]
    Need.objects.bulk_update(with_counts, ["same_need_count"], batch_size=BATCH)
    builder.say(f"{len(needs)} needs, {len(decisions)} decisions on them, {len(sames)} same-need reports")


def counts() -> dict[str, int]:
    return {"needs": Need.objects.count(), "decisions on needs": NeedDecision.objects.count()}
