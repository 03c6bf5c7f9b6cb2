"""Writes to person records. Callers pass objects fetched through selectors (already scoped)."""

from django.db import transaction
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.people.models import Person, TimelineEntry


def timeline_add(*, person: Person, kind: str, summary: str, actor=None, data: dict | None = None) -> TimelineEntry:
    """Record something that happened to a person. Any app may call this; `kind` is "<app>.<event>"."""
    user = getattr(actor, "user", actor)
    return TimelineEntry.objects.create(
        person=person, kind=kind, summary=summary[:300], data=data or {},
        actor=user if getattr(user, "pk", None) else None,
    )


def org_of(team: Team) -> Team:
    """The organization (tree root) a team belongs to."""
    return team if team.depth == 1 else Team.objects.get(path=team.org_path)


@transaction.atomic
def person_create(*, actor, team: Team, **fields) -> Person:
    """A new person owned by `team`'s organization and visible to `team`'s subtree."""
    now = timezone.now()
    person = Person.objects.create(org=org_of(team), team=team, created_at=now, updated_at=now, **fields)
    timeline_add(person=person, kind="people.created", summary="Added to the CRM", actor=actor)
    return person
