"""The start page's advice tasks for the office and coaches, a person's own data, the admin."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.selectors import personal_data_export
from spread.advice import services
from spread.advice.todo import coach_tasks, office_tasks
from tests.spread.advice.conftest import ask

pytestmark = pytest.mark.django_db


def test_the_office_sees_requests_waiting_and_overdue_in_one_query(people):
    late = timezone.now() - timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS + 1)
    ask(people["employee"], now=late)
    ask(people["employee"])
    answered = ask(people["employee"])
    services.advice_answer(advice=answered, by=people["office"], expected_version=1, answer="Svar.")
    ask(people["colleague"])  # Södra's
    office = type(people["office"]).objects.get(pk=people["office"].pk)
    office.role_paths  # noqa: B018 - read once, as the request has
    with CaptureQueriesContext(connection) as asked:
        group = office_tasks(office)
    assert len(asked.captured_queries) == 1
    assert [line.count for line in group.lines] == [2, 1]
    assert "state=overdue" in group.lines[1].url


def test_a_coach_sees_the_requests_addressed_to_them(people):
    ask(people["employee"], coach=people["coach"])
    ask(people["employee"])
    group = coach_tasks(people["coach"])
    assert [line.count for line in group.lines] == [1]


def test_others_have_no_advice_tasks_and_nothing_waiting_is_said_plainly(people):
    for role in ("employee", "manager", "resident", "supplier"):
        assert office_tasks(people[role]) is None, role
        assert coach_tasks(people[role]) is None, role
    group = office_tasks(people["office"])
    assert group.lines == [] and group.empty


def test_the_start_page_shows_the_offices_advice_tasks(client, people):
    ask(people["employee"])
    client.force_login(people["office"])
    groups = client.get("/").context["task_groups"]
    assert any(line.count == 1 and "/spread/advice/" in line.url for group in groups for line in group.lines)


def test_a_persons_data_holds_their_questions_and_answers(people, asked):
    services.advice_answer(advice=asked, by=people["office"], expected_version=1, answer="Börja smått.")
    mine = personal_data_export(user=people["employee"])
    assert mine["advice_asked"][0]["subject"] == asked.subject
    theirs = personal_data_export(user=people["office"])
    assert theirs["advice_given"] == [{"id": asked.pk, "coach": False, "answer": "Börja smått."}]


def test_the_admin_shows_requests_without_adding_or_deleting(rf, asked):
    from django.contrib import admin

    from spread.models import AdviceRequest

    model_admin = admin.site._registry[AdviceRequest]
    request = rf.get("/admin/spread/advicerequest/")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, asked)
    assert "answer" in model_admin.get_readonly_fields(request, asked)
