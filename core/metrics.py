"""Metrics in Prometheus's format at ``/metrics``: django-prometheus's (requests, latencies by view, database
queries) and the task queue's depth, counted when scraped.

Database queries are counted into django-prometheus's own metrics (``django_db_*``) by a wrapper Django puts around
every query of each connection (``count_queries``), rather than by its database backends: those replace
``ENGINE``, which Django, pytest-django and our settings recognise by name (SQLite's options, parallel test
databases).

Answered only to the addresses in ``SPRANG_METRICS_ALLOWED_IPS`` (networks in CIDR form; loopback by default), the
client's address taken as sign-in throttling takes it (behind ``ALLAUTH_TRUSTED_PROXY_COUNT`` proxies); anyone
else gets the ordinary 404. With several gunicorn workers set ``PROMETHEUS_MULTIPROC_DIR`` (docs/deploy.md): each
worker writes its counts there and any worker answers for all.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Iterator
from functools import lru_cache

import prometheus_client
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django_prometheus.db import (
    connections_total,
    errors_total,
    execute_many_total,
    execute_total,
    query_duration_seconds,
)
from django_prometheus.db.common import ExceptionCounterByType
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from core.api_limits import client_address
from core.readiness import DB_BACKEND, RQ_BACKEND, rq_connection, task_queues, tasks_backend_is

logger = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def count_queries(execute, sql, params, many, context):
    """Counts a query, its duration and its error if any (an ``execute_wrapper`` on every connection)."""
    connection = context["connection"]
    labels = {"alias": connection.alias, "vendor": connection.vendor}
    execute_total.labels(**labels).inc()
    if many:
        execute_many_total.labels(**labels).inc()
    with query_duration_seconds.labels(**labels).time(), ExceptionCounterByType(errors_total, extra_labels=labels):
        return execute(sql, params, many, context)


def instrument_connection(sender, connection, **kwargs) -> None:
    """On each new database connection (``connection_created``): count it, and its queries from now on."""
    connections_total.labels(connection.alias, connection.vendor).inc()
    if count_queries not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, count_queries)


@lru_cache(maxsize=8)
def allowed_networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for cidr in cidrs:
        try:
            networks.append(ipaddress.ip_network(cidr.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"SPRANG_METRICS_ALLOWED_IPS has {cidr!r}, which is not an address or a network. "
                "Give addresses or networks in CIDR form, separated by commas, e.g. 127.0.0.1/32,10.0.5.0/24."
            ) from error
    return tuple(networks)


def may_read_metrics(request) -> bool:
    """Whether the client's address is in one of the allowed networks."""
    try:
        address = ipaddress.ip_address(client_address(request))
    except (ValueError, ImproperlyConfigured, PermissionDenied):  # no address, or not one the proxies vouch for
        return False
    return any(address in network for network in allowed_networks(tuple(settings.SPRANG_METRICS_ALLOWED_IPS)))


def queue_depth() -> dict[str, tuple[int, int]]:
    """Tasks waiting and tasks failed, per queue (nothing for a backend without a queue)."""
    depth: dict[str, tuple[int, int]] = {}
    if tasks_backend_is(DB_BACKEND):
        from django.db.models import Count, Q
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        rows = (
            DBTaskResult.objects.filter(queue_name__in=task_queues())
            .values("queue_name")
            .annotate(
                waiting=Count("pk", filter=Q(status=TaskResultStatus.READY)),
                failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
            )
            .order_by()
        )
        depth = dict.fromkeys(task_queues(), (0, 0))
        depth.update({row["queue_name"]: (row["waiting"], row["failed"]) for row in rows})
    elif tasks_backend_is(RQ_BACKEND):
        from rq import Queue

        for name in task_queues():
            queue = Queue(name, connection=rq_connection(name))
            depth[name] = (queue.count, queue.failed_job_registry.count)
    return depth


class TaskQueueCollector(Collector):
    """``sprang_tasks_waiting`` and ``sprang_tasks_failed`` per queue, read when scraped."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        waiting = GaugeMetricFamily("sprang_tasks_waiting", "Tasks waiting in the queue", labels=["queue"])
        failed = GaugeMetricFamily("sprang_tasks_failed", "Tasks that failed", labels=["queue"])
        try:
            depth = queue_depth()
        except Exception as error:  # a queue that is down shows in the readiness check; the scrape still answers
            logger.warning("Metrics: the task queue's depth could not be read (%s: %s)", type(error).__name__, error)
            depth = {}
        for queue, (waiting_count, failed_count) in depth.items():
            waiting.add_metric([queue], waiting_count)
            failed.add_metric([queue], failed_count)
        yield waiting
        yield failed


def exposition() -> bytes:
    """Every metric in Prometheus's text format: this process's, or every worker's in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.REGISTRY
    queue_registry = prometheus_client.CollectorRegistry()
    queue_registry.register(TaskQueueCollector())
    return prometheus_client.generate_latest(registry) + prometheus_client.generate_latest(queue_registry)
