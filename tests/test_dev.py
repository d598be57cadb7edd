"""dev.py, the quick start: ``demo`` takes the address to serve at, and the emails' links follow it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("dev", Path(__file__).resolve().parent.parent / "dev.py")
assert _spec and _spec.loader
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)


def test_demo_serves_at_8000_on_loopback_by_default():
    options = dev.demo_options([])
    assert (options.host, options.port) == ("127.0.0.1", 8000)
    assert dev.demo_env(options.host, options.port)["SPRANG_SITE_URL"] == "http://127.0.0.1:8000"


def test_demo_takes_a_port_and_a_host():
    options = dev.demo_options(["--port", "8400", "--host", "localhost"])
    assert (options.host, options.port) == ("localhost", 8400)
    env = dev.demo_env(options.host, options.port)
    assert env["SPRANG_SITE_URL"] == "http://localhost:8400"
    assert "localhost" in env["ALLOWED_HOSTS"].split(",")


def test_demo_on_every_interface_links_to_loopback_and_accepts_any_host():
    env = dev.demo_env("0.0.0.0", 8400)  # noqa: S104
    assert env["SPRANG_SITE_URL"] == "http://127.0.0.1:8400"
    assert "*" in env["ALLOWED_HOSTS"].split(",")


@pytest.mark.parametrize("argv", [["--port", "0"], ["--port", "70000"], ["--port", "eighty"]])
def test_demo_refuses_a_port_that_is_no_port(argv, capsys):
    with pytest.raises(SystemExit):
        dev.demo_options(argv)
    assert "--port" in capsys.readouterr().err


def test_demo_serves_at_the_port_given_with_links_to_it(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(dev, "ensure_venv", lambda requirements: None)
    monkeypatch.setattr(dev, "run", lambda *args, env=None: calls.append((args, env)))
    monkeypatch.setattr(dev, "start_worker", lambda env: calls.append((("worker",), env)))
    monkeypatch.setattr(dev, "stop_worker", lambda worker: None)
    monkeypatch.setattr(dev.sys, "argv", ["dev.py", "demo", "--port", "8400"])
    dev.main()
    args, env = calls[-1]
    assert args[-3:] == ("runserver", "127.0.0.1:8400", "--insecure")
    assert env["SPRANG_SITE_URL"] == "http://127.0.0.1:8400"
    assert all(env == e for _a, e in calls)
    assert "http://127.0.0.1:8400" in capsys.readouterr().out


def test_demo_starts_the_worker_beside_the_server_and_stops_it_after(monkeypatch):
    events = []

    class Worker:
        def poll(self):
            return None

        def terminate(self):
            events.append("worker stopped")

        def wait(self, timeout):
            return 0

    def popen(args, cwd, env):
        events.append(("worker started", tuple(args[-2:]), env["DJANGO_SETTINGS_MODULE"]))
        return Worker()

    monkeypatch.setattr(dev, "ensure_venv", lambda requirements: None)
    monkeypatch.setattr(dev.subprocess, "Popen", popen)
    monkeypatch.setattr(dev, "run", lambda *args, env=None: events.append(args[2]))
    monkeypatch.setattr(dev.sys, "argv", ["dev.py", "demo"])
    dev.main()
    assert events == [
        "migrate",
        "demo_city",
        ("worker started", ("manage.py", "worker"), "config.settings.dev"),
        "runserver",
        "worker stopped",
    ]


def test_the_suite_runs_in_parallel_unless_told_otherwise(monkeypatch):
    calls = []
    monkeypatch.setattr(dev, "ensure_venv", lambda requirements: None)
    monkeypatch.setattr(dev, "run", lambda *args, env=None: calls.append(args))
    for argv, expected in [
        ([], ["-n", "auto", "--maxprocesses", "4"]),
        (["tests/ideas", "-k", "gate"], ["-n", "auto", "--maxprocesses", "4", "tests/ideas", "-k", "gate"]),
        (["-n", "0", "tests/ideas"], ["-n", "0", "tests/ideas"]),
        (["-n2"], ["-n2"]),
        (["--numprocesses=3"], ["--numprocesses=3"]),
        (["-p", "no:xdist"], ["-p", "no:xdist"]),
    ]:
        monkeypatch.setattr(dev.sys, "argv", ["dev.py", "test", *argv])
        dev.main()
        assert list(calls[-1][3:]) == expected, argv
