"""Procurement cases serve goals (``procurement/cases/goal_work.py``, ADR 0031): the case's officers tie them,
city staff read them beside a goal, nobody else does."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from core.errors import PermissionDeniedError
from governance import goal_work, selectors
from governance import services as gov
from procurement.models import ProcurementCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(people, tree):
    year = selectors.current_period()[0]
    return gov.goal_create(by=people["director"], year=year, unit=tree["CITY"], title="Halverad energianvändning")


def test_the_cases_officer_ties_it_to_a_goal_and_nobody_else_may(case, officers, people, suppliers, goal):
    gov.goal_links_set(thing=case, by=officers["officer"], goals=[goal], expected=[])
    assert list(selectors.goals_of(case)) == [goal]
    for who in (people["employee"], people["office"], suppliers["alfa"]):
        with pytest.raises(PermissionDeniedError):
            gov.goal_links_set(thing=case, by=who, goals=[], expected=[goal.pk])


def test_staff_read_cases_beside_a_goal_and_outsiders_do_not(case, people, suppliers):
    kind = goal_work.kind("procurement_case")
    assert kind.model is ProcurementCase

    def readable(person) -> bool:
        return ProcurementCase.objects.filter(kind.readable(person), pk=case.pk).exists()

    assert readable(people["employee"])
    assert not readable(people["resident"])
    assert not readable(suppliers["alfa"])
    assert not readable(AnonymousUser())


def test_the_case_page_shows_the_goals_it_serves(client, case, officers, goal):
    gov.goal_links_set(thing=case, by=officers["officer"], goals=[goal], expected=[])
    client.force_login(officers["officer"])
    assert goal.title in client.get(reverse("procurement:case", args=[case.pk])).content.decode()
