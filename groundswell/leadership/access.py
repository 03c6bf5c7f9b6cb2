"""Who the actor may develop as a leader: the leadership app's part of the access rules, built only from
groundswell/orgs/access.py (DEVELOP_LEADERS: admins, organizers and leaders, on their subtree)."""

from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, scoped, visible_teams
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.models import ACTIVE, Person

M = TypeVar("M", bound=Model)


def leader_teams(actor: Actor) -> QuerySet[Team]:
    """Teams where the actor holds one-on-ones, moves people on the ladder and checks in."""
    return visible_teams(actor, Cap.DEVELOP_LEADERS)


def developable_people(actor: Actor) -> QuerySet[Person]:
    """People the actor may hold one-on-ones with and place on a ladder: members of the teams where they
    develop leaders, people already placed on those teams' ladders, and — for those who may browse the CRM
    there (organizers, admins) — the CRM's records of those teams. Leaders reach their members, not the CRM."""
    teams = leader_teams(actor)
    crm_teams = teams.filter(pk__in=visible_teams(actor, Cap.VIEW_PEOPLE))
    reach = (Q(user__memberships__team__in=teams) | Q(ladder_placements__team__in=teams)
             | Q(team__in=crm_teams))
    return Person.objects.filter(ACTIVE, pk__in=Person.objects.filter(reach).values("pk"))


def get_developable_person(actor: Actor, person_id: int) -> Person:
    """The person if the actor may develop them; PermissionDenied for someone of their teams they may not
    (a leader and a CRM record), NotFound for anyone else."""
    person = developable_people(actor).select_related("team", "user").filter(pk=person_id).first()
    if person is not None:
        return person
    if scoped(Person.objects.filter(ACTIVE), actor, cap=Cap.VIEW_TEAM).filter(pk=person_id).exists():
        raise PermissionDenied("you do not hold one-on-ones with this person")
    raise NotFound("person")


def get_team_record(actor: Actor, queryset: QuerySet[M], record_id: int, what: str) -> M:
    """A leadership record (one-on-one, commitment) by id: NotFound outside the actor's teams,
    PermissionDenied on their teams where they do not develop leaders."""
    record = queryset.filter(pk=record_id, team__in=visible_teams(actor)).select_related("team").first()
    if record is None:
        raise NotFound(what)
    if not actor.can(Cap.DEVELOP_LEADERS, record.team):
        raise PermissionDenied(f"you may not open this {what}")
    return record
