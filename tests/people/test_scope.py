"""Invariant 1 for people: the CRM is visible by team subtree, and only to roles that may see people."""

import pytest
from django.utils import timezone

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.orgs.roles import Cap
from groundswell.people.selectors import get_person_for, people_for
from tests import factories


@pytest.fixture
def people(org_tree):
    return {
        "org": factories.person(org_tree.org),
        "north": factories.person(org_tree.north),
        "north_team": factories.person(org_tree.north_team),
        "south": factories.person(org_tree.south),
        "other": factories.person(org_tree.other),
    }


def visible(user) -> set[str]:
    return set(people_for(Actor.for_user(user)).values_list("pk", flat=True))


def ids(people, keys):
    return {people[k].pk for k in keys}


def test_each_role_sees_its_subtree_or_nothing(personas, people):
    assert visible(personas.admin) == ids(people, ["org", "north", "north_team", "south"])
    assert visible(personas.organizer) == ids(people, ["north", "north_team"])
    assert visible(personas.steward) == ids(people, ["north", "north_team"])
    assert visible(personas.outsider) == ids(people, ["other"])
    # Leaders, volunteers and analysts do not browse the CRM.
    assert visible(personas.leader) == set()
    assert visible(personas.volunteer) == set()
    assert visible(personas.analyst) == set()


def test_soft_deleted_people_are_invisible(personas, people):
    people["north"].deleted_at = timezone.now()
    people["north"].save()
    assert people["north"].pk not in visible(personas.organizer)


def test_get_person_for_hides_what_is_out_of_scope_and_refuses_what_is_not_allowed(personas, people):
    organizer = Actor.for_user(personas.organizer)
    assert get_person_for(organizer, people["north_team"].pk) == people["north_team"]
    with pytest.raises(NotFound):
        get_person_for(organizer, people["south"].pk)
    with pytest.raises(PermissionDenied):
        get_person_for(organizer, people["north"].pk, Cap.ERASE_PEOPLE)
    assert get_person_for(Actor.for_user(personas.steward), people["north"].pk, Cap.ERASE_PEOPLE)
