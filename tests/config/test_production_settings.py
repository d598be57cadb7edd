"""The production settings pass Django's deployment checks, so a weakened setting fails the suite."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from django.conf import settings

#: Variables that relax the production settings (for benchmarks on loopback, or set by the browser tests
#: in this process); the check runs without them.
RELAXING = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "CACHE_URL",
)


def manage_with_production_settings(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in RELAXING}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", PYTHONDONTWRITEBYTECODE="1", **env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = manage_with_production_settings(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="sprang.example.se",
        CACHE_URL="redis://127.0.0.1:6379/13",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage_with_production_settings("check", SECRET_KEY="", ALLOWED_HOSTS="sprang.example.se")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_cache_each_worker_keeps_for_itself():
    for cache_url in ("locmemcache://", None):
        env = {"SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "sprang.example.se"}
        if cache_url:
            env["CACHE_URL"] = cache_url
        result = manage_with_production_settings("check", "--deploy", **env)
        assert result.returncode != 0
        assert "core.E001" in result.stderr
        assert "CACHE_URL" in result.stderr and "redis://" in result.stderr and "dbcache://" in result.stderr


def test_production_accepts_the_database_cache():
    result = manage_with_production_settings(
        "check",
        "--deploy",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="sprang.example.se",
        CACHE_URL="dbcache://sprang_cache",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_with_an_e_id_broker_requires_the_identity_hash_key():
    env = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "sprang.example.se",
        "CACHE_URL": "redis://127.0.0.1:6379/13",
        "SPRANG_EID_OIDC_ISSUER": "https://eid.example.se",
        "SPRANG_EID_OIDC_CLIENT_ID": "sprang",
    }
    result = manage_with_production_settings("check", **env, SPRANG_IDENTITY_HASH_KEY="")
    assert result.returncode != 0
    assert "SPRANG_IDENTITY_HASH_KEY is not set" in result.stderr
    result = manage_with_production_settings("check", **env, SPRANG_IDENTITY_HASH_KEY=secrets.token_urlsafe(40))
    assert result.returncode == 0, result.stdout + result.stderr
