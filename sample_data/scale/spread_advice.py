"""Requests for advice in the city-scale data: about 3,000 over the years, most answered, some waiting.

Written in bulk, as ``spread.advice.services`` would have left them: each from an employee of an administration or
company, to that organisation (``AdviceRequest.unit``) in working hours, due
``SPRANG_FIRST_ANSWER_DAYS`` later; one in ten names one of the organisation's coaches. Everything asked more than
two months before the reference date is answered (one in twenty sent in as an idea, counted as answered first),
by the office of the organisation or the coach asked, within its answer date or a little after; of the
rest (one in thirty asked in those two months) half wait, some past their date. An answer points to up to three published good examples when
the library has them. ``version`` counts the writes the services would have made. Its own random draws leave
the other parts' as they were.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings

from sample_data.scale import CITY, timestamps_as_given
from spread.models import AdviceRequest, AdviceStatus, Example, ExampleStatus

#: Requests in the whole city's data (scaled with the ideas).
CITY_REQUESTS = 3000
BATCH = 1000

SUBJECTS = [
    ("Var börjar jag?", "Jag har en idé men vet inte var jag ska börja. Vem ska jag prata med först?"),
    ("Hur har andra gjort?", "Har någon annan enhet i staden provat att arbeta så här? Vad lärde de sig?"),
    ("Pengar till ett försök", "Finns det pengar att söka för att prova vår idé i liten skala?"),
    ("Mäta effekten", "Hur visar vi att vårt nya arbetssätt gör skillnad för dem vi finns till för?"),
    ("Tjänstedesign", "Kan en coach hjälpa oss med en workshop i tjänstedesign?"),
    ("Upphandla ett försök", "Hur gör vi ett litet försök med en ny digital tjänst utan en stor upphandling?"),
    ("Involvera brukarna", "Hur får vi med brukarna från början när vi utvecklar en tjänst?"),
    ("Sprida vårt arbetssätt", "Vårt nya arbetssätt fungerar. Hur gör vi för att andra enheter ska få veta det?"),
]
ANSWERS = [
    "Börja med att beskriva problemet och vilka det gäller. Skicka sedan in det som en idé, så hjälper vi dig vidare.",
    "Titta på de goda exemplen nedan och ta kontakt med dem som står som kontaktpersoner.",
    "Prata med er upphandlare och beskriv försöket som en pilot med ett slutdatum.",
    "Välj ett eller två mått som ni redan har data för och jämför före och efter.",
]


def build(builder) -> None:
    rng = random.Random(builder.seed + 66)  # noqa: S311 - test data, not secrets
    days = settings.SPRANG_FIRST_ANSWER_DAYS
    people = builder.people
    orgs = [org for org, staff in people.by_org.items() if staff and org in people.office]
    if not orgs:
        return
    total = max(30, round(CITY_REQUESTS * builder.sizes.ideas / CITY.ideas))
    examples = list(
        Example.objects.filter(status=ExampleStatus.PUBLISHED).order_by("pk").values_list("pk", flat=True)[:2000]
    )
    reference = builder.reference
    rows: list[AdviceRequest] = []
    pointed: list[list[int]] = []
    for _n in range(total):
        org = rng.choice(orgs)
        asker = rng.choice(people.by_org[org])
        # One in thirty in the last two months (the queue's working set), the rest over the years.
        recent = _n < max(6, total // 30)
        first = reference - timedelta(days=60) if recent else builder.start
        asked_at = first + timedelta(
            days=rng.randrange((reference - first).days - 1), hours=rng.randint(7, 16), minutes=rng.randrange(60)
        )
        coaches = people.coaches_by_org.get(org) or []
        coach = rng.choice(coaches) if coaches and rng.random() < 0.1 else None
        subject, question = rng.choice(SUBJECTS)
        due = asked_at + timedelta(days=days)
        old = (reference - asked_at).days > 60
        answered = old or (not recent and rng.random() < 0.5) or (recent and _n % 2 == 0)
        row = AdviceRequest(
            asked_by_id=asker,
            unit_id=org,
            coach_id=coach,
            subject=subject,
            question=question,
            answer_due_at=due,
            created_at=asked_at,
            updated_at=asked_at,
        )
        chosen: list[int] = []
        if answered:
            at = min(asked_at + timedelta(days=rng.randint(1, days + 10)), reference - timedelta(hours=1))
            at = max(at, asked_at + timedelta(minutes=5))
            row.status = AdviceStatus.ANSWERED
            row.answer = rng.choice(ANSWERS)
            row.answered_by_id = coach or people.office[org]
            row.answered_at = at
            row.updated_at = at
            row.idea_suggested = rng.random() < 0.2
            row.version = 2
            if examples and rng.random() < 0.4:
                chosen = rng.sample(examples, k=min(len(examples), rng.randint(1, 3)))
        rows.append(row)
        pointed.append(chosen)
    with timestamps_as_given(AdviceRequest):
        AdviceRequest.objects.bulk_create(rows, batch_size=BATCH)
    created = list(AdviceRequest.objects.order_by("pk").values_list("pk", flat=True))[-len(rows) :]
    through = AdviceRequest.examples.through
    links = [
        through(advicerequest_id=pk, example_id=example)
        for pk, chosen in zip(created, pointed, strict=True)
        for example in chosen
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    builder.say(f"{len(rows)} requests for advice")


def counts() -> dict[str, int]:
    return {"requests for advice": AdviceRequest.objects.count()}
