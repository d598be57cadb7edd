"""/metrics: django-prometheus's counts and the task queue's depth, only to the allowed addresses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks import task

from core.metrics import allowed_networks

ROOT = Path(__file__).resolve().parents[2]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def waits() -> None:
    """Waits in the queue in these tests."""


@task()
def fails() -> None:
    raise ValueError("fails for the test")


def sample(text: str, name: str, **labels: str) -> float | None:
    """A metric's value in Prometheus's text format, or None when it is not there."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    for line in text.splitlines():
        if line.startswith(f"{name}{{") and all(part in line for part in wanted.split(",")):
            return float(line.rsplit(" ", 1)[1])
        if line.startswith(f"{name} ") and not labels:
            return float(line.rsplit(" ", 1)[1])
    return None


def test_requests_latencies_by_view_and_queries_are_counted(client, db):
    before = sample(
        client.get("/metrics").content.decode(),
        "django_http_responses_total_by_status_view_method_total",
        view="core:health",
        status="200",
    )
    client.get("/health/")
    client.get("/health/ready/")
    response = client.get("/metrics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    after = sample(text, "django_http_responses_total_by_status_view_method_total", view="core:health", status="200")
    assert after == (before or 0) + 1
    assert (
        'django_http_requests_latency_seconds_by_view_method_bucket{le="0.01",method="GET",view="core:health"}' in text
    )
    assert (sample(text, "django_db_execute_total", alias="default") or 0) >= 1
    assert "sprang_tasks_waiting" in text and "sprang_tasks_failed" in text


def test_another_address_gets_the_ordinary_404(client, db):
    response = client.get("/metrics", REMOTE_ADDR="10.0.5.7")
    assert response.status_code == 404 and b"django_http" not in response.content


def test_the_allowed_networks_come_from_the_setting(client, db, settings):
    settings.SPRANG_METRICS_ALLOWED_IPS = ["10.0.5.0/24", "2001:db8::/32"]
    assert client.get("/metrics", REMOTE_ADDR="10.0.5.7").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::5").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.0.6.7").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_behind_the_proxy_the_address_it_gives_counts(client, db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.SPRANG_METRICS_ALLOWED_IPS = ["10.0.5.0/24"]
    proxy = "192.0.2.10"  # the proxy itself is not allowed: only whom it speaks for
    assert client.get("/metrics", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="10.0.5.7").status_code == 200
    # A client outside cannot pass for an allowed one by sending the header itself: the proxy appends the real one.
    forged = "10.0.5.7, 203.0.113.9"
    assert client.get("/metrics", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forged).status_code == 404


def test_a_wrong_network_is_named_with_the_setting():
    with pytest.raises(ImproperlyConfigured, match="SPRANG_METRICS_ALLOWED_IPS has '10.0.0.0/33'"):
        allowed_networks(("127.0.0.1/32", "10.0.0.0/33"))


@pytest.mark.django_db(transaction=True)  # the worker runs each task in a transaction of its own
def test_the_database_queue_depth_is_read_when_scraped(client, settings):
    settings.TASKS = DB_TASKS
    waits.enqueue()
    fails.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", "--max-tasks", "1", verbosity=0)  # the first: it works
    text = client.get("/metrics").content.decode()
    assert sample(text, "sprang_tasks_waiting", queue="default") == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    text = client.get("/metrics").content.decode()
    assert sample(text, "sprang_tasks_waiting", queue="default") == 0
    assert sample(text, "sprang_tasks_failed", queue="default") == 1


def test_the_rq_queue_depth_is_read_from_redis(client, db, settings):
    queue = f"metrics-test-{uuid.uuid4().hex[:8]}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    settings.RQ_QUEUES = {queue: {"URL": "redis://127.0.0.1:6379/0"}}
    from core.readiness import rq_connection

    try:
        waits.using(queue_name=queue).enqueue()
        waits.using(queue_name=queue).enqueue()
        text = client.get("/metrics").content.decode()
        assert sample(text, "sprang_tasks_waiting", queue=queue) == 2
        assert sample(text, "sprang_tasks_failed", queue=queue) == 0
    finally:
        from rq import Queue

        Queue(queue, connection=rq_connection(queue)).empty()


def test_a_queue_that_is_down_leaves_the_rest_of_the_scrape(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    response = client.get("/metrics")
    assert response.status_code == 200 and b"django_http_requests_total" in response.content
    assert sample(response.content.decode(), "sprang_tasks_waiting", queue="default") is None


def test_several_workers_answer_for_all_in_multiprocess_mode(tmp_path):
    """Two processes count their requests in PROMETHEUS_MULTIPROC_DIR; a third answers the scrape for both."""
    count = """
import django; django.setup()
from django.test import Client
Client(HTTP_HOST="127.0.0.1").get("/health/")
"""
    scrape = """
import django; django.setup()
from django.test import Client
print(Client(HTTP_HOST="127.0.0.1").get("/metrics").content.decode())
"""
    folder = tmp_path / "prometheus"
    folder.mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    for code in (count, count):
        subprocess.run([sys.executable, "-W", "ignore", "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-c", scrape], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    assert re.search(
        r'django_http_responses_total_by_status_view_method_total\{[^}]*view="core:health"[^}]*\} 2\.0', out
    )


def test_gunicorn_starts_with_an_empty_metrics_folder(tmp_path, monkeypatch):
    from config import gunicorn

    folder = tmp_path / "prometheus"
    folder.mkdir()
    (folder / "counter_4711.db").write_bytes(b"counts of an earlier run")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    gunicorn.on_starting(None)
    assert list(folder.iterdir()) == []
