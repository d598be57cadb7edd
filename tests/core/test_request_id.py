"""Every request's id: in its answer's header, on its log records and on the error page; one log line per request."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from core.request_id import RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]


def test_each_answer_carries_an_id_of_its_own(client):
    first, second = client.get("/health/"), client.get("/health/")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_id_is_kept_when_it_is_a_plain_token(client):
    assert client.get("/health/", HTTP_X_REQUEST_ID="7f3a-b2c9.01:x_y")["X-Request-ID"] == "7f3a-b2c9.01:x_y"


@pytest.mark.parametrize("sent", ["", "two words", "<script>", "a" * 65, "é", "id\nINFO forged line"])
def test_an_id_that_could_break_a_log_line_or_a_page_is_replaced(client, sent):
    answered = client.get("/health/", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert answered != sent and re.fullmatch(r"[0-9a-f]{32}", answered)


def test_one_line_per_request_without_the_query_string(client, caplog):
    with caplog.at_level(logging.INFO, logger="core.requests"):
        response = client.get("/health/?email=anna@example.se&name=Anna", HTTP_X_REQUEST_ID="req-1")
    (record,) = [r for r in caplog.records if r.name == "core.requests"]
    assert (record.method, record.path, record.status, record.user_id) == ("GET", "/health/", 200, None)
    assert isinstance(record.duration_ms, float)
    assert "anna" not in caplog.text and "?" not in record.getMessage()
    RequestIdFilter().filter(record)
    assert record.request_id == response["X-Request-ID"] == "req-1"


def test_the_line_names_the_signed_in_person_by_id_only(client, people, caplog):
    person = people["employee"]
    client.force_login(person)
    with caplog.at_level(logging.INFO, logger="core.requests"):
        client.get("/profile/")
    (record,) = [r for r in caplog.records if r.name == "core.requests"]
    assert record.user_id == person.pk
    fields = json.dumps({key: str(value) for key, value in vars(record).items()})
    assert person.email not in fields and person.name not in fields


def test_a_personal_link_is_hidden_in_the_requests_line(client, db, caplog):
    token = "secret-token-" + "z" * 30
    with caplog.at_level(logging.INFO, logger="core.requests"):
        client.get(f"/surveys/answer/{token}/")
    (record,) = [r for r in caplog.records if r.name == "core.requests"]
    assert token not in caplog.text and token not in record.path
    assert record.path == "/surveys/answer/[personal link]/"


def test_the_error_page_gives_the_code_for_support_in_both_languages(db, settings, caplog):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/fails/", HTTP_X_REQUEST_ID="support-4711")
    assert response.status_code == 500 and response["X-Request-ID"] == "support-4711"
    page = response.content.decode()
    assert "Ge den här koden till supporten: <strong><code>support-4711</code>" in page
    assert "Give this code to support: <strong><code>support-4711</code>" in page
    (error,) = [r for r in caplog.records if r.name == "django.request"]
    RequestIdFilter().filter(error)
    assert error.request_id == "support-4711" and error.exc_info is not None


def _run(settings_module: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Requests answered with a settings module's own logging, in a process of their own."""
    code = """
import django; django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
client.get("/health/?email=anna@example.se", HTTP_X_REQUEST_ID="req-json-1", secure=True)
client.get("/surveys/answer/secret-token-qqqqqqqqqqqqqqqqqqqq/?x=1", HTTP_X_REQUEST_ID="req-json-2", secure=True)
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "a-key-for-this-test-only-0123456789-abcdefghijklmnop",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",  # no tables: the survey page fails
        "CACHE_URL": "locmemcache://",
        "LOG_LEVEL": "INFO",
    }
    env.pop("LOG_FORMAT", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def test_production_writes_one_json_object_a_line_on_standard_output(tmp_path):
    result = _run("config.settings.production", tmp_path)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "secret-token-" not in result.stdout + result.stderr and "anna@" not in result.stdout
    health = next(r for r in records if r["logger"] == "core.requests" and r["path"] == "/health/")
    assert health["method"] == "GET" and health["status"] == 200 and health["user_id"] is None
    assert health["request_id"] == "req-json-1" and isinstance(health["duration_ms"], float)
    assert health["time"].endswith("+00:00")
    error = next(r for r in records if r["logger"] == "django.request")
    assert error["level"] == "ERROR" and error["request_id"] == "req-json-2" and "exc_info" in error
    assert "request" not in error  # the request object's address would carry the query string
    failed = next(r for r in records if r["logger"] == "core.requests" and r["status"] == 500)
    assert failed["path"] == "/surveys/answer/[personal link]/" and failed["request_id"] == "req-json-2"


def test_development_keeps_readable_lines(tmp_path):
    result = _run("config.settings.dev", tmp_path)
    line = next(line for line in result.stdout.splitlines() if "GET /health/ 200" in line)
    assert "[req-json-1]" in line and "core.requests" in line and not line.startswith("{")
    assert "secret-token-" not in result.stdout + result.stderr
