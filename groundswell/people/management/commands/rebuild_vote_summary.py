"""Recompute the vote-history summary (Election bits, Person.voted_mask) from the Vote rows: after a restore,
after writing votes outside the application, or from cron as a check (it reports how many masks were wrong)."""

from django.core.management.base import BaseCommand, CommandError

from groundswell.orgs.models import Team
from groundswell.people.vote_summary import vote_summary_rebuild


class Command(BaseCommand):
    help = "Recompute the vote-history masks from the votes, of every organization or of one given by its slug."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="slug of the organization (the root team); default: all of them")

    def handle(self, *args, org: str | None = None, **options) -> None:
        roots = Team.objects.get_root_nodes()
        if org:
            roots = roots.filter(slug=org)
            if not roots.exists():
                raise CommandError(f"no organization with the slug {org!r}")
        for root in roots:
            fixed = vote_summary_rebuild(org=root)
            self.stdout.write(f"rebuilt the vote summary of {root.name}: {fixed} mask(s) corrected")
