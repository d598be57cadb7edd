"""Everything the application imports is installed by requirements/base.txt, which is all a server (and the demo)
installs: a module that only the test requirements bring in would fail there, not in the tests."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_APPLICATION = {"tests", "bench", ".venv", ".venv-bench", "var", "node_modules", ".ci"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pinned() -> set[str]:
    lines = (ROOT / "requirements" / "base.txt").read_text().splitlines()
    return {_normalise(line.split("==")[0]) for line in lines if "==" in line and not line.startswith("#")}


def _imported_modules() -> dict[str, Path]:
    local = {p.name for p in ROOT.iterdir() if p.is_dir()} | {p.stem for p in ROOT.glob("*.py")}
    found: dict[str, Path] = {}
    for path in ROOT.rglob("*.py"):
        if NOT_APPLICATION & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in local and top != "__future__":
                    found.setdefault(top, path)
    return found


def test_every_module_the_application_imports_is_pinned_in_the_base_requirements():
    pinned, distributions = _pinned(), packages_distributions()
    missing = {
        module: str(path.relative_to(ROOT))
        for module, path in _imported_modules().items()
        if not any(_normalise(d) in pinned for d in distributions.get(module, []))
    }
    assert missing == {}
