# ruff: noqa: F811 - the tests take the imported fixture built_once by name
"""The events of the demo city and of the city-scale data."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sample_data.scale import People
from sample_data.scale import spread_events as scale_events
from spread.models import Event, EventKind, Registration, RegistrationStatus
from tests.demo_city import NOW, built_once  # noqa: F401 - the demo city built once, as this module's fixture


@pytest.mark.django_db
def test_the_demo_has_last_years_fair_with_attendance_and_next_months_full_with_a_waiting_list(built_once):
    past, coming = Event.objects.exclude(kind=EventKind.COURSE).order_by("starts_at")
    assert past.starts_at < NOW < coming.starts_at
    assert past.registrations.filter(attended=True).exists() and past.registrations.filter(attended=False).exists()
    taken = coming.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    assert taken == coming.capacity
    assert coming.registrations.filter(status=RegistrationStatus.WAITING).exists()


@pytest.mark.django_db
def test_the_scale_data_has_ten_years_of_fairs_never_over_capacity(people):
    staff = [p.pk for p in people.values() if p.unit_id]
    scale = SimpleNamespace(
        seed=1,
        reference=NOW,
        people=People(employees=staff, director=people["director"].pk),
        say=lambda message: None,
    )
    before = Event.objects.count()
    scale_events.build(scale)
    assert Event.objects.count() - before == 20
    for event in Event.objects.order_by("-pk")[:20]:
        assert event.registrations.filter(status=RegistrationStatus.REGISTERED).count() <= event.capacity
    assert Registration.objects.filter(attended=True).exists()
    assert scale_events.counts()["events"] == before + 20
