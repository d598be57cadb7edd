"""Remind everyone with a place at an event starting within a day. Meant to run every hour from cron;
each registration is reminded once, however often it runs."""

from django.core.management.base import BaseCommand

from spread.events.services import reminders_send


class Command(BaseCommand):
    help = "Mail a reminder to everyone with a place at an event starting within 24 hours (once each)."

    def handle(self, *args, **options) -> None:
        sent = reminders_send()
        self.stdout.write(f"Reminders sent: {sent}")
