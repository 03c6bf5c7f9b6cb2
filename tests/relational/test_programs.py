import pytest
from django.core.exceptions import ValidationError

from groundswell.common.errors import Conflict, NotFound, PermissionDenied
from groundswell.relational import randomize
from groundswell.relational.models import CaptainPerson, Program
from groundswell.relational.selectors import captain_people, held_out_count
from groundswell.relational.services_contacts import relationship_create
from groundswell.relational.services_programs import (
    captain_commit,
    captain_enrol,
    captain_list_add,
    captain_list_remove,
    captain_predict,
    program_create,
    program_set_status,
    program_update,
)
from tests.conftest import actor_for
from tests.relational.helpers import captain_with_list, program


def test_only_organizers_create_programs(personas, org_tree):
    with pytest.raises(PermissionDenied):
        program_create(actor=actor_for(personas.leader), team=org_tree.north_team, name="X", election="2026-general")
    made = program_create(actor=actor_for(personas.organizer), team=org_tree.north, name="Captains",
                          election="2026-General ", evaluate=True)
    assert made.election == "2026-general" and made.seed is not None and made.status == Program.Status.DRAFT


def test_program_input_errors(personas, org_tree):
    with pytest.raises(ValidationError) as err:
        program_create(actor=actor_for(personas.organizer), team=org_tree.north, name="", election="Election day!",
                       goal_min=10, goal_max=5)
    assert set(err.value.message_dict) >= {"name", "election", "goal_max"}


def test_status_moves_in_order(personas, org_tree):
    made = program_create(actor=actor_for(personas.organizer), team=org_tree.north, name="C", election="e-1")
    with pytest.raises(ValidationError):
        program_set_status(actor=actor_for(personas.organizer), program=made, status="finished")
    program_set_status(actor=actor_for(personas.organizer), program=made, status="enrolling")
    assert made.status == "enrolling"


def test_draft_takes_no_captains_and_sibling_branch_cannot_enrol(personas, org_tree):
    made = program_create(actor=actor_for(personas.organizer), team=org_tree.north, name="C", election="e-1")
    with pytest.raises(Conflict):
        captain_enrol(actor=actor_for(personas.volunteer), program=made)
    made.status = Program.Status.ENROLLING
    made.save()
    captain = captain_enrol(actor=actor_for(personas.volunteer), program=made)
    assert captain.team == org_tree.north_team
    from tests import factories

    south_volunteer = factories.user()
    factories.membership(org_tree.south_team, "volunteer", user_obj=south_volunteer)
    with pytest.raises(PermissionDenied):
        captain_enrol(actor=actor_for(south_volunteer), program=made)


def test_list_rules_and_commit_needs_the_minimum(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north, goal_min=4, goal_max=5)
    captain = captain_with_list(vol, prog, org_tree.north, 3)
    with pytest.raises(ValidationError) as err:
        captain_commit(actor=vol, captain=captain)
    assert "Add at least 4" in str(err.value)
    other, _ = relationship_create(actor=actor_for(personas.leader), first_name="Not yours", find_match=False)
    with pytest.raises(NotFound):
        captain_list_add(actor=vol, captain=captain, relationship=other)


def test_commit_splits_within_captain_reproducibly_and_hides_control(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north, goal_min=4, goal_max=10)
    captain = captain_with_list(vol, prog, org_tree.north, 9)
    unmatched, _ = relationship_create(actor=vol, first_name="Unmatched friend", find_match=False)
    captain_list_add(actor=vol, captain=captain, relationship=unmatched)
    captain_commit(actor=vol, captain=captain)
    entries = list(captain.people.all())
    arms = [e.arm for e in entries if e.person_id]
    assert sorted(set(arms)) == ["control", "treatment"]
    assert abs(arms.count("treatment") - arms.count("control")) <= 1  # blocked within the captain
    assert next(e for e in entries if e.relationship_id == unmatched.pk).arm == ""  # not in the evaluation
    expected = randomize.split({str(captain.pk): [str(e.pk) for e in entries if e.person_id]}, seed=prog.seed)
    assert {str(e.pk): e.arm == "treatment" for e in entries if e.person_id} == expected
    visible = list(captain_people(captain))
    assert all(e.arm != CaptainPerson.Arm.CONTROL for e in visible)
    assert held_out_count(captain) == arms.count("control")
    with pytest.raises(Conflict):
        captain_list_remove(actor=vol, entry=visible[0])


def test_design_cannot_change_after_a_lock(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north, goal_min=4)
    captain_commit(actor=vol, captain=captain_with_list(vol, prog, org_tree.north, 4))
    with pytest.raises(ValidationError):
        program_update(actor=actor_for(personas.organizer), program=prog, evaluate=False)


def test_predictions_validated(vol, personas, org_tree):
    prog = program(personas.organizer, org_tree.north)
    entry = captain_with_list(vol, prog, org_tree.north, 1).people.get()
    captain_predict(actor=vol, entry=entry, prediction="yes")
    assert CaptainPerson.objects.get(pk=entry.pk).prediction == "yes"
    with pytest.raises(ValidationError):
        captain_predict(actor=vol, entry=entry, prediction="probably")
