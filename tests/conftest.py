"""Shared fixtures: a small team tree and one persona per role (see STYLE.md)."""

from dataclasses import dataclass

import pytest
from django.test import Client

from groundswell.accounts.models import User
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from tests import factories

Role = Membership.Role


@dataclass
class OrgTree:
    """national → north (region) → north_chapter → north_team; national → south (region) → south_team;
    plus `other`, a second organization with nothing in common."""

    org: Team
    north: Team
    north_chapter: Team
    north_team: Team
    south: Team
    south_team: Team
    other: Team


@pytest.fixture
def org_tree(db) -> OrgTree:
    org = factories.team(name="National", kind=Team.Kind.NATIONAL, code_of_conduct="Be kind. Be on time.")
    north = factories.team(org, name="North Region", kind=Team.Kind.REGION)
    north_chapter = factories.team(north, name="North Chapter", kind=Team.Kind.CHAPTER)
    north_team = factories.team(north_chapter, name="North Team", kind=Team.Kind.TEAM)
    south = factories.team(org, name="South Region", kind=Team.Kind.REGION)
    south_team = factories.team(south, name="South Team", kind=Team.Kind.TEAM)
    other = factories.team(name="Other Org", kind=Team.Kind.NATIONAL)
    fresh = lambda t: Team.objects.get(pk=t.pk)  # noqa: E731 - paths change as siblings are added
    return OrgTree(*(fresh(t) for t in (org, north, north_chapter, north_team, south, south_team, other)))


@dataclass
class Personas:
    admin: User  # admin of the whole organization
    organizer: User  # organizer of North Region
    leader: User  # leader of North Team
    volunteer: User  # volunteer on North Team
    analyst: User  # analyst on North Region
    steward: User  # data steward on North Region
    outsider: User  # admin of another organization


@pytest.fixture
def personas(org_tree: OrgTree) -> Personas:
    def member(team: Team, role: str, email: str, name: str) -> User:
        person = factories.user(email=email, full_name=name)
        factories.membership(team, role, user_obj=person)
        return person

    return Personas(
        admin=member(org_tree.org, Role.ADMIN, "admin@example.test", "Ada Admin"),
        organizer=member(org_tree.north, Role.ORGANIZER, "organizer@example.test", "Olu Organizer"),
        leader=member(org_tree.north_team, Role.LEADER, "leader@example.test", "Lee Leader"),
        volunteer=member(org_tree.north_team, Role.VOLUNTEER, "volunteer@example.test", "Val Volunteer"),
        analyst=member(org_tree.north, Role.ANALYST, "analyst@example.test", "Ana Analyst"),
        steward=member(org_tree.north, Role.DATA_STEWARD, "steward@example.test", "Stu Steward"),
        outsider=member(org_tree.other, Role.ADMIN, "outsider@example.test", "Otto Outsider"),
    )


def actor_for(user: User) -> Actor:
    return Actor.for_user(user)


@pytest.fixture
def client_for():
    """A logged-in test client for a user: client_for(personas.organizer)."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
