"""Two managers of the same unit adopting the same example at the same moment: one adoption, a clear refusal."""

import threading

import pytest
from django.db import connection, connections

from core.errors import DomainError
from spread.adoptions import services
from spread.models import Adoption, Example
from tests import factories
from tests.spread.adoptions.conftest import days_ago, make_example


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_simultaneous_adoptions_is_refused(tree, people):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections adopting at once need PostgreSQL")
    example = make_example(unit=tree["SDF-N-ALD-1"])
    managers = [factories.person(unit=tree["SDF-S-SKO"], role="manager") for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def adopt(user):
        try:
            barrier.wait(timeout=10)
            services.adoption_start(
                example=Example.objects.get(pk=example.pk),
                unit=tree["SDF-S-SKO"],
                by=user,
                start_date=days_ago(1),
                changes="Samma sak här.",
            )
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=adopt, args=(m,)) for m in managers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(type(o).__name__ for o in outcomes) == ["DomainError", "str"]
    refused = next(o for o in outcomes if isinstance(o, DomainError))
    assert refused.field == "unit"
    assert Adoption.objects.filter(example=example).count() == 1
    assert Example.objects.get(pk=example.pk).adoption_count == 1
