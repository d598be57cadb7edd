"""Task results are kept ``SPRANG_TASK_RESULTS_KEEP_DAYS`` days after they finish, then deleted: a queued email
holds addresses, so its result must not stay. The worker (``manage.py worker``) prunes when it starts and
then at most once an hour, after a task; ``manage.py prune_task_results`` does it on demand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task_backends

PRUNE_EVERY = timedelta(hours=1)


def prune_task_results(*, now: datetime | None = None) -> int:
    """Delete the results of work that finished (succeeded or failed) more than the kept days ago, in every
    configured backend; returns how many were deleted. Work still waiting to run is never deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SPRANG_TASK_RESULTS_KEEP_DAYS)
    deleted = 0
    for alias in settings.TASKS:
        backend = task_backends[alias]
        kind = type(backend).__name__
        if kind == "DatabaseBackend":
            deleted += _prune_database(alias, cutoff)
        elif kind == "RQBackend":
            deleted += _prune_rq(backend.queues, cutoff)
    return deleted


def _prune_database(alias: str, cutoff: datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    old = DBTaskResult.objects.finished().filter(backend_name=alias, finished_at__lt=cutoff)
    deleted, _per_model = DBTaskResult.objects.filter(pk__in=old.values("pk")).delete()
    return deleted


def _prune_rq(queues: set[str], cutoff: datetime) -> int:
    import django_rq
    from rq.job import Job
    from rq.registry import FailedJobRegistry, FinishedJobRegistry

    deleted = 0
    for name in queues:
        queue = django_rq.get_queue(name)
        for registry in (FinishedJobRegistry(queue=queue), FailedJobRegistry(queue=queue)):
            for job in Job.fetch_many(registry.get_job_ids(), connection=queue.connection):
                if job is None or job.ended_at is None:
                    continue
                ended = job.ended_at if timezone.is_aware(job.ended_at) else job.ended_at.replace(tzinfo=UTC)
                if ended < cutoff:
                    registry.remove(job, delete_job=True)
                    deleted += 1
    return deleted
