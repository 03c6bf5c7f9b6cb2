"""Contact attempts survive a duplicate merge and appear in the person's subject-access file."""

import uuid

from groundswell.outreach.models import ContactAttempt, Target
from groundswell.people.dedupe_merge import person_merge
from groundswell.people.privacy import person_subject_access
from tests import factories
from tests.conftest import actor_for


def test_merge_moves_attempts_and_queue_places(personas, org_tree, settings):
    other = factories.person(org_tree.north, first_name="Ann", last_name="Lee", phones=["+13125550111"],
                             time_zone="America/Chicago")
    keep = factories.person(org_tree.north, first_name="Ann", last_name="Lee")
    campaign = factories.campaign(org_tree.north, people=[other], live=True, window_start="00:00",
                                  window_end="23:59")
    target = Target.objects.get(campaign=campaign, person=other)
    ContactAttempt.objects.create(org=org_tree.org, campaign=campaign, target=target, person=other,
                                  caller=personas.organizer, channel="call", result="no_answer",
                                  client_uuid=uuid.uuid4())
    admin = actor_for(personas.admin)
    person_merge(actor=admin, keep=keep, other=other)
    assert ContactAttempt.objects.filter(person=keep).count() == 1
    assert Target.objects.filter(campaign=campaign, person=keep).exists()
    access = person_subject_access(actor=admin, person=keep)
    assert access["outreach"][0]["result"] == "no_answer"
