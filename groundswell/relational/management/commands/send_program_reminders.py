from django.core.management.base import BaseCommand

from groundswell.relational.services_reminders import reminders_send_due


class Command(BaseCommand):
    help = "Email captains the checklist of their people on each key date of their program (run daily from cron)."

    def handle(self, *args, **options) -> None:
        sent = reminders_send_due()
        self.stdout.write(f"sent {sent} reminder(s)")
