import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from groundswell.goals.models import Goal
from groundswell.goals.services import goal_create, goal_split, split_preview
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership
from tests import factories

START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


def _goal(actor_user, team, target=10, **kw):
    return goal_create(actor=Actor.for_user(actor_user), team=team, metric=kw.pop("metric", "contacts_made"),
                       start=kw.pop("start", START), end=kw.pop("end", END), target=target, **kw)


@pytest.mark.parametrize(("changes", "field"), [
    ({"target": -3}, "target"), ({"target": 0}, "target"), ({"target": "ten"}, "target"),
    ({"end": dt.date(2026, 2, 1)}, "end"), ({"metric": "nope"}, "metric"),
])
def test_bad_goals_are_refused_field_by_field(org_tree, personas, changes, field):
    with pytest.raises(ValidationError) as error:
        _goal(personas.organizer, org_tree.north, **changes)
    assert field in error.value.message_dict
    assert not Goal.objects.exists()


def test_a_team_outside_the_actors_management_is_refused(org_tree, personas):
    with pytest.raises(ValidationError) as error:
        _goal(personas.leader, org_tree.north_team)  # leaders hold no MANAGE_TEAM
    assert "team" in error.value.message_dict
    assert not Goal.objects.exists()


def test_a_personal_goal_is_for_a_member_of_the_team(org_tree, personas):
    goal = _goal(personas.organizer, org_tree.north_team, member_id=personas.volunteer.pk, metric="event_referrals")
    assert goal.member == personas.volunteer
    with pytest.raises(ValidationError):
        _goal(personas.organizer, org_tree.north_chapter, member_id=personas.volunteer.pk)


def _two_children(org_tree):
    second = factories.team(org_tree.north, name="North Chapter B", kind="chapter")
    return org_tree.north_chapter, second


def test_an_even_split_adds_up_exactly(org_tree, personas):
    _two_children(org_tree)
    goal = _goal(personas.organizer, org_tree.north, target=11)
    parts = goal_split(actor=Actor.for_user(personas.organizer), goal=goal, rule="evenly")
    assert sorted(p.target for p in parts) == [5, 6]
    assert all(p.parent == goal for p in parts)


def test_a_split_by_size_follows_member_counts(org_tree, personas):
    first, second = _two_children(org_tree)
    for n in range(3):
        factories.membership(second, Membership.Role.VOLUNTEER, user_obj=factories.user(email=f"s{n}@example.test"))
    goal = _goal(personas.organizer, org_tree.north, target=100)
    shares = dict((t.pk, n) for t, n in split_preview(goal, "by_size"))
    # first holds north_team's leader and volunteer (2), second 3 volunteers
    assert shares == {first.pk: 40, second.pk: 60}


def test_a_hand_split_must_add_up(org_tree, personas):
    first, second = _two_children(org_tree)
    goal = _goal(personas.organizer, org_tree.north, target=10)
    with pytest.raises(ValidationError) as error:
        goal_split(actor=Actor.for_user(personas.organizer), goal=goal, rule="by_hand",
                   by_hand={first.pk: 3, second.pk: 3})
    assert "parts" in error.value.message_dict
    assert not goal.parts.exists()
    parts = goal_split(actor=Actor.for_user(personas.organizer), goal=goal, rule="by_hand",
                       by_hand={first.pk: 7, second.pk: 3})
    assert sorted(p.target for p in parts) == [3, 7]
