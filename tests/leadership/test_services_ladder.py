"""The ladder: default stages per organization, placements and moves with their history, stage editing."""

import pytest
from django.core.exceptions import ValidationError

from groundswell.leadership.models import LadderMove, LadderPlacement, LadderStage
from groundswell.leadership.services_ladder import (
    person_place,
    stage_create,
    stage_delete,
    stage_update,
    stages_ensure,
)
from groundswell.people.models import TimelineEntry
from tests.conftest import actor_for


def test_each_organization_gets_the_default_ladder_once(org_tree):
    first = stages_ensure(org=org_tree.org)
    assert [s.name for s in first] == ["Supporter", "Volunteer", "Active volunteer", "Leader", "Organizer"]
    assert stages_ensure(org=org_tree.org) == first
    assert [s.name for s in stages_ensure(org=org_tree.other)][0] == "Supporter"
    assert LadderStage.objects.count() == 10


def test_moves_keep_their_history_and_who_made_them(org_tree, organizer, val, stages):
    team = org_tree.north_team
    person_place(actor=organizer, person=val, team=team, stage=stages["Volunteer"])
    person_place(actor=organizer, person=val, team=team, stage=stages["Active volunteer"], note="Every Saturday")
    placement = LadderPlacement.objects.get(person=val, team=team)
    assert placement.stage == stages["Active volunteer"]
    moves = list(LadderMove.objects.filter(person=val).order_by("moved_at", "id"))
    assert [(m.from_stage and m.from_stage.name, m.to_stage.name) for m in moves] == [
        (None, "Volunteer"), ("Volunteer", "Active volunteer")]
    assert moves[1].moved_by == organizer.user and moves[1].note == "Every Saturday"
    assert TimelineEntry.objects.filter(person=val, kind="leadership.ladder").count() == 2


def test_moving_to_the_same_stage_changes_nothing(org_tree, organizer, val, stages):
    person_place(actor=organizer, person=val, team=org_tree.north_team, stage=stages["Leader"])
    person_place(actor=organizer, person=val, team=org_tree.north_team, stage=stages["Leader"])
    assert LadderMove.objects.filter(person=val).count() == 1


def test_a_person_stands_on_each_team_ladder_separately(org_tree, organizer, val, stages):
    person_place(actor=organizer, person=val, team=org_tree.north_team, stage=stages["Leader"])
    person_place(actor=organizer, person=val, team=org_tree.north, stage=stages["Volunteer"])
    assert LadderPlacement.objects.filter(person=val).count() == 2


def test_a_stage_of_another_organization_is_refused(org_tree, organizer, val):
    foreign = stages_ensure(org=org_tree.other)[0]
    with pytest.raises(ValidationError) as error:
        person_place(actor=organizer, person=val, team=org_tree.north_team, stage=foreign)
    assert "stage" in error.value.message_dict
    assert not LadderPlacement.objects.exists()


def test_stage_names_are_unique_and_used_stages_cannot_be_removed(org_tree, personas, organizer, val, stages):
    admin = actor_for(personas.admin)
    with pytest.raises(ValidationError):
        stage_create(actor=admin, org=org_tree.org, name="  leader ")
    captain = stage_create(actor=admin, org=org_tree.org, name="Captain", is_leadership=True)
    assert captain.position > stages["Organizer"].position
    stage_update(actor=admin, stage=captain, name="House captain", description="", is_leadership=True, position=35)
    person_place(actor=organizer, person=val, team=org_tree.north_team, stage=captain)
    with pytest.raises(ValidationError):
        stage_delete(actor=admin, stage=captain)
    stage_delete(actor=admin, stage=stages["Supporter"])
    assert not LadderStage.objects.filter(name="Supporter", org=org_tree.org).exists()
