"""The demo's and the scale's adoptions: every state, the counts right, the most adopted example's many adopters."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from organisation.models import Role, Unit
from sample_data.demo import spread_adoptions as demo
from sample_data.scale import spread_adoptions as scale
from spread.adoptions.states import RUNNING
from spread.models import Adoption, AdoptionState, Example
from tests import factories
from tests.spread.adoptions.conftest import make_example

pytestmark = pytest.mark.django_db


def _counts_right():
    for example in Example.objects.all():
        assert example.adoption_count == Adoption.objects.filter(example=example, state__in=RUNNING).count()


def test_the_demo_adopts_in_every_state_through_the_services(tree, people):
    for i in range(4):
        make_example(unit=tree["SDF-N-ALD-1"], title=f"Exempel {i}")
    make_example(unit=tree["SDF-S-SKO"], title="Södras exempel")
    managers = {
        unit.pk: factories.person(unit=unit, role=Role.MANAGER)
        for unit in Unit.objects.filter(code__in=["SDF-N", "SDF-S", "SLK"])
    }
    cast = SimpleNamespace(managers=managers)
    demo.build(SimpleNamespace(cast=cast, seed=1, now=timezone.now(), out=lambda msg: None))
    assert {a.state for a in Adoption.objects.all()} == set(AdoptionState.values)
    _counts_right()


def test_the_scale_writes_many_in_bulk_with_one_much_adopted_example(tree, people, monkeypatch):
    monkeypatch.setattr(scale, "MOST_ADOPTERS", 3)
    first = make_example(unit=tree["SDF-N-ALD-1"], title="Mest antagna")
    make_example(unit=tree["SDF-S-SKO"], title="Annat")
    builder = SimpleNamespace(
        seed=1,
        sizes=SimpleNamespace(ideas=scale.CITY.ideas // 500),
        people=SimpleNamespace(director=people["director"].pk),
        reference=datetime(2026, 6, 1, tzinfo=UTC),
        say=lambda msg: None,
    )
    scale.build(builder)
    assert Adoption.objects.count() >= 4
    assert Adoption.objects.filter(example=first).count() >= 3
    assert all(a.steps.exists() for a in Adoption.objects.all())
    _counts_right()
