"""Rebuild the goal rollups from the activity tables (after a restore, a bulk import, or from cron at night)."""

from groundswell.goals.rollups import rollups_rebuild
from groundswell.orgs.commands import PerOrganizationCommand
from groundswell.orgs.models import Team


class Command(PerOrganizationCommand):
    help = "Rebuild the daily goal rollups of every organization, or of one given by its slug."

    def handle_organization(self, org: Team) -> None:
        rollups_rebuild(org=org)
        self.stdout.write(f"rebuilt the goal rollups of {org.name}")
