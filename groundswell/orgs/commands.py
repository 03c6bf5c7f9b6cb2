"""A base for management commands that run for every organization, or for the one named by `--org`."""

from django.core.management.base import BaseCommand, CommandError

from groundswell.orgs.models import Team


class PerOrganizationCommand(BaseCommand):
    """Subclasses implement `handle_organization(org)`; an unknown slug is a clear error, nothing is run."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="slug of the organization (the root team); default: all of them")

    def handle(self, *args, org: str | None = None, **options) -> None:
        roots = Team.objects.get_root_nodes()
        if org:
            roots = roots.filter(slug=org)
            if not roots.exists():
                raise CommandError(f"no organization with the slug {org!r}")
        for root in roots:
            self.handle_organization(root)

    def handle_organization(self, org: Team) -> None:
        raise NotImplementedError
