"""Weekly, from cron: every team leader's digest of their numbers, goals and who needs attention."""

from django.core.management.base import BaseCommand

from groundswell.goals.digest import send_goal_digests


class Command(BaseCommand):
    help = "Email each leader, organizer and admin the week's numbers of their teams (run weekly)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"sent {send_goal_digests()} goal digests")
