"""Background work for the duplicates queue: a scan of a whole organization runs outside the request."""

from django.tasks import task

from groundswell.orgs.models import Team
from groundswell.people.dedupe import find_candidates


@task
def refresh_duplicate_candidates(org_id: int) -> int:
    """Queue the organization's likely duplicates; returns how many new pairs were found."""
    return find_candidates(Team.objects.get(pk=org_id))
