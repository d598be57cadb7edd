"""gunicorn's hooks for Språng's app servers: ``gunicorn -c config/gunicorn.py config.wsgi ...`` (docs/deploy.md).

With several workers, each writes its metrics to files in ``PROMETHEUS_MULTIPROC_DIR`` and any of them answers
``/metrics`` for all (prometheus_client's multiprocess mode). The folder is emptied when gunicorn starts, so
counts from an earlier run are not added again, and a worker that exits has its live gauges removed.
"""

from __future__ import annotations

import os
from pathlib import Path

from prometheus_client import multiprocess


def metrics_folder() -> Path | None:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return Path(folder) if folder else None


def on_starting(server) -> None:
    folder = metrics_folder()
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()


def child_exit(server, worker) -> None:
    if metrics_folder() is not None:
        multiprocess.mark_process_dead(worker.pid)
