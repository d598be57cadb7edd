"""Whether this app server can do its work: the database, the cache and the task queue answer.

``/health/`` only says the process answers (liveness: restart it if not); ``/health/ready/`` asks each dependency
(readiness: send it no traffic while one is down). Each check returns None when the dependency answers, or a short
reason; the reason's details go to the log, never to the answer.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DB_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_BACKEND = "django_tasks_rq.RQBackend"


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"sprang:ready:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not give back what was put in it")
    finally:
        cache.delete(key)


def tasks_backend_class() -> type:
    return import_string(str(settings.TASKS["default"]["BACKEND"]))


def tasks_backend_is(path: str) -> bool:
    try:
        return issubclass(tasks_backend_class(), import_string(path))
    except ImportError:
        return False


def rq_connection(queue: str):
    """A Redis connection for an RQ queue, made from RQ_QUEUES as it is now (not as it was at start-up)."""
    from django_rq.connection_utils import get_redis_connection

    return get_redis_connection(settings.RQ_QUEUES[queue])


def task_queues() -> list[str]:
    return list(settings.TASKS["default"].get("QUEUES") or ["default"])


def check_tasks() -> None:
    """The task queue: its table for the database backend, a Redis ping for RQ. Other backends (the tests' immediate
    one) run tasks in the request and have no queue to check."""
    if tasks_backend_is(DB_BACKEND):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.using("default").only("pk").first()
    elif tasks_backend_is(RQ_BACKEND):
        for queue in task_queues():
            rq_connection(queue).ping()


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "cache": check_cache, "tasks": check_tasks}


def readiness() -> dict[str, str]:
    """Each dependency's state, ``ok`` or ``down``."""
    states = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means not ready; what it was goes to the log
            logger.warning("Readiness: %s is down (%s: %s)", name, type(error).__name__, error)
            states[name] = "down"
        else:
            states[name] = "ok"
    return states
