from django.core.management.base import BaseCommand

from groundswell.events.reminders import send_due


class Command(BaseCommand):
    help = "Send the event reminders that are due (24 h and 2 h before each shift). Safe to run from cron."

    def handle(self, *args, **options) -> None:
        sent = send_due()
        self.stdout.write(f"sent {sent} reminder{'s' if sent != 1 else ''}")
