"""Work in the background: the project's way to define a task on top of Django's task interface (django-tasks).

``@background_task(max_attempts=5)`` turns a module-level function into a task (``django_tasks.Task``) whose
failing attempt is tried again later, with exponential back-off (``retry_delay``: 1, 5, 25, 125 … minutes).
Each attempt is one result of its own in the backend: a failed attempt is recorded as failed with its error
and the next attempt is enqueued with ``run_after``, carrying its number in the keyword argument
``ATTEMPT``. When the last attempt fails, the system administrators (active superusers) are told in the app,
never by email, since the mail may be what fails (``gave_up``).

A backend that cannot defer work (the ImmediateBackend of the tests) does not try again: the first failure
is the last.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_QUEUE_NAME
from django_tasks import task as django_task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

ATTEMPT = "_attempt"  # the keyword argument that carries an attempt's number (1 for the first)
DEFAULT_MAX_ATTEMPTS = 5
FIRST_DELAY = timedelta(minutes=1)
BACKOFF_FACTOR = 5

R = TypeVar("R")


def retry_delay(attempt: int, *, first: timedelta = FIRST_DELAY, factor: int = BACKOFF_FACTOR) -> timedelta:
    """How long to wait after failed attempt number ``attempt`` (1, 2, …) before the next: first × factorⁿ⁻¹."""
    return first * factor ** max(attempt - 1, 0)


def attempt_of(kwargs: dict[str, Any]) -> int:
    """The attempt a task's keyword arguments stand for (1 when enqueued by its caller)."""
    value = kwargs.get(ATTEMPT, 1)
    return value if isinstance(value, int) and value > 0 else 1


def background_task(
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    first_delay: timedelta = FIRST_DELAY,
    factor: int = BACKOFF_FACTOR,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    priority: int = 0,
) -> Callable[[Callable[..., R]], Task]:
    """Declare a module-level function as a task tried up to ``max_attempts`` times, waiting
    ``first_delay × factorⁿ⁻¹`` after the n-th failure. Enqueue it as any task: ``my_task.enqueue(...)``."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1.")

    def declare(func: Callable[..., R]) -> Task:
        @functools.wraps(func)
        def attempt(*args: Any, **kwargs: Any) -> R:
            number = attempt_of(kwargs)
            kwargs.pop(ATTEMPT, None)
            try:
                return func(*args, **kwargs)
            except Exception as error:
                if number < max_attempts and declared.get_backend().supports_defer:
                    when = timezone.now() + retry_delay(number, first=first_delay, factor=factor)
                    declared.using(run_after=when).enqueue(*args, **kwargs, **{ATTEMPT: number + 1})
                    logger.warning(
                        "%s failed (attempt %d of %d); tried again after %s: %r",
                        declared.module_path,
                        number,
                        max_attempts,
                        when.isoformat(),
                        error,
                    )
                else:
                    gave_up(task_path=declared.module_path, attempts=number, error=error)
                raise

        attempt.max_attempts = max_attempts  # type: ignore[attr-defined]
        declared: Task = django_task(attempt, queue_name=queue_name, priority=priority)
        return declared

    return declare


def max_attempts_of(task: Task) -> int:
    """How many attempts a task gets (1 for a task declared with Django's own ``@task``)."""
    return int(getattr(task.func, "max_attempts", 1))


def failed_work_url() -> str:
    """Where the administrator sees the failed background work: the admin site's list of task results
    (database backend) or the RQ queues' pages (RQ)."""
    if settings.TASKS_REDIS_URL:
        return reverse("admin:django_rq_home")
    return reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?status__exact=FAILED"


def gave_up(*, task_path: str, attempts: int, error: BaseException, now: datetime | None = None) -> int:
    """Tell the system administrators in the app, never by email, that a task failed its last attempt.

    Each administrator is told once: not again while an earlier message about the same task is unread.
    Returns how many were told. A failure to tell them is logged, never raised over the task's own error.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    from core.models import Notification
    from core.services import notify

    logger.error("%s failed its last attempt (%d): %r", task_path, attempts, error)
    url = f"{failed_work_url()}&q={task_path}" if "?" in failed_work_url() else failed_work_url()
    try:
        with transaction.atomic():
            unread = Notification.objects.filter(recipient=OuterRef("pk"), url=url, read_at__isnull=True)
            admins = get_user_model().objects.filter(is_superuser=True, is_active=True).filter(~Exists(unread))
            notes = notify(
                recipients=list(admins),
                message_factory=lambda: (
                    _(
                        "Background work failed after %(attempts)d attempts and will not be tried again: "
                        "%(task)s (%(error)s). See the failed work on the admin site."
                    )
                    % {"attempts": attempts, "task": task_path.rsplit(".", 1)[-1], "error": type(error).__name__}
                ),
                url=url,
                email=False,
            )
    except Exception:
        logger.exception("The administrators could not be told that %s failed", task_path)
        return 0
    return len(notes)
