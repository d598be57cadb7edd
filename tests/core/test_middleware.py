"""The garbage collector sets a warm server process's long-lived objects aside, once."""

from __future__ import annotations

import gc
import secrets

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import FreezeWarmHeap


@pytest.fixture
def thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_heap_is_frozen_once_after_the_first_requests(settings, thawed):
    settings.SPRANG_GC_FREEZE_AFTER = 3
    middleware = FreezeWarmHeap(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    for _ in range(2):
        assert middleware(request).content == b"ok"
    assert gc.get_freeze_count() == 0
    middleware(request)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    gc.unfreeze()
    middleware(request)  # once per process: not again
    assert gc.get_freeze_count() == 0


def test_zero_turns_it_off(settings, thawed):
    settings.SPRANG_GC_FREEZE_AFTER = 0
    middleware = FreezeWarmHeap(lambda request: HttpResponse("ok"))
    for _ in range(5):
        middleware(RequestFactory().get("/"))
    assert gc.get_freeze_count() == 0


def test_the_production_settings_use_it():
    from tests.config.test_production_settings import manage_with_production_settings

    result = manage_with_production_settings(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MIDDLEWARE[0], settings.SPRANG_GC_FREEZE_AFTER)",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="sprang.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["core.middleware.FreezeWarmHeap", "50"]
