"""Challenges in the city-scale data: about 600 over ten years with about 30,000 answers, one of them (a year-long
challenge to anyone) with about 2,000.

Written in bulk, as ``challenges.challenges.services`` would have left them. Each starts from a need routed to a
challenge (the needs part's when there are enough, otherwise written here, routed by the organisation's office).
A third are public (to residents, suppliers, students and researchers, or anyone), the rest ask an organisation's
staff or all staff. The answers are ideas already in the data, sent while the challenge was open, each tied to
one challenge. A challenge that closed more than two months before the reference date has a response to every
answer and its summary; one closed since waits for responses; the newest are open. Its own random draws leave the
other parts' as they were.
"""

from __future__ import annotations

import bisect
import random
from datetime import date, datetime, time, timedelta

from challenges.challenges.services import challenge_stems
from challenges.models import (
    Answer,
    Audience,
    Challenge,
    ChallengeStatus,
    Need,
    NeedOrigin,
    NeedStatus,
    Response,
    Route,
)
from core.city import CITY_TIME_ZONE
from ideas.models import Idea
from sample_data.scale import CITY, timestamps_as_given

CITY_CHALLENGES = 600
CITY_ANSWERS = 30_000
BIG_ANSWERS = 2_000
BATCH = 2_000

TOPICS = [
    ("Kortare väntan på besked om bygglov", "Hur får sökande besked om bygglov snabbare?"),
    ("Tryggare skolvägar", "Hur gör vi skolvägen tryggare när det är mörkt?"),
    ("Mindre matsvinn i skolköken", "Hur kastar skolköken mindre mat?"),
    ("Enklare schemaläggning i hemtjänsten", "Hur planerar hemtjänsten sina scheman på halva tiden?"),
    ("Fler som cyklar till jobbet", "Vad skulle få fler anställda att cykla till jobbet?"),
    ("Renare parker", "Hur håller vi parkerna rena efter en varm helg?"),
    ("Ensamhet bland äldre", "Hur når vi äldre som är ensamma?"),
    ("Snabbare svar i kundtjänst", "Hur får invånare svar snabbare när de ringer staden?"),
]
PUBLIC = (Audience.RESIDENTS, Audience.SUPPLIERS, Audience.ACADEMIA, Audience.ANYONE)
RESPONSES = (Response.TAKEN_FORWARD, Response.MERGED, Response.NOT_TAKEN, Response.NOT_TAKEN)
WHY = {
    Response.TAKEN_FORWARD: "Tas vidare in i innovationsslussen.",
    Response.MERGED: "Samma tanke som ett annat svar: vi tar dem vidare tillsammans.",
    Response.NOT_TAKEN: "Görs redan, eller passar inte frågan.",
}


def _midnight(day: date) -> datetime:
    """The start of ``day`` in the city's time."""
    return datetime.combine(day, time.min, tzinfo=CITY_TIME_ZONE)


def _needs(builder, rng: random.Random, total: int, orgs: list[int]) -> list[Need]:
    """Needs routed to a challenge, oldest first: the needs part's, and as many more as it takes."""
    found = list(
        Need.objects.filter(
            status=NeedStatus.ROUTED, route__in=(Route.INTERNAL_CHALLENGE, Route.PUBLIC_CHALLENGE)
        ).order_by("pk")[:total]
    )
    people = builder.people
    rows = []
    for n in range(total - len(found)):
        org = rng.choice(orgs)
        title, _question = TOPICS[n % len(TOPICS)]
        written = builder.start + timedelta(days=rng.randrange(max(1, (builder.reference - builder.start).days - 90)))
        rows.append(
            Need(
                title=f"{title} ({n + 1})",
                unit_id=org,
                who_has_it="De som möter problemet i vardagen.",
                how_it_shows="Klagomål och svar i brukarenkäten.",
                good_outcome="Färre klagomål och nöjdare brukare.",
                origin=rng.choice(NeedOrigin.values),
                status=NeedStatus.ROUTED,
                route=Route.PUBLIC_CHALLENGE if n % 3 == 0 else Route.INTERNAL_CHALLENGE,
                created_by_id=people.office[org],
                submitted_at=written,
                decided_at=written + timedelta(days=5),
                version=3,
                created_at=written,
                updated_at=written + timedelta(days=5),
            )
        )
    with timestamps_as_given(Need):
        Need.objects.bulk_create(rows, batch_size=BATCH)
    return [*found, *rows]


def build(builder) -> None:
    rng = random.Random(builder.seed + 71)  # noqa: S311 - test data, not secrets
    people = builder.people
    orgs = [org for org, staff in people.by_org.items() if staff and org in people.office]
    if not orgs:
        return
    scale = builder.sizes.ideas / CITY.ideas
    total = max(6, round(CITY_CHALLENGES * scale))
    wanted_answers = max(30, round(CITY_ANSWERS * scale))
    ideas = list(
        Idea.objects.filter(challenge_answer__isnull=True).order_by("created_at", "pk").values_list("pk", "created_at")
    )
    if not ideas:
        return
    moments = [created for _pk, created in ideas]
    used: set[int] = set()
    reference = builder.reference
    needs = sorted(_needs(builder, rng, total, orgs), key=lambda need: need.decided_at or need.created_at)
    per_challenge = max(1, wanted_answers // total)
    challenges: list[Challenge] = []
    chosen: list[list[int]] = []
    for n, need in enumerate(needs):
        big = n == len(needs) - 30 if len(needs) > 30 else n == 0
        routed = need.decided_at or need.created_at
        opens = routed + timedelta(days=rng.randint(3, 30))
        if opens >= reference - timedelta(days=1):
            opens = reference - timedelta(days=rng.randint(2, 20))
        closes = opens + timedelta(days=365 if big else rng.randint(30, 60))
        # The office's form gives whole days: from the start of the first to the end of the last, city time.
        opens, closes = (
            _midnight(opens.astimezone(CITY_TIME_ZONE).date()),
            _midnight(closes.astimezone(CITY_TIME_ZONE).date() + timedelta(days=1)),
        )
        public = need.route == Route.PUBLIC_CHALLENGE
        audience = (
            (Audience.ANYONE if big else rng.choice(PUBLIC))
            if public
            else rng.choice((Audience.UNIT_STAFF, Audience.ALL_STAFF))
        )
        office = people.office.get(need.unit_id, people.director)
        title, question = TOPICS[n % len(TOPICS)]
        challenge = Challenge(
            need_id=need.pk,
            unit_id=need.unit_id,
            title=f"{question[:-1]}?" if not big else "Hur gör vi staden enklare att bo i?",
            question=question,
            background=f"{title}. {need.how_it_shows}",
            audience=audience,
            audience_unit_id=need.unit_id if audience == Audience.UNIT_STAFF else None,
            opens_at=opens,
            closes_at=closes,
            criteria="Genomförbart inom ett år. Gör skillnad för dem som har problemet.",
            prizes="De bästa svaren prövas i en pilot.",
            contact_id=office,
            status=ChallengeStatus.PUBLISHED,
            created_by_id=office,
            published_at=opens - timedelta(days=1),
            published_by_id=office,
            version=2,
            created_at=opens - timedelta(days=3),
            updated_at=opens - timedelta(days=1),
        )
        challenge.search_stems = challenge_stems(challenge)
        # The ideas sent while it was open, not yet tied to another challenge.
        first = bisect.bisect_left(moments, opens)
        last = bisect.bisect_left(moments, min(closes, reference))
        window = [ideas[i][0] for i in range(first, last) if ideas[i][0] not in used]
        k = min(len(window), BIG_ANSWERS if big else rng.randint(per_challenge // 2, per_challenge * 3 // 2 + 1))
        picked = rng.sample(window, k) if k else []
        used.update(picked)
        challenge.answer_count = len(picked)
        if closes <= reference - timedelta(days=60):
            challenge.status = ChallengeStatus.SUMMARISED
            challenge.summary = (
                f"{len(picked)} svar kom in. De bästa tas vidare in i innovationsslussen; alla som svarade har fått "
                "besked om vad som händer med deras svar."
            )
            challenge.summarised_at = closes + timedelta(days=30)
            challenge.version = 3
            challenge.updated_at = challenge.summarised_at
        challenges.append(challenge)
        chosen.append(picked)
    with timestamps_as_given(Challenge, Answer):
        Challenge.objects.bulk_create(challenges, batch_size=BATCH)
        created_at = dict(ideas)
        rows: list[Answer] = []
        for challenge, picked in zip(challenges, chosen, strict=True):
            responded = challenge.status == ChallengeStatus.SUMMARISED
            for idea in sorted(picked, key=lambda pk: created_at[pk]):
                answer = Answer(
                    challenge_id=challenge.pk,
                    idea_id=idea,
                    created_at=created_at[idea],
                    updated_at=created_at[idea],
                )
                if responded:
                    response = rng.choice(RESPONSES)
                    # A merge needs the other answer's row: a merged answer is said "not taken, merged" in words.
                    response = Response.NOT_TAKEN if response == Response.MERGED else response
                    answer.response = response
                    answer.response_reason = WHY[response]
                    answer.responded_by_id = challenge.created_by_id
                    answer.responded_at = challenge.closes_at + timedelta(days=20)
                    answer.shortlisted = response == Response.TAKEN_FORWARD
                    answer.version = 2
                    answer.updated_at = answer.responded_at
                rows.append(answer)
        Answer.objects.bulk_create(rows, batch_size=BATCH)
    builder.say(f"{len(challenges)} challenges; {len(rows)} answers")


def counts() -> dict[str, int]:
    return {"challenges": Challenge.objects.count(), "challenge answers": Answer.objects.count()}
