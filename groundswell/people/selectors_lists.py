"""Reads of lists and universes. A list's people are always people the actor may see, within the list's team
subtree, never soft-deleted: `list_people` starts from `people_for` like every other people read."""

from dataclasses import dataclass

from django.db.models import QuerySet

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, scoped, subtree_q
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.filters import apply_filters
from groundswell.people.models import ListMember, PeopleList, Person
from groundswell.people.selectors import people_for
from groundswell.people.services import org_of


def lists_for(actor: Actor) -> QuerySet[PeopleList]:
    """Lists owned by teams where the actor may see people."""
    return scoped(PeopleList.objects.select_related("team"), actor, cap=Cap.VIEW_PEOPLE)


def team_lists(actor: Actor, team: Team) -> QuerySet[PeopleList]:
    """Lists the actor may see that are owned by `team` or a team below it."""
    return lists_for(actor).filter(team__in=Team.objects.filter(path__startswith=team.path))


def get_list_for(actor: Actor, list_id: int, cap: Cap = Cap.VIEW_PEOPLE) -> PeopleList:
    """A list on a team the actor can see (else NotFound) on which they may do `cap` (else PermissionDenied)."""
    people_list = (
        scoped(PeopleList.objects.select_related("team", "org"), actor, cap=Cap.VIEW_TEAM).filter(pk=list_id).first()
    )
    if people_list is None:
        raise NotFound("list")
    if not actor.can(cap, people_list.team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} for this list")
    return people_list


def team_people(actor: Actor, team: Team) -> QuerySet[Person]:
    """People the actor may see that belong to `team`'s subtree."""
    people = people_for(actor)
    if all(path.startswith(team.path) for path in actor.paths_with(Cap.VIEW_PEOPLE)):
        # Everything the actor sees lies inside the team's subtree already; a second team join would only cost.
        return people
    return people.filter(team__in=Team.objects.filter(subtree_q([team.path])))


def filtered_people(actor: Actor, team: Team, spec: dict) -> QuerySet[Person]:
    """People of `team`'s subtree visible to the actor who match a cleaned filter spec (the builder's preview)."""
    return apply_filters(team_people(actor, team), spec, org=org_of(team))


def list_people(actor: Actor, people_list: PeopleList) -> QuerySet[Person]:
    """The list's people as the actor may see them.

    Dynamic: the saved filter applied now to the people of the list's team subtree.
    Static: its members, still narrowed to what the actor sees (scope changes, soft deletes)."""
    return list_members(people_list, team_people(actor, people_list.team))


def list_members(people_list: PeopleList, people: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The list's people among `people`; by default every live person of the list's team subtree — what
    work done for the list's team with no one signed in (a campaign's targets) draws from."""
    if people is None:
        people = Person.objects.filter(deleted_at__isnull=True, team__in=Team.objects.filter(
            subtree_q([people_list.team.path])))
    if people_list.kind == PeopleList.Kind.STATIC:
        return people.filter(pk__in=ListMember.objects.filter(list_id=people_list.pk).values("person_id"))
    return apply_filters(people, people_list.filters, org=people_list.org)



def sub_teams(actor: Actor, team: Team) -> QuerySet[Team]:
    """Teams below `team` the actor may see people of: the builder's sub-team choices."""
    return scoped(Team.objects.filter(path__startswith=team.path).exclude(pk=team.pk), actor, cap=Cap.VIEW_PEOPLE,
                  via="pk").order_by("path")


@dataclass
class Preview:
    count: int
    sample: list[Person]


def preview(actor: Actor, team: Team, spec: dict, *, size: int = 10) -> Preview:
    """How many people a cleaned spec matches in `team`'s subtree, and the first few of them."""
    people = filtered_people(actor, team, spec)
    # Any few will do: without an ORDER BY the database stops at the first matches instead of sorting them all.
    return Preview(count=people.count(), sample=list(people.order_by()[:size]))
