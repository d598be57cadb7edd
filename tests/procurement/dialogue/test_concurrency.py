"""One meeting time booked by two suppliers at the same moment, on two real connections: one wins, the other is
told the time is taken, and the time has one booking."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from core.errors import DomainError
from procurement.dialogue import services
from procurement.models import MeetingSlot


@pytest.mark.django_db(transaction=True)
def test_a_time_booked_twice_at_the_same_moment_goes_to_one(registered, suppliers, officers):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections booking at once need PostgreSQL")
    start = timezone.now() + timedelta(days=2)
    slot = services.slots_offer(
        rfi=registered,
        by=officers["officer"],
        slots=[services.SlotTime(starts_at=start, ends_at=start + timedelta(minutes=45), place="Rum 4")],
    )[0]
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def book(person):
        try:
            barrier.wait(timeout=10)
            services.slot_book(slot=MeetingSlot.objects.select_related("rfi__case").get(pk=slot.pk), by=person)
            outcomes.append(person.supplier_id)
        except DomainError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(suppliers[key],)) for key in ("alfa", "beta")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    winners = [o for o in outcomes if isinstance(o, int)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(winners) == 1 and len(refused) == 1, outcomes
    assert MeetingSlot.objects.get(pk=slot.pk).booked_by_supplier_id == winners[0]
    assert registered.case.log.filter(kind="meeting_booked").count() == 1
