#!/usr/bin/env python3
"""Språng's two quick-start commands; needs nothing but Python 3.11+.

    python3 dev.py demo [--port 8000] [--host 127.0.0.1]
                          set up, build the demo city on SQLite and serve it at http://127.0.0.1:8000
                          (or the host and port given; links in the emails point there), with the
                          background worker beside it that sends the emails (printed in the terminal)
    python3 dev.py test   set up and run the whole test suite in parallel, one worker per core up to four
                          (pass pytest options after it; ``-n 0`` runs it in one process)

Both create ``.venv`` with the pinned dependencies on first use.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*args: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(args, cwd=ROOT, env={**os.environ, **(env or {})}, check=False)  # noqa: S603
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv(requirements: str) -> None:
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    req = ROOT / "requirements" / requirements
    stamp = VENV / f".installed-{requirements}"
    digest = hashlib.sha256(req.read_bytes() + (ROOT / "requirements" / "base.txt").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Installing the pinned dependencies ({requirements}) …", flush=True)
        run(str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(req))
        stamp.write_text(digest)


DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def demo_options(argv: list[str]) -> argparse.Namespace:
    """``demo``'s options: the address to serve at."""
    parser = argparse.ArgumentParser(prog="python3 dev.py demo", description="Build the demo city and serve it.")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"the address to listen at (default {DEFAULT_HOST})")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"the port to listen at (default {DEFAULT_PORT})"
    )
    options = parser.parse_args(argv)
    if not 0 < options.port < 65536:
        parser.error(f"--port must be between 1 and 65535, not {options.port}")
    return options


def demo_env(host: str, port: int) -> dict[str, str]:
    """The settings the demo server runs with: links in emails point to the address served."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104 - only to name the address
    hosts = {"127.0.0.1", "localhost", shown}
    if host in ("0.0.0.0", "::"):  # noqa: S104 - the person asked to be reached from other machines
        hosts.add("*")
    site = f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "SPRANG_SITE_URL": site,
        "ALLOWED_HOSTS": ",".join(sorted(hosts)),
    }


def demo(argv: list[str]) -> None:
    options = demo_options(argv)
    ensure_venv("base.txt")
    env = demo_env(options.host, options.port)
    (ROOT / "var").mkdir(exist_ok=True)
    run(str(PYTHON), "manage.py", "migrate", "--no-input", "-v", "0", env=env)
    run(str(PYTHON), "manage.py", "demo_city", "--if-empty", env=env)
    print(f"\nSprång runs at {env['SPRANG_SITE_URL']} – stop it with Ctrl+C.\n", flush=True)
    address = f"[{options.host}]:{options.port}" if ":" in options.host else f"{options.host}:{options.port}"
    worker = start_worker(env)
    try:
        run(str(PYTHON), "manage.py", "runserver", address, "--insecure", env=env)
    finally:
        stop_worker(worker)


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    """The background worker beside the server: it sends the demo's emails (printed in this terminal)."""
    return subprocess.Popen([str(PYTHON), "manage.py", "worker"], cwd=ROOT, env={**os.environ, **env})  # noqa: S603


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


MAX_WORKERS = 4  # each worker migrates its own database and may start a browser


def test_args(extra: list[str]) -> list[str]:
    """pytest's arguments: in parallel (pytest-xdist) unless the person chose the number of workers or no xdist."""
    chosen = any(arg.startswith(("-n", "--numprocesses")) or arg.endswith("no:xdist") for arg in extra)
    parallel = [] if chosen else ["-n", "auto", "--maxprocesses", str(MAX_WORKERS)]
    return [*parallel, *extra]


def test(extra: list[str]) -> None:
    ensure_venv("dev.txt")
    run(str(PYTHON), "-m", "pytest", *test_args(extra))


def main() -> None:
    command, *rest = sys.argv[1:] or ["help"]
    if command == "demo":
        demo(rest)
    elif command == "test":
        test(rest)
    else:
        print(__doc__)


if __name__ == "__main__":
    main()
