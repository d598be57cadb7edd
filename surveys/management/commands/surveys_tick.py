"""Close the survey rounds whose last day has passed and remind those who have not answered an open round on its
reminder days. Meant to run every hour from cron; each round closes once and each reminder goes out once, however
often it runs."""

from django.core.management.base import BaseCommand

from surveys.rounds.services import reminders_send, rounds_close_due


class Command(BaseCommand):
    help = "Close the survey rounds past their last day and send the reminders due today (once each)."

    def handle(self, *args, **options) -> None:
        closed = rounds_close_due()
        sent = reminders_send()
        self.stdout.write(f"Survey rounds closed: {closed}")
        self.stdout.write(f"Survey reminders sent: {sent}")
