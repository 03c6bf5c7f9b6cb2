"""Rebuild the goal rollups from the activity tables (after a restore, a bulk import, or from cron at night)."""

from django.core.management.base import BaseCommand, CommandError

from groundswell.goals.rollups import rollups_rebuild
from groundswell.orgs.models import Team


class Command(BaseCommand):
    help = "Rebuild the daily goal rollups of every organization, or of one given by its slug."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="slug of the organization (the root team); default: all of them")

    def handle(self, *args, org: str | None = None, **options) -> None:
        roots = Team.objects.get_root_nodes()
        if org:
            roots = roots.filter(slug=org)
            if not roots.exists():
                raise CommandError(f"no organization with the slug {org!r}")
        for root in roots:
            rollups_rebuild(org=root)
            self.stdout.write(f"rebuilt the goal rollups of {root.name}")
