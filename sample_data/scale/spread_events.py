"""The city-scale events: ten years of the good-examples fair, in spring and autumn, each with its registrations
(a full fair with a waiting list now and then) and, once over, attendance. Written in bulk."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from organisation.models import User
from sample_data.scale import timestamps_as_given
from spread.models import Event, EventKind, Registration, RegistrationStatus

if TYPE_CHECKING:
    from sample_data.scale import ScaleBuilder

YEARS = 10
#: The fairs of a year: month, day.
FAIRS = ((4, 20), (10, 15))


def build(scale: ScaleBuilder) -> None:
    rng = random.Random(f"events-{scale.seed}")
    organiser = scale.people.director
    staff = scale.people.employees
    if not organiser or not staff:
        return
    emails = dict(User.objects.filter(pk__in=staff).values_list("pk", "email"))
    names = dict(User.objects.filter(pk__in=staff).values_list("pk", "name"))
    last = scale.reference.year
    events: list[Event] = []
    for year in range(last - YEARS + 1, last + 1):
        for month, day in FAIRS:
            starts = datetime(year, month, day, 7, 0, tzinfo=UTC)
            events.append(
                Event(
                    kind=EventKind.FAIR,
                    title=f"Goda exempelmässan {'våren' if month < 7 else 'hösten'} {year}",
                    description="Enheter från hela staden visar vad som fungerar.",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=6),
                    place="Stadshuset, Blå hallen",
                    capacity=rng.choice((80, 120, 150)),
                    is_public=True,
                    organiser_id=organiser,
                    created_at=starts - timedelta(days=60),
                    updated_at=starts - timedelta(days=60),
                )
            )
    with timestamps_as_given(Event, Registration):
        Event.objects.bulk_create(events)
        rows: list[Registration] = []
        for event in events:
            over = event.ends_at <= scale.reference
            people = rng.sample(staff, min(len(staff), event.capacity + rng.choice((-30, -10, 0, 15))))
            for n, pk in enumerate(people):
                placed = n < event.capacity
                at = event.starts_at - timedelta(days=30) + timedelta(minutes=7 * n)
                rows.append(
                    Registration(
                        event=event,
                        person_id=pk,
                        name=names[pk] or emails[pk],
                        email=emails[pk],
                        status=RegistrationStatus.REGISTERED if placed else RegistrationStatus.WAITING,
                        attended=(rng.random() < 0.85) if placed and over else None,
                        reminded_at=event.starts_at - timedelta(hours=20) if placed and over else None,
                        created_at=at,
                        updated_at=at,
                    )
                )
        Registration.objects.bulk_create(rows, batch_size=2000)
    scale.say(f"{len(events)} fairs, {len(rows)} registrations")


def counts() -> dict[str, int]:
    return {"events": Event.objects.count(), "event registrations": Registration.objects.count()}
