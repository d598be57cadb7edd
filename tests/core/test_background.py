"""Work in the background: tasks tried again with back-off, run by the worker of the database backend; a task
that used all its attempts is shown failed on the admin site and the system administrators are told once, in the
app only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.background import ATTEMPT, background_task, retry_delay
from core.models import Notification
from organisation import services as org_services
from organisation.models import User
from tests import factories

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a test's own authenticator secret

FAILURES_LEFT = {"flaky": 0}

# The database worker takes its work in an exclusive transaction of its own, as in production.
worker_db = pytest.mark.django_db(transaction=True)


@background_task(max_attempts=3)
def flaky(word: str) -> str:
    """Fails while FAILURES_LEFT says so, then says the word back."""
    if FAILURES_LEFT["flaky"] > 0:
        FAILURES_LEFT["flaky"] -= 1
        raise ConnectionError("the far end is not there yet")
    return word.upper()


def run_due_work() -> None:
    """The worker's loop for one batch: everything that is due, then it stops."""
    call_command("worker", burst=True, verbosity=0)


def make_due() -> None:
    """Time passes: the attempts waiting for their turn are due now."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now() - timedelta(seconds=1))


@pytest.fixture
def admin(tree):
    person = factories.person(name="Sara Systemadministratör")
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
    return User.objects.get(pk=person.pk)


def test_the_back_off_grows_five_times_from_a_minute():
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=25),
        timedelta(minutes=125),
    ]


@worker_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_failing_attempt_is_recorded_and_tried_again_later_until_it_succeeds():
    FAILURES_LEFT["flaky"] = 1
    before = timezone.now()
    flaky.enqueue("hej")
    run_due_work()

    first = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert first.exception_class_path == "builtins.ConnectionError"
    assert "the far end is not there yet" in first.traceback
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs == {"args": ["hej"], "kwargs": {ATTEMPT: 2}}
    assert before + timedelta(minutes=1) <= retry.run_after <= timezone.now() + timedelta(minutes=1)

    run_due_work()  # not due yet: nothing runs
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.READY

    make_due()
    run_due_work()
    done = DBTaskResult.objects.get(pk=retry.pk)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "HEJ"
    assert not Notification.objects.exists()


@worker_db
@override_settings(TASKS=DATABASE_TASKS)
def test_after_its_last_attempt_the_administrators_are_told_once_in_the_app_only(admin, mailoutbox):
    bystander = factories.person(name="Vanlig Medarbetare")
    FAILURES_LEFT["flaky"] = 100
    flaky.enqueue("hej")
    for _attempt in range(5):
        run_due_work()
        make_due()

    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in attempts] == [TaskResultStatus.FAILED] * 3  # max_attempts=3, and no fourth
    assert attempts[2].args_kwargs["kwargs"] == {ATTEMPT: 3}
    note = Notification.objects.get(recipient=admin)
    assert "flaky" in note.message and "3" in note.message
    assert note.url.startswith("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert not Notification.objects.filter(recipient=bystander).exists()
    assert mailoutbox == []  # told in the app, never by mail

    # The same work failing again while the message is unread does not tell them again.
    flaky.enqueue("igen")
    for _attempt in range(4):
        run_due_work()
        make_due()
    assert Notification.objects.filter(recipient=admin).count() == 1
    Notification.objects.update(read_at=timezone.now())
    flaky.enqueue("tredje")
    for _attempt in range(4):
        run_due_work()
        make_due()
    assert Notification.objects.filter(recipient=admin).count() == 2


@worker_db
@override_settings(TASKS=DATABASE_TASKS)
def test_the_admin_site_lists_the_work_with_its_attempt_and_error_for_administrators_only(client, admin):
    FAILURES_LEFT["flaky"] = 100
    flaky.enqueue("hej")
    for _attempt in range(3):
        run_due_work()
        make_due()
    org_services.person_authenticator_app_set(user=admin, secret=SECRET)
    client.force_login(admin)
    response = client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED&q=flaky")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("ConnectionError: the far end is not there yet") == 3
    assert "3 av 3" in page and "1 av 3" in page  # in Swedish, the language of the site

    staff = factories.person(name="Bara Personal")
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    org_services.person_authenticator_app_set(user=staff, secret=SECRET)
    client.force_login(User.objects.get(pk=staff.pk))
    assert client.get("/admin/django_tasks_database/dbtaskresult/").status_code == 403


@worker_db
@override_settings(TASKS=DATABASE_TASKS, SPRANG_TASK_RESULTS_KEEP_DAYS=30)
def test_finished_results_are_pruned_after_the_kept_days_and_waiting_work_never():
    FAILURES_LEFT["flaky"] = 0
    flaky.enqueue("gammal")
    flaky.enqueue("ny")
    run_due_work()
    waiting = flaky.using(run_after=timezone.now() + timedelta(days=60)).enqueue("väntar")
    DBTaskResult.objects.filter(args_kwargs__args=["gammal"]).update(finished_at=timezone.now() - timedelta(days=31))
    call_command("prune_task_results", verbosity=0)
    assert sorted(r.args_kwargs["args"][0] for r in DBTaskResult.objects.all()) == ["ny", "väntar"]
    assert DBTaskResult.objects.get(pk=waiting.id).status == TaskResultStatus.READY


def test_under_the_immediate_backend_a_failure_is_not_tried_again(admin):
    FAILURES_LEFT["flaky"] = 1
    result = flaky.enqueue("hej")
    assert result.status == TaskResultStatus.FAILED
    assert Notification.objects.filter(recipient=admin).count() == 1


@worker_db
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_runs_the_scheduled_jobs_unless_cron_does(monkeypatch):
    from core.models import ScheduledRun
    from core.scheduling import jobs

    monkeypatch.setattr("core.scheduling.is_daytime", lambda now: True)  # whatever the hour the suite runs at
    call_command("worker", burst=True, no_schedule=True, verbosity=0)
    assert not ScheduledRun.objects.exists()
    run_due_work()
    ran = dict(ScheduledRun.objects.values_list("job", "last_finished_at"))
    assert set(ran) == {j.key for j in jobs()} and all(ran.values())
