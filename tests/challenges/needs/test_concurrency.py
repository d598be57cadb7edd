"""A need validated twice at the same moment, on two real connections: one decision is recorded, the other is told."""

import threading

import pytest
from django.db import connection, connections

from challenges.models import Need, NeedDecision, NeedDecisionKind, NeedStatus
from challenges.needs import services
from core.errors import ConflictError, DomainError, PermissionDeniedError
from tests.challenges.conftest import write_need


@pytest.mark.django_db(transaction=True)
def test_a_need_validated_twice_at_the_same_moment(people):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections deciding at once need PostgreSQL")
    need = write_need(people["manager"])
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    seen = need.version
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def validate(user):
        try:
            barrier.wait(timeout=10)
            services.need_validate(need=Need.objects.get(pk=need.pk), by=user, expected_version=seen, valid=True)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    deciders = [people["office"], people["director"]]
    threads = [threading.Thread(target=validate, args=(d,)) for d in deciders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    # The second is refused: as a conflict if it read the need before the first wrote, or as no longer waiting for
    # a decision if it read it after; either way nothing of it is written.
    refused = [o for o in outcomes if not isinstance(o, str)]
    assert len(refused) == 1 and isinstance(refused[0], (ConflictError, PermissionDeniedError))
    assert Need.objects.get(pk=need.pk).status == NeedStatus.VALIDATED
    assert NeedDecision.objects.filter(need=need, kind=NeedDecisionKind.VALIDATED).count() == 1
    assert isinstance(next(o for o in outcomes if not isinstance(o, str)), (ConflictError, PermissionDeniedError))
