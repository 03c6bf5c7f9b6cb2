"""Who an actor may develop: leaders reach their members, organizers also the CRM of their subtree, nobody
reaches a sibling branch or another organization."""

import pytest

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.leadership.access import developable_people, get_developable_person
from groundswell.leadership.services_ladder import person_place
from tests import factories
from tests.conftest import actor_for


def test_a_leader_reaches_the_members_of_their_team_not_the_crm(org_tree, leader, val):
    crm = factories.person(org_tree.north_team)
    reachable = set(developable_people(leader).values_list("pk", flat=True))
    assert val.pk in reachable
    assert crm.pk not in reachable
    with pytest.raises(PermissionDenied):
        get_developable_person(leader, crm.pk)


def test_a_leader_reaches_someone_an_organizer_placed_on_their_ladder(org_tree, leader, organizer, stages):
    supporter = factories.person(org_tree.north_team)
    person_place(actor=organizer, person=supporter, team=org_tree.north_team, stage=stages["Supporter"])
    assert get_developable_person(leader, supporter.pk) == supporter


def test_an_organizer_reaches_the_crm_of_their_subtree_only(org_tree, organizer):
    mine = factories.person(org_tree.north_chapter)
    sibling = factories.person(org_tree.south_team)
    other_org = factories.person(org_tree.other)
    assert get_developable_person(organizer, mine.pk) == mine
    for person in (sibling, other_org):
        with pytest.raises(NotFound):
            get_developable_person(organizer, person.pk)


def test_volunteers_and_analysts_develop_nobody(org_tree, personas, val):
    for user in (personas.volunteer, personas.analyst, personas.steward):
        assert not developable_people(actor_for(user)).exists()


def test_a_deleted_record_is_out_of_reach(org_tree, organizer):
    gone = factories.person(org_tree.north_team, deleted_at="2026-01-01T00:00Z")
    with pytest.raises(NotFound):
        get_developable_person(organizer, gone.pk)
