"""Work in the background on RQ (TASKS_REDIS_URL): against the real Redis at 127.0.0.1:6379, in a database
number of its own that only this test empties, a task enqueued is run by ``manage.py worker`` in burst mode, and
a failing attempt is scheduled again for later."""

from __future__ import annotations

import pytest
import redis
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus, task
from rq.registry import ScheduledJobRegistry

from core.background import ATTEMPT, background_task

REDIS_URL = "redis://127.0.0.1:6379/13"


@task()
def shout(word: str) -> str:
    return word.upper()


@background_task(max_attempts=3)
def refuse(word: str) -> str:
    raise ConnectionError(f"not now: {word}")


@pytest.fixture
def rq_tasks():
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("Redis does not run at 127.0.0.1:6379")
    connection.flushdb()
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        TASKS_REDIS_URL=REDIS_URL,
        RQ_QUEUES={"default": {"URL": REDIS_URL}},
    ):
        yield connection
    connection.flushdb()


def test_a_task_enqueued_is_run_by_the_worker_in_burst_mode(rq_tasks):
    result = shout.enqueue("hej")
    assert result.status == TaskResultStatus.READY
    call_command("worker", burst=True, no_schedule=True, verbosity=0)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "HEJ"


def test_a_failing_attempt_is_scheduled_again_in_redis(rq_tasks):
    import django_rq

    result = refuse.enqueue("hej")
    call_command("worker", burst=True, no_schedule=True, verbosity=0)
    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert "not now: hej" in result.errors[-1].traceback
    scheduled = ScheduledJobRegistry(queue=django_rq.get_queue("default"))
    [job_id] = scheduled.get_job_ids()
    again = refuse.get_result(job_id)
    assert again.status == TaskResultStatus.READY
    assert again.kwargs == {ATTEMPT: 2}
    assert again.task.run_after is not None
