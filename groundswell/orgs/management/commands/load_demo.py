from django.core.management.base import BaseCommand

from groundswell.orgs.demo import VOLUNTEERS_PER_SIZE, demo_load


class Command(BaseCommand):
    help = "Load the demo movement (a national organization with regions, chapters, teams and volunteers) once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", choices=sorted(VOLUNTEERS_PER_SIZE), default="small")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *, size: str, seed: int, **options) -> None:
        summary = demo_load(size=size, seed=seed)
        if not summary.created:
            self.stdout.write("The demo movement is already loaded; nothing to do.")
            return
        self.stdout.write(
            f"Loaded {summary.org}: {summary.teams} teams, {summary.users} people, {summary.memberships} memberships."
        )
