"""Remove what is kept no longer than a set time (``core.retention``); run nightly by the scheduled jobs."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.retention import apply_retention


class Command(BaseCommand):
    help = "Remove application drafts never sent and invitations never used, once their time is up."

    def handle(self, *args, **options) -> None:
        counts = apply_retention(now=timezone.now())
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count} removed")
