#!/usr/bin/env python3
"""Språng's two quick-start commands; needs nothing but Python 3.11+.

    python3 dev.py demo   set up, build the demo city on SQLite and serve it at http://127.0.0.1:8000
    python3 dev.py test   set up and run the whole test suite (pass pytest options after it)

Both create ``.venv`` with the pinned dependencies on first use.
"""

from __future__ import annotations

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


def demo() -> None:
    ensure_venv("base.txt")
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    (ROOT / "var").mkdir(exist_ok=True)
    run(str(PYTHON), "manage.py", "migrate", "--no-input", "-v", "0", env=env)
    run(str(PYTHON), "manage.py", "demo_city", "--if-empty", env=env)
    print("\nSprång runs at http://127.0.0.1:8000 – stop it with Ctrl+C.\n", flush=True)
    run(str(PYTHON), "manage.py", "runserver", "127.0.0.1:8000", "--insecure", env=env)


def test(extra: list[str]) -> None:
    ensure_venv("dev.txt")
    run(str(PYTHON), "-m", "pytest", *extra)


def main() -> None:
    command, *rest = sys.argv[1:] or ["help"]
    if command == "demo":
        demo()
    elif command == "test":
        test(rest)
    else:
        print(__doc__)


if __name__ == "__main__":
    main()
