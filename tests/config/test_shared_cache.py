"""Failed sign-ins are counted once for the whole site, however many workers serve it.

The production settings run under gunicorn with two workers and the real Redis, as a city runs
them; a cache each worker keeps for itself is refused before the server starts.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from organisation.adapters import AccountAdapter

REDIS_URL = "redis://127.0.0.1:6379/13"
PORT = 8313
BASE = f"http://127.0.0.1:{PORT}"
EMAIL = "anna.andersson@example.se"
PASSWORD = "a-long-test-password"  # noqa: S105 - the test's own account
#: The variables of the production settings a loopback test over plain HTTP must set (as bench/run.py does).
LOOPBACK = {
    "SECURE_SSL_REDIRECT": "False",
    "SESSION_COOKIE_SECURE": "False",
    "CSRF_COOKIE_SECURE": "False",
    "SECURE_HSTS_SECONDS": "0",
    "ALLAUTH_TRUSTED_PROXY_COUNT": "0",
}
SETUP = f"""
from django.core.management import call_command
from organisation.models import PersonKind, Unit
from organisation.services import person_create, units_import_csv

call_command("migrate", verbosity=0)
units_import_csv(text="code,name,kind,parent_code,headcount\\nSTH,Stockholms stad,city,,10\\n")
person_create(email="{EMAIL}", name="Anna Andersson", kind=PersonKind.EMPLOYEE, unit=Unit.objects.get(code="STH"),
              password="{PASSWORD}")
"""


def redis_is_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def production_env(tmp_path: Path, cache_url: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'sprang.sqlite3'}",
        CACHE_URL=cache_url,
        PYTHONDONTWRITEBYTECODE="1",
        **LOOPBACK,
    )
    return environment


def gunicorn(environment: dict[str, str], log: Path) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        "-b",
        f"127.0.0.1:{PORT}",
        "-w",
        "2",
        "--access-logfile",
        str(log),
        "--access-logformat",
        "%(p)s %(m)s %(U)s %(s)s",
    ]
    return subprocess.Popen(  # noqa: S603 - our own server with fixed arguments
        command, cwd=settings.BASE_DIR, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_until_up(server: subprocess.Popen) -> None:
    for _i in range(150):
        if server.poll() is not None:
            pytest.fail("gunicorn stopped: " + server.stderr.read())
        try:
            if requests.get(f"{BASE}/health/", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    pytest.fail("gunicorn did not start")


def throttled_message() -> str:
    with translation.override("sv"):
        return escape(str(AccountAdapter.error_messages["too_many_login_attempts"]))


@pytest.mark.skipif(not redis_is_running(), reason="Redis is not running at 127.0.0.1:6379 (.ci/run starts it)")
def test_two_workers_sharing_redis_lock_the_account_after_five_failures(tmp_path):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    environment = production_env(tmp_path, REDIS_URL)
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "shell", "-c", SETUP],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )
    log = tmp_path / "access.log"
    server = gunicorn(environment, log)
    try:
        wait_until_up(server)
        page = requests.get(f"{BASE}/account/login/", timeout=10)
        csrf = page.cookies["csrftoken"]

        def wrong_sign_in(_n: int = 0) -> str:
            response = requests.post(
                f"{BASE}/account/login/",
                data={"csrfmiddlewaretoken": csrf, "login": EMAIL, "password": "wrong-password"},
                cookies={"csrftoken": csrf},
                timeout=30,
                allow_redirects=False,
            )
            assert response.status_code == 200
            return response.text

        # Two at a time, so both workers take some: each worker counting for itself would see at most three.
        with ThreadPoolExecutor(max_workers=2) as pool:
            for _pair in range(2):
                answers = list(pool.map(wrong_sign_in, range(2)))
                assert all(throttled_message() not in answer for answer in answers)
        assert throttled_message() not in wrong_sign_in()
        assert throttled_message() in wrong_sign_in()  # the sixth
        right = requests.post(
            f"{BASE}/account/login/",
            data={"csrfmiddlewaretoken": csrf, "login": EMAIL, "password": PASSWORD},
            cookies={"csrftoken": csrf},
            timeout=30,
            allow_redirects=False,
        )
        assert right.status_code == 200 and throttled_message() in right.text
    finally:
        server.terminate()
        server.wait(timeout=30)
    workers = {line.split()[0] for line in log.read_text().splitlines() if "POST /account/login/" in line}
    assert len(workers) == 2, "the sign-ins should have been served by both workers"


def test_gunicorn_refuses_to_start_with_a_cache_each_worker_keeps_for_itself(tmp_path):
    server = gunicorn(production_env(tmp_path, "locmemcache://"), tmp_path / "access.log")
    try:
        _out, err = server.communicate(timeout=120)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode != 0
    assert re.search(r"CACHE_URL gives a cache that is not shared", err)
