"""Two people taking the last place at the same moment, on two real connections: one gets it, the other waits."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from spread.events import services
from spread.models import Event, Registration, RegistrationStatus
from tests.spread.events.conftest import make_event


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_one_gets_it_the_other_waits(people):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections writing at once need PostgreSQL")
    event = make_event(by=people["office"], capacity=2)
    services.registration_create(event=event, by=people["manager"])  # one place left
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def register(name: str) -> None:
        try:
            current = Event.objects.get(pk=event.pk)
            barrier.wait(timeout=10)
            outcomes[name] = services.registration_create(event=current, by=people[name]).status
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(name,)) for name in ("employee", "colleague")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(str(v) for v in outcomes.values()) == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    assert Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count() == 2
    assert Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).count() == 1
