"""Readiness (/health/ready/): the database, the cache and the task queue, each stopped for real, named when down."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_liveness_stays_cheap(client):
    response = client.get("/health/")  # without the db fixture: a query would fail the test
    assert response.status_code == 200 and response.content == b"ok"


def test_ready_when_everything_answers(client, db, settings):
    settings.TASKS = DB_TASKS
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "tasks": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_a_cache_that_does_not_answer_is_named(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED}}
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "checks": {"database": "ok", "cache": "down", "tasks": "ok"}}


def test_the_rq_queue_is_pinged(client, db, settings):
    settings.TASKS = RQ_TASKS
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/0"}}
    assert client.get("/health/ready/").json()["checks"]["tasks"] == "ok"
    settings.RQ_QUEUES = {"default": {"URL": CLOSED}}
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "tasks": "down"}


@pytest.mark.django_db(transaction=True)
def test_a_database_that_does_not_answer_is_named(monkeypatch):
    """A new connection (another thread's) to a database that is not there: nothing is mocked."""
    unreachable = dict(connections.settings["default"])
    if connection.vendor == "postgresql":
        unreachable.update(HOST="127.0.0.1", PORT="1")
    else:
        unreachable.update(NAME="/nonexistent-folder/sprang.sqlite3")
    monkeypatch.setitem(connections.settings, "default", unreachable)
    answers = []

    def ask() -> None:
        try:
            answers.append(Client().get("/health/ready/"))
        finally:
            connections.close_all()

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    (response,) = answers
    assert response.status_code == 503
    # The task queue is Django's immediate backend in the tests: it has no queue to lose.
    assert response.json() == {"status": "down", "checks": {"database": "down", "cache": "ok", "tasks": "ok"}}


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_is_down_with_its_database(monkeypatch, settings):
    settings.TASKS = DB_TASKS
    unreachable = dict(connections.settings["default"])
    if connection.vendor == "postgresql":
        unreachable.update(HOST="127.0.0.1", PORT="1")
    else:
        unreachable.update(NAME="/nonexistent-folder/sprang.sqlite3")
    monkeypatch.setitem(connections.settings, "default", unreachable)
    answers = []
    thread = threading.Thread(target=lambda: answers.append(Client().get("/health/ready/").json()))
    thread.start()
    thread.join()
    assert answers == [{"status": "down", "checks": {"database": "down", "cache": "ok", "tasks": "down"}}]
