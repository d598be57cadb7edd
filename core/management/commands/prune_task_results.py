"""``manage.py prune_task_results``: delete the results of background work finished more than
SPRANG_TASK_RESULTS_KEEP_DAYS days ago (the worker also does it every hour)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.background.prune import prune_task_results


class Command(BaseCommand):
    help = "Delete the results of background work that finished more than SPRANG_TASK_RESULTS_KEEP_DAYS days ago."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Pruned {prune_task_results()} task result(s).")
