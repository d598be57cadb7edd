"""Good examples in the city-scale data: about 3,000, written in bulk after the ideas and the calls.

As the services would have made them: each from an idea in implementation or spread with an assessment (the
idea's texts, kind, values and unit, its author as owner, its assessment's evidence as the effect), published by
its organisation's innovation office some weeks after the assessment; about a third public with the owner's
consent (owners who are staff only), a few taken out of the library; and the latest quality award's and renewal
prize's winners proposed, waiting for the city's innovation office. ``search_stems`` is what the services keep.
``adoption_count`` starts at nought: the adoptions count themselves in.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from calls.models import Application, Programme, Status
from ideas.lock import Stage
from ideas.models import Assessment
from organisation.models import PersonKind, User
from sample_data.scale import BATCH, timestamps_as_given
from spread.examples.services import example_stems
from spread.models import Example, ExampleFile, ExampleStatus, ExampleVisibility

if TYPE_CHECKING:
    from sample_data.scale import ScaleBuilder

#: Good examples in the whole city (scaled like the ideas).
CITY_EXAMPLES = 3_000

TOOK = (
    ("Cirka 40 000 kronor och 60 timmar arbetstid.", "Fyra månader.", "Enhetschef och två medarbetare.", "Enkät"),
    ("Arbetstid motsvarande en halv tjänst.", "Ett halvår.", "Verksamhetsutvecklare och brukare.", "Tjänstedesign"),
    ("Cirka 150 000 kronor.", "Ett år.", "Projektledare, upphandlare och jurist.", "Förstudie och pilot"),
)
WATCH = (
    "Avsätt tid för att lära upp alla i personalgruppen.",
    "Involvera skyddsombudet tidigt när arbetssätt ändras.",
    "Kontrollera personuppgifter och informationssäkerhet innan piloten startar.",
    "",
)


def build(scale: ScaleBuilder) -> None:
    rng = random.Random(f"examples-{scale.seed}")  # noqa: S311 - test data, not secrets
    wanted = max(30, round(CITY_EXAMPLES * scale.sizes.ideas / 100_000))
    units = scale.units
    people = scale.people
    staff = set(User.objects.filter(kind=PersonKind.EMPLOYEE).values_list("pk", flat=True))
    assessed = (
        Assessment.objects.filter(idea__stage__in=(Stage.IMPLEMENTATION, Stage.SPREAD))
        .order_by("idea_id", "-assessed_at")
        .values_list(
            "idea_id",
            "assessed_at",
            "value_evidence",
            "value_figures",
            "idea__title",
            "idea__problem",
            "idea__proposal",
            "idea__kind",
            "idea__value_economic",
            "idea__value_social",
            "idea__value_environmental",
            "idea__unit_id",
            "idea__author_id",
        )
    )
    # The ideas' own part published an example for each idea it moved to spread (the gate asks for one).
    existing = set(Example.objects.exclude(idea=None).values_list("idea_id", flat=True))
    latest: dict[int, tuple] = {}
    for row in assessed.iterator(chunk_size=BATCH):
        if row[0] not in existing:
            latest.setdefault(row[0], row)
    chosen = rng.sample(sorted(latest), min(wanted, len(latest)))
    examples: list[Example] = []
    for idea_id in sorted(chosen):
        (_id, assessed_at, evidence, figures, title, problem, proposal, kind, economic, social, environmental) = latest[
            idea_id
        ][:11]
        unit_id, author_id = latest[idea_id][11:]
        unit = units.get(unit_id)
        org = unit.org if unit is not None else None
        publisher = people.office.get(org) if org is not None else None
        published_at = min(assessed_at + timedelta(days=rng.randint(7, 120)), scale.reference - timedelta(days=1))
        owner_is_staff = author_id in staff
        public = owner_is_staff and rng.random() < 0.35
        cost, time_taken, roles, tools = rng.choice(TOOK)
        example = Example(
            title=title,
            idea_id=idea_id,
            unit_id=unit_id,
            owner_id=author_id,
            contact_id=author_id if owner_is_staff else None,
            problem=problem,
            what_was_done=proposal,
            cost=cost,
            time_taken=time_taken,
            roles=roles,
            tools=tools,
            effect=f"{evidence}\n\n{figures}".strip(),
            watch_out_for=rng.choice(WATCH),
            sector=_sector(unit.sectors if unit is not None else []),
            kind=kind or "process",
            value_economic=economic,
            value_social=social or not (economic or environmental),
            value_environmental=environmental,
            status=ExampleStatus.UNPUBLISHED if rng.random() < 0.03 else ExampleStatus.PUBLISHED,
            visibility=ExampleVisibility.PUBLIC if public else ExampleVisibility.INTERNAL,
            public_consent_at=published_at if public else None,
            public_consent_by_id=author_id if public else None,
            published_at=published_at,
            published_by_id=publisher or people.director or author_id,
            created_at=published_at,
            updated_at=published_at,
            version=3 if public else 1,
        )
        example.search_stems = example_stems(example)
        examples.append(example)
    examples += _award_winners(scale, {e.idea_id for e in examples} | existing)
    with timestamps_as_given(Example):
        Example.objects.bulk_create(examples, batch_size=BATCH)
    # Those the ideas' part published are found by search and by sector like the rest.
    published_before = list(Example.objects.filter(idea_id__in=existing))
    for example in published_before:
        example.sector = _sector(units[example.unit_id].sectors if example.unit_id in units else [])
        example.search_stems = example_stems(example)
    Example.objects.bulk_update(published_before, ["sector", "search_stems"], batch_size=BATCH)
    scale.say(f"good examples: {len(examples):,}")


def _sector(sectors: list[str]) -> str:
    from spread.models import Sector

    return next((s for s in sectors if s in Sector.values), "")


def _award_winners(scale: ScaleBuilder, taken: set[int | None]) -> list[Example]:
    """The latest decided quality award's and renewal prize's winners, proposed as good examples."""
    proposed = []
    for programme in (Programme.QUALITY_AWARD, Programme.RENEWAL_PRIZE):
        latest = (
            Application.objects.filter(call__programme=programme, status=Status.GRANTED)
            .order_by("-call__year")
            .values_list("call__year", flat=True)
            .first()
        )
        if latest is None:
            continue
        winners = Application.objects.filter(call__programme=programme, status=Status.GRANTED, call__year=latest)
        for application in winners.select_related("applicant", "call").order_by("pk"):
            if application.idea_id in taken and application.idea_id is not None:
                continue
            taken.add(application.idea_id)
            owner = application.applicant_id if application.applicant.kind == PersonKind.EMPLOYEE else None
            example = Example(
                title=(application.title or application.call.title)[:200],
                application_id=application.pk,
                idea_id=application.idea_id,
                unit_id=application.unit_id,
                owner_id=owner,
                contact_id=owner,
                problem=application.summary or application.title,
                what_was_done=application.description or application.summary or application.title,
                effect="",
                status=ExampleStatus.PROPOSED,
                visibility=ExampleVisibility.INTERNAL,
                created_at=application.updated_at,
                updated_at=application.updated_at,
            )
            example.search_stems = example_stems(example)
            proposed.append(example)
    return proposed


def counts() -> dict[str, int]:
    return {"good examples": Example.objects.count(), "good examples' files": ExampleFile.objects.count()}
