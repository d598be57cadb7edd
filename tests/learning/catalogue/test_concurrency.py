"""Two people taking a session's last place at the same moment, on two real connections: one gets it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from learning.catalogue import services
from learning.models import Session
from spread.models import Registration, RegistrationStatus
from tests.learning.conftest import make_course, make_session


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_one_gets_it(people, tree):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections writing at once need PostgreSQL")
    workshop = make_course(by=people["office"], unit=tree["SDF-N"], code="verkstad", kind="workshop")
    session = make_session(workshop, by=people["office"], capacity=2)
    services.session_register(session=session, by=people["manager"])  # one place left
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def sign_up(name: str) -> None:
        try:
            current = Session.objects.select_related("course", "event").get(pk=session.pk)
            barrier.wait(timeout=10)
            outcomes[name] = services.session_register(session=current, by=people[name]).status
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(name,)) for name in ("employee", "colleague")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(str(v) for v in outcomes.values()) == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    assert Registration.objects.filter(event=session.event, status=RegistrationStatus.REGISTERED).count() == 2
    assert Registration.objects.filter(event=session.event, status=RegistrationStatus.WAITING).count() == 1
