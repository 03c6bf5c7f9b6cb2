import pytest

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import get_team_for, visible_memberships, visible_teams
from groundswell.orgs.roles import Cap
from groundswell.orgs.services import team_move
from tests import factories
from tests.conftest import actor_for


def test_it_grants_a_role_on_the_whole_subtree(org_tree, personas):
    teams = set(visible_teams(actor_for(personas.organizer)))
    assert {org_tree.north, org_tree.north_chapter, org_tree.north_team} <= teams


def test_it_hides_sibling_and_parent_teams(org_tree, personas):
    teams = set(visible_teams(actor_for(personas.organizer)))
    assert org_tree.south not in teams
    assert org_tree.org not in teams
    with pytest.raises(NotFound):
        get_team_for(actor_for(personas.organizer), org_tree.south.pk)


def test_it_hides_another_organization_entirely(org_tree, personas):
    assert not visible_teams(actor_for(personas.outsider)).filter(pk=org_tree.org.pk).exists()
    assert not visible_memberships(actor_for(personas.outsider)).filter(team=org_tree.north_team).exists()


def test_a_volunteer_sees_only_their_own_membership(org_tree, personas):
    seen = visible_memberships(actor_for(personas.volunteer))
    assert list(seen.values_list("user_id", flat=True)) == [personas.volunteer.pk]


def test_an_analyst_sees_reports_but_not_members(org_tree, personas):
    analyst = actor_for(personas.analyst)
    assert analyst.can(Cap.VIEW_REPORTS, org_tree.north_team)
    assert not analyst.can(Cap.VIEW_MEMBERS, org_tree.north_team)
    assert not analyst.can(Cap.EXPORT_PEOPLE, org_tree.north_team)
    assert set(visible_memberships(analyst).values_list("user_id", flat=True)) == {personas.analyst.pk}


def test_a_visible_team_without_the_capability_is_forbidden_not_hidden(org_tree, personas):
    with pytest.raises(PermissionDenied):
        get_team_for(actor_for(personas.volunteer), org_tree.north_team.pk, Cap.MANAGE_TEAM)


def test_one_person_holds_different_roles_on_different_teams(org_tree, personas):
    factories.membership(org_tree.south_team, "organizer", user_obj=personas.volunteer)
    actor = actor_for(personas.volunteer)
    assert actor.can(Cap.MANAGE_MEMBERS, org_tree.south_team)
    assert not actor.can(Cap.MANAGE_MEMBERS, org_tree.north_team)


def test_a_team_that_switches_invites_off_stops_its_own_leaders_only(org_tree, personas):
    org_tree.north_team.can_invite = False
    org_tree.north_team.save()
    assert not actor_for(personas.leader).can(Cap.INVITE, org_tree.north_team)
    assert actor_for(personas.organizer).can(Cap.INVITE, org_tree.north_team)


def test_moving_a_subtree_moves_everyones_access_with_it(org_tree, personas):
    south_organizer = factories.user()
    factories.membership(org_tree.south, "organizer", user_obj=south_organizer)
    team_move(actor=actor_for(personas.admin), team=org_tree.north_chapter, new_parent=org_tree.south)

    north_sees = visible_teams(actor_for(personas.organizer)).filter(pk=org_tree.north_team.pk).exists()
    south_sees = visible_teams(actor_for(south_organizer)).filter(pk=org_tree.north_team.pk).exists()
    leader_sees = visible_teams(actor_for(personas.leader)).filter(pk=org_tree.north_team.pk).exists()
    assert (north_sees, south_sees, leader_sees) == (False, True, True)


def test_only_admins_over_both_ends_may_move_a_team(org_tree, personas):
    with pytest.raises(PermissionDenied):
        team_move(actor=actor_for(personas.organizer), team=org_tree.north_chapter, new_parent=org_tree.south)
