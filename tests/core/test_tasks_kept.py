"""A person's groups of tasks are kept under the versions of the tables they read (core.tasks_registry,
core.tables): a write to one of them, by anyone and in any way, counts the group again at once; a write elsewhere
leaves it kept; what the clock alone changes shows within a minute."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from core import tasks_registry
from core.tasks_registry import TaskGroup, TaskLine
from ideas import services
from ideas.models import Idea
from organisation.models import Role, RoleAssignment
from tests import factories

pytestmark = pytest.mark.django_db

KEY = "test_ideas_waiting"


@pytest.fixture
def counting():
    """A group declared for the test: the ideas waiting for a first answer, for a person with the office's role;
    ``calls`` says how often it was counted."""
    calls = []

    def waiting(user) -> TaskGroup | None:
        calls.append(user.pk)
        if not user.has_role(Role.OFFICE):
            return None
        n = Idea.objects.filter(answered_at__isnull=True).aggregate(n=Count("pk"))["n"]
        return TaskGroup("Väntar", [TaskLine(f"{n} väntar", "/ideas/triage/", n)])

    tasks_registry._tasks.declare(KEY, waiting, 1)
    tasks_registry._learned.pop(KEY, None)
    yield calls
    tasks_registry._tasks.withdraw(KEY)
    tasks_registry._learned.pop(KEY, None)


def waiting(user) -> int | None:
    group = next((g for g in tasks_registry.task_groups(user) if g.heading == "Väntar"), None)
    return None if group is None else group.lines[0].count


def warm(user) -> None:
    """The first time a group runs in a process it learns which tables it reads; it is kept from the second."""
    tasks_registry.task_groups(user)
    tasks_registry.task_groups(user)


def test_a_group_is_kept_until_a_table_it_read_is_written(counting, people):
    office = people["office"]
    factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    warm(office)
    counted = len(counting)
    assert waiting(office) == 1
    assert waiting(office) == 1
    assert len(counting) == counted  # kept: not counted again

    idea = factories.idea(author=people["resident"], title="Parkering för lådcyklar")
    assert waiting(office) == 2  # a new idea, by someone else: at once
    # Written with one UPDATE past save(): still at once.
    services.idea_first_answered(idea=idea, by=people["office"])
    assert waiting(office) == 1
    Idea.objects.update(answered_at=timezone.now())
    assert waiting(office) == 0


def test_a_write_to_a_table_it_did_not_read_leaves_it_kept(counting, people):
    office = people["office"]
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten", visibility="public")
    warm(office)
    counted = len(counting)
    services.comment_add(idea=idea, author=people["resident"], body="Bra idé, vi vill också prova.")
    assert waiting(office) == 1
    assert len(counting) == counted


def test_each_person_and_language_has_their_own(counting, people):
    from django.utils import translation

    factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    warm(people["office"])
    assert waiting(people["employee"]) is None  # not the office's group
    with translation.override("en"):
        counted = len(counting)
        waiting(people["office"])
        assert len(counting) == counted + 1


def test_a_new_role_counts_the_groups_again(counting, people):
    employee = people["employee"]
    factories.idea(author=people["resident"], title="Parkering för lådcyklar")
    warm(employee)
    assert waiting(employee) is None
    RoleAssignment.objects.create(user=employee, unit=employee.unit, role=Role.OFFICE)
    fresh = type(employee).objects.get(pk=employee.pk)  # the next request's person
    assert waiting(fresh) == 1


def test_a_change_to_the_persons_row_counts_the_groups_again(counting, people):
    office = people["office"]
    warm(office)
    counted = len(counting)
    office.name = "Olle Kontorsson"
    office.save()
    waiting(office)
    assert len(counting) == counted + 1


def test_the_clock_counts_a_group_again_within_a_minute(counting, people, monkeypatch):
    office = people["office"]
    warm(office)
    counted = len(counting)
    later = timezone.now() + timedelta(seconds=tasks_registry.KEPT_SECONDS)
    monkeypatch.setattr(timezone, "now", lambda: later)
    waiting(office)
    assert len(counting) == counted + 1


def test_a_group_reading_a_table_for_the_first_time_is_not_kept_under_versions_read_after_it(counting, people):
    office = people["office"]
    tasks_registry.task_groups(office)  # learns which tables it reads: their versions were not read before it ran
    assert len(counting) == 1
    tasks_registry.task_groups(office)  # counted again, now with those versions read first: kept
    assert len(counting) == 2
    tasks_registry.task_groups(office)
    assert len(counting) == 2


def test_the_start_page_shows_a_new_task_at_once(client, people):
    client.force_login(people["office"])
    client.get("/")
    client.get("/")
    factories.idea(author=people["resident"], title="Parkering för lådcyklar")
    page = client.get("/").content.decode()
    assert "1 idé väntar på ett första svar" in page


def test_tables_learned_meanwhile_by_another_thread_are_read_from_the_next_time(counting, people):
    """Another thread may learn which tables a group reads while this one computes it for the first time: this one
    has not read their versions before, so it does not keep it; the next time it does."""
    office = people["office"]
    declared = tasks_registry._tasks[KEY]

    def meanwhile(user):
        tasks_registry._learned[KEY] = tasks_registry._person_tables() | {Idea._meta.db_table}
        return declared(user)

    tasks_registry._tasks.withdraw(KEY)
    tasks_registry._tasks.declare(KEY, meanwhile, 1)
    factories.idea(author=people["resident"], title="Parkering för lådcyklar")
    assert waiting(office) == 1
    assert len(counting) == 1
    tasks_registry._tasks.withdraw(KEY)
    tasks_registry._tasks.declare(KEY, declared, 1)
    assert waiting(office) == 1
    assert waiting(office) == 1
    assert len(counting) == 2


def test_roles_read_on_the_persons_row_before_are_read_again(counting, people):
    """The request's copy of the person may have read their roles before the versions were read (a middleware, a
    rule): the groups read them again, so a role given meanwhile counts."""
    office = people["office"]
    factories.idea(author=people["resident"], title="Parkering för lådcyklar")
    warm(office)
    office.__dict__["role_paths"] = {}  # read before the office role was given, say
    assert waiting(office) == 1
