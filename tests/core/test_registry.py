"""A registry's modules are imported at the first look; a thread that looks meanwhile waits for all of them
(core.registry), so that the first requests of a new worker see every declaration."""

from __future__ import annotations

import threading
import time

from core import registry as registry_module
from core.registry import Registry


def test_a_thread_looking_while_another_imports_the_modules_sees_every_declaration(monkeypatch):
    groups: Registry[str] = Registry("no_such_module", "test groups")
    started = threading.Event()

    def slow_discovery(module: str) -> None:
        groups.declare("first", "first", 10)
        started.set()
        time.sleep(0.2)  # the second app's module is still being imported
        groups.declare("second", "second", 20)

    monkeypatch.setattr(registry_module, "autodiscover_modules", slow_discovery)
    seen: dict[str, list[str]] = {}
    importer = threading.Thread(target=lambda: seen.setdefault("importer", list(groups)))
    importer.start()
    started.wait(2)
    seen["meanwhile"] = list(groups)
    importer.join()
    assert seen == {"importer": ["first", "second"], "meanwhile": ["first", "second"]}


def test_a_module_being_imported_may_look_at_its_own_registry(monkeypatch):
    groups: Registry[str] = Registry("no_such_module", "test groups")

    def discovery_that_looks(module: str) -> None:
        groups.declare("first", "first")
        assert list(groups) == ["first"]  # the same thread goes on with what is declared so far

    monkeypatch.setattr(registry_module, "autodiscover_modules", discovery_that_looks)
    assert list(groups) == ["first"]


def test_a_module_that_fails_to_import_shows_its_own_error_once(monkeypatch):
    groups: Registry[object] = Registry("no_such_module", "test groups")
    tries = []

    def failing_discovery(module: str) -> None:
        tries.append(module)
        groups.declare("first", object())  # a new function each time the module is imported
        raise ImportError("the app's todo.py is broken")

    monkeypatch.setattr(registry_module, "autodiscover_modules", failing_discovery)
    try:
        list(groups)
    except ImportError as error:
        assert "broken" in str(error)
    else:
        raise AssertionError("the module's error did not show")
    assert list(groups) == ["first"]
    assert tries == ["no_such_module"]
