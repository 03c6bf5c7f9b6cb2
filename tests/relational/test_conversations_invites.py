import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from groundswell.common.errors import Conflict, NotFound, PermissionDenied
from groundswell.orgs.services import invitation_accept
from groundswell.relational.models import Conversation, ProgramDate
from groundswell.relational.recruitment import recruitment_tree
from groundswell.relational.services_contacts import relationship_create
from groundswell.relational.services_conversations import conversation_log, joined_membership, relationship_invite
from groundswell.relational.services_programs import captain_commit
from groundswell.relational.services_reminders import reminders_send_due
from tests import factories
from tests.conftest import actor_for
from tests.relational.helpers import captain_with_list, matched_contacts, program


def test_conversation_is_idempotent_and_updates_the_matched_person(vol, org_tree):
    contact = matched_contacts(vol, org_tree.north, 1)[0]
    key = uuid.uuid4()
    first, created = conversation_log(actor=vol, relationship=contact, client_uuid=key, commitment="vote")
    again, created_again = conversation_log(actor=vol, relationship=contact, client_uuid=key, notes="retry")
    assert created and not created_again and again.pk == first.pk
    assert Conversation.objects.count() == 1
    contact.person.refresh_from_db()
    assert contact.person.last_contacted_at is not None
    assert contact.person.timeline.filter(kind="relational.conversation").exists()


def test_conversation_bad_input(vol, personas, org_tree):
    contact = matched_contacts(vol, org_tree.north, 1)[0]
    with pytest.raises(ValidationError) as err:
        conversation_log(actor=vol, relationship=contact, client_uuid=uuid.uuid4(), outcome="no_answer",
                         commitment="vote", channel="carrier-pigeon")
    assert set(err.value.message_dict) >= {"commitment", "channel"}
    with pytest.raises(NotFound):
        conversation_log(actor=actor_for(personas.leader), relationship=contact, client_uuid=uuid.uuid4())


def test_personal_invite_makes_the_joiner_a_recruit_of_the_volunteer(vol, org_tree):
    contact, _ = relationship_create(actor=vol, first_name="Ann", find_match=False)
    invitation = relationship_invite(actor=vol, relationship=contact)
    assert relationship_invite(actor=vol, relationship=contact) == invitation  # the same link until it is used
    assert invitation.max_uses == 1 and invitation.created_by == vol.user and invitation.team == org_tree.north_team
    joiner = factories.user(email="ann@example.test")
    invitation_accept(user=joiner, invitation=invitation)
    membership = joined_membership(contact)
    assert membership.user == joiner and membership.recruited_by == vol.user and membership.role == "volunteer"
    with pytest.raises(Conflict):
        relationship_invite(actor=vol, relationship=contact)


def test_team_without_invitations_refuses_personal_links(vol, org_tree):
    org_tree.north_team.can_invite = False
    org_tree.north_team.save()
    contact, _ = relationship_create(actor=vol, first_name="Ann", find_match=False)
    with pytest.raises(PermissionDenied):
        relationship_invite(actor=vol, relationship=contact)


def test_recruitment_tree_depth_branching_and_reach(personas, org_tree):
    organizer = personas.organizer
    a, b, c = factories.user(), factories.user(), factories.user()
    factories.membership(org_tree.north_team, "volunteer", user_obj=a, recruited_by=organizer)
    factories.membership(org_tree.north_team, "volunteer", user_obj=b, recruited_by=a)
    factories.membership(org_tree.north_chapter, "volunteer", user_obj=c, recruited_by=a)
    for contact in matched_contacts(actor_for(b), org_tree.north, 2, prefix="B"):
        conversation_log(actor=actor_for(b), relationship=contact, client_uuid=uuid.uuid4())
    tree = recruitment_tree(actor_for(organizer), org_tree.north)
    node = {n.user_id: n for n in tree.rows}
    assert node[a.pk].depth == node[organizer.pk].depth + 1 and node[b.pk].depth == node[a.pk].depth + 1
    assert node[a.pk].recruits == 2 and node[a.pk].branch == 3
    assert node[a.pk].reached == 2 and node[b.pk].contacts == 2
    assert tree.max_depth >= 2
    with pytest.raises(NotFound):
        recruitment_tree(actor_for(personas.volunteer), org_tree.north)


def test_key_date_reminder_mails_each_captain_once(vol, personas, org_tree, settings):
    prog = program(personas.organizer, org_tree.north, goal_min=2)
    captain_commit(actor=vol, captain=captain_with_list(vol, prog, org_tree.north, 4))
    today = dt.datetime(2026, 10, 20, 15, tzinfo=dt.UTC)
    ProgramDate.objects.create(program=prog, kind="early_voting", date=today.date())
    ProgramDate.objects.create(program=prog, kind="election", date=dt.date(2026, 11, 3))
    assert reminders_send_due(now=today) == 1
    assert reminders_send_due(now=today) == 0
    (message,) = mail.outbox
    assert message.to == [personas.volunteer.email] and "Early voting starts" in message.subject
    held_out = prog.captains.get().people.filter(arm="control").select_related("relationship")
    assert "[ ]" in message.body  # the checklist of people still to talk to
    assert all(entry.relationship.name not in message.body for entry in held_out)  # never the control half


def test_erasure_and_subject_access_cover_relational_data(vol, personas, org_tree):
    from groundswell.people.privacy import person_erase, person_subject_access
    from groundswell.relational.models import Relationship

    contact = matched_contacts(vol, org_tree.north, 1)[0]
    conversation_log(actor=vol, relationship=contact, client_uuid=uuid.uuid4(), commitment="vote")
    steward = actor_for(personas.admin)
    access = person_subject_access(actor=steward, person=contact.person)
    assert access["relational"]["known_by_volunteers"] == 1
    assert access["relational"]["conversations"][0]["commitment"] == "vote"
    person_erase(actor=steward, person=contact.person, reason="asked to be forgotten")
    assert not Relationship.objects.filter(pk=contact.pk).exists()


def test_merging_duplicates_keeps_the_volunteers_link(vol, personas, org_tree):
    from groundswell.people.dedupe_merge import person_merge

    contact = matched_contacts(vol, org_tree.north, 1)[0]
    keep = factories.person(org_tree.north, first_name=contact.person.first_name, last_name="Voter")
    person_merge(actor=actor_for(personas.admin), keep=keep, other=contact.person)
    contact.refresh_from_db()
    assert contact.person == keep
