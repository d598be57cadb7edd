"""The demo's events: last year's good-examples fair with its stands, registrations and attendance, and next
month's fair, full, with a waiting list and applications to exhibit still to decide. Built through the services,
each step at the moment it happened (``now``)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from core.city import CITY_TIME_ZONE
from spread.events import services
from spread.models import Event, EventKind, Example, ExampleStatus, Lead, Registration

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

DESCRIPTION = (
    "Goda exempelmässan är stadens mötesplats för det som fungerar. Enheter från hela staden visar i montrar vad "
    "de har gjort, vad det krävde och vad det gav. Kom och lär av andra, ställ frågor och ta med dig en idé hem.\n\n"
    "Programmet: mingel och montrar hela dagen, korta presentationer varje hel timme och kaffe i foajén."
)
QUESTIONS = (
    "Hur fick ni med personalen från början?",
    "Vad kostade det första året?",
    "Kan vi komma på studiebesök?",
    "Hur mätte ni effekten?",
)


def build(demo: DemoBuilder) -> None:
    rng = random.Random(f"events-{demo.seed}")
    office = demo.cast.executive_office
    if office is None:
        raise RuntimeError("The demo cast has no executive office; create the people first.")
    staff = [p for p in demo.cast.employees if p.email]
    rng.shuffle(staff)
    examples = list(Example.objects.filter(status=ExampleStatus.PUBLISHED, owner__isnull=False).order_by("pk")[:8])
    today = timezone.localtime(demo.now, CITY_TIME_ZONE).date()
    past = _fair(office, day=today - timedelta(days=365), capacity=120, title="Goda exempelmässan")
    _last_years_fair(past, office=office, staff=staff[:60], examples=examples[:6], rng=rng)
    # Some came last year too; six more than the places, so the fair is full and six wait.
    coming_staff = staff[-46:]
    capacity = max(1, min(40, len(coming_staff) - 6))
    coming = _fair(office, day=today + timedelta(days=30), capacity=capacity, title="Goda exempelmässan", now=demo.now)
    _next_months_fair(coming, office=office, staff=coming_staff, examples=examples, now=demo.now)
    demo.out(
        f"{Event.objects.count()} events; {Registration.objects.count()} registrations; {Lead.objects.count()} leads"
    )


def _at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CITY_TIME_ZONE)


def _fair(office, *, day, capacity: int, title: str, now: datetime | None = None) -> Event:
    starts = _at(day, 9)
    return services.event_create(
        by=office,
        kind=EventKind.FAIR,
        title=f"{title} {day.year}",
        description=DESCRIPTION,
        starts_at=starts,
        ends_at=_at(day, 15),
        capacity=capacity,
        place="Stadshuset, Blå hallen",
        is_public=True,
        now=now or starts - timedelta(days=60),
    )


def _last_years_fair(event: Event, *, office, staff, examples, rng: random.Random) -> None:
    applied = event.starts_at - timedelta(days=45)
    for example in examples:
        exhibitor = services.exhibitor_apply(event=event, example=example, by=example.owner, now=applied)
        services.exhibitor_decide(exhibitor=exhibitor, by=office, accept=True)
    registrations = [
        services.registration_create(event=event, by=person, now=event.starts_at - timedelta(days=20 - n % 20))
        for n, person in enumerate(staff)
    ]
    came = [r.pk for r in registrations if rng.random() < 0.85]
    services.attendance_mark(event=event, by=office, attended=came, now=event.ends_at)
    stands = list(event.exhibitors.select_related("example"))
    for n, registration in enumerate(r for r in registrations if r.pk in came):
        if n % 7 or not stands or registration.person is None:
            continue
        stand = stands[n % len(stands)]
        if stand.example.owner_id != registration.person_id:
            services.lead_create(exhibitor=stand, by=registration.person, note=QUESTIONS[n % len(QUESTIONS)])


def _next_months_fair(event: Event, *, office, staff, examples, now: datetime) -> None:
    for n, example in enumerate(examples):
        exhibitor = services.exhibitor_apply(event=event, example=example, by=example.owner, now=now)
        if n < len(examples) - 2:  # the last two wait for the office's decision
            services.exhibitor_decide(exhibitor=exhibitor, by=office, accept=True)
    for n, person in enumerate(staff):  # more than the places: the rest wait, in turn
        services.registration_create(event=event, by=person, now=now - timedelta(minutes=len(staff) - n))
