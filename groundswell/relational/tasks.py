"""Background tasks of relational organizing (django.tasks: the database queue in production, inline in tests)."""

from django.tasks import task

from groundswell.relational.matcher import train_org_weights
from groundswell.relational.models import Relationship
from groundswell.relational.services_match import relationship_find_matches


@task
def match_relationships_task(relationship_ids: list[int]) -> int:
    """Look for voter-file matches of contacts added in bulk (a pasted list, an address book)."""
    done = 0
    for relationship in Relationship.objects.filter(pk__in=relationship_ids).select_related("org"):
        relationship_find_matches(relationship)
        done += 1
    return done


@task
def train_match_weights_task(org_id: int) -> int:
    """Re-learn an organization's matching weights from its own contacts and voter file."""
    weights = train_org_weights(org_id)
    return weights.pairs if weights else 0
