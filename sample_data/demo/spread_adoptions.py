"""The demo's adoptions: other administrations and companies adopting the published examples, in every state,
written through the services (notifications and counts as in use), dated back over the last two years."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from core.city import CITY_TIME_ZONE
from organisation.models import Unit
from sample_data.demo.governance import audited
from spread.adoptions import services
from spread.models import Adoption, AdoptionState, Example

CHANGES = (
    "Vi börjar i en arbetsgrupp och anpassar rutinen till våra lokaler.",
    "Vi använder samma metod men med vår egen uppföljning.",
    "Vi provar först på en enhet och tar sedan ställning.",
)
#: The states the demo's adoptions end in, in turn, so that every state shows.
ENDS = (AdoptionState.IN_USE, AdoptionState.TRYING, AdoptionState.CONSIDERING, AdoptionState.STOPPED)


def build(demo) -> None:
    examples = list(Example.objects.filter(status="published", unit__isnull=False).select_related("unit", "owner"))
    managers = demo.cast.managers  # organisation unit id -> its manager
    if not examples or not managers:
        return
    rng = random.Random(f"adoptions-{demo.seed}")  # noqa: S311 - demo data, not secrets
    today = timezone.localtime(demo.now, CITY_TIME_ZONE).date()
    organisations = list(Unit.objects.filter(pk__in=managers))
    n = 0
    with audited(False):  # backdated history
        for example in examples:
            origin = example.unit
            assert origin is not None  # noqa: S101 - filtered above
            others = [u for u in organisations if not (u.is_within(origin) or origin.is_within(u))]
            for unit in rng.sample(others, min(len(others), rng.randint(1, 4))):
                end = ENDS[n % len(ENDS)]
                n += 1
                by = managers[unit.pk]
                start = today - timedelta(days=rng.randint(120, 700))
                adoption = services.adoption_start(
                    example=example, unit=unit, by=by, start_date=start, changes=rng.choice(CHANGES)
                )
                _steps(adoption, end, by, start, today, rng)
    demo.out(f"Adoptions: {Adoption.objects.count()}")


def _steps(adoption: Adoption, end: AdoptionState, by, start, today, rng: random.Random) -> None:
    route = {
        AdoptionState.CONSIDERING: [],
        AdoptionState.TRYING: [AdoptionState.TRYING],
        AdoptionState.IN_USE: [AdoptionState.TRYING, AdoptionState.IN_USE],
        AdoptionState.STOPPED: [AdoptionState.TRYING, AdoptionState.STOPPED],
    }[end]
    day = start
    for state in route:
        day = min(day + timedelta(days=rng.randint(30, 100)), today)
        adoption = services.adoption_step(
            adoption=adoption,
            by=by,
            expected_version=adoption.version,
            to_state=state,
            on=day,
            note={
                AdoptionState.TRYING: "Vi provar under en termin.",
                AdoptionState.IN_USE: "Beslut i ledningsgruppen.",
                AdoptionState.STOPPED: "Avslutat efter utvärdering.",
            }[state],
            evidence="Mätningen visar kortare väntetider, som i exemplet." if state == AdoptionState.IN_USE else "",
            stopped_reason="Det krävde ett verksamhetssystem vi inte har." if state == AdoptionState.STOPPED else "",
        )
