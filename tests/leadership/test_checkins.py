"""Check-ins: the roster (the team's members and the leaders of the teams below), who is due, recording with
field errors, the cadence, and the dashboard's "no recent check-in"."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groundswell.leadership.models import CheckIn
from groundswell.leadership.selectors_checkins import checkin_roster, overdue_check_in_lines
from groundswell.leadership.services_checkins import cadence_set, check_in_record
from groundswell.orgs.models import Membership
from tests import factories
from tests.conftest import actor_for


def val_line(actor, team, personas):
    return next(line for line in checkin_roster(actor, team) if line.membership.user == personas.volunteer)


def test_the_roster_is_the_team_and_the_leaders_of_the_teams_below(org_tree, personas, organizer):
    chapter_leader = factories.membership(org_tree.north_chapter, "leader").user
    factories.membership(org_tree.north_chapter, "volunteer")  # a chapter volunteer is the chapter's to check in
    region_volunteer = factories.membership(org_tree.north, "volunteer").user
    users = {line.membership.user for line in checkin_roster(organizer, org_tree.north)}
    # The region's own members (but not the organizer themselves) and the chapter's leader.
    assert users == {personas.analyst, personas.steward, region_volunteer, chapter_leader}


def test_recording_a_check_in_moves_the_next_due_date(org_tree, personas, leader):
    team = org_tree.north_team
    before = val_line(leader, team, personas)
    assert before.last is None
    check_in_record(actor=leader, team=team, member=personas.volunteer, held_at=timezone.now(),
                    went_well="Brought two friends", numbers="40 calls")
    after = val_line(leader, team, personas)
    assert after.last is not None
    assert after.due == (after.last + dt.timedelta(days=7)).date()
    assert not after.is_overdue


def test_an_empty_report_a_future_time_or_oneself_is_refused(org_tree, personas, leader):
    team = org_tree.north_team
    cases = [({"member": personas.volunteer, "held_at": timezone.now()}, "went_well"),
             ({"member": personas.volunteer, "held_at": timezone.now() + dt.timedelta(days=2), "went_well": "ok"},
              "held_at"),
             ({"member": personas.leader, "held_at": timezone.now(), "went_well": "ok"}, "member"),
             ({"member": personas.volunteer, "held_at": timezone.now(), "numbers": "9" * 301}, "numbers")]
    for fields, field in cases:
        with pytest.raises(ValidationError) as error:
            check_in_record(actor=leader, team=team, **fields)
        assert field in error.value.message_dict
    assert not CheckIn.objects.exists()


def test_a_retried_check_in_is_stored_once(org_tree, personas, leader):
    key = uuid.uuid4()
    for _ in range(2):
        check_in_record(actor=leader, team=org_tree.north_team, member=personas.volunteer, held_at=timezone.now(),
                        next_steps="Lead Saturday's canvass", client_uuid=key)
    assert CheckIn.objects.count() == 1


def test_the_cadence_sets_when_people_are_overdue(org_tree, personas, organizer, leader):
    team = org_tree.north_team
    past = timezone.now() - dt.timedelta(days=10)
    CheckIn.objects.create(org=org_tree.org, team=team, leader=personas.leader, member=personas.volunteer,
                           held_at=past, went_well="ok")
    line = val_line(leader, team, personas)
    assert line.is_overdue
    assert any("Val Volunteer" in text for text in overdue_check_in_lines(leader, team))
    cadence_set(actor=organizer, team=team, every_days=14)
    line = val_line(leader, team, personas)
    assert not line.is_overdue
    with pytest.raises(ValidationError):
        cadence_set(actor=organizer, team=team, every_days=0)


def test_the_attention_line_counts_without_names_for_those_who_may_not_see_members(org_tree, personas):
    Membership.objects.filter(user=personas.volunteer).update(created_at=timezone.now() - dt.timedelta(days=9))
    lines = overdue_check_in_lines(actor_for(personas.analyst), org_tree.north_team)
    assert lines and "Val" not in " ".join(lines) and "without a recent check-in" in lines[0]
