"""Recompute the vote-history summary (Election bits, Person.voted_mask) from the Vote rows: after a restore,
after writing votes outside the application, or from cron as a check (it reports how many masks were wrong)."""

from groundswell.orgs.commands import PerOrganizationCommand
from groundswell.orgs.models import Team
from groundswell.people.vote_summary import vote_summary_rebuild


class Command(PerOrganizationCommand):
    help = "Recompute the vote-history masks from the votes, of every organization or of one given by its slug."

    def handle_organization(self, org: Team) -> None:
        fixed = vote_summary_rebuild(org=org)
        self.stdout.write(f"rebuilt the vote summary of {org.name}: {fixed} mask(s) corrected")
