"""The start page's task of a unit's leaders: adoptions that have not moved on for STALE_DAYS ask for a next step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spread.adoptions import services
from spread.adoptions.todo import STALE_DAYS, adoption_tasks
from spread.models import Adoption
from tests.plans import sqlite_only, sqlite_plan
from tests.spread.adoptions.conftest import days_ago

pytestmark = pytest.mark.django_db


def stale_line(user) -> str | None:
    group = adoption_tasks(user)
    return next((line.text for line in group.lines if "not moved on" in line.text), None) if group else None


def test_an_adoption_that_has_not_moved_on_asks_its_leaders_for_a_next_step(example, tree, people, south_manager):
    adoption = services.adoption_start(
        example=example, unit=tree["SDF-S-SKO"], by=south_manager, start_date=days_ago(200), changes="Vi prövar låsen."
    )
    assert stale_line(south_manager) is None  # started now: nothing to ask yet
    Adoption.objects.filter(pk=adoption.pk).update(state_changed_at=timezone.now() - timedelta(days=STALE_DAYS + 1))
    expected = f"1 adoption has not moved on for {STALE_DAYS} days: record its next step"
    assert stale_line(south_manager) == expected
    assert stale_line(people["director"]) == expected  # the whole city's
    assert stale_line(people["manager"]) is None  # another administration's leader


@sqlite_only
def test_the_count_reads_its_index_alone(example, tree, people):
    with CaptureQueriesContext(connection) as queries:
        stale_line(people["director"])
    plan = sqlite_plan(next(q["sql"] for q in queries.captured_queries if "state_changed_at" in q["sql"]))
    assert "COVERING INDEX spread_adoption_stale" in plan, plan
