"""Merging two records: history, contact points and opt-outs survive; shared values do not crash."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groundswell.audit.models import AuditEntry
from groundswell.common.errors import PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.people import consent, services
from groundswell.people.dedupe import person_merge
from groundswell.people.dedupe_merge import field_diffs
from groundswell.people.models import (
    ConsentEvent,
    DuplicateCandidate,
    ExternalId,
    ListMember,
    Note,
    Person,
    Vote,
)
from tests import factories


@pytest.fixture
def steward(personas):
    return Actor.for_user(personas.steward)


@pytest.fixture
def twins(org_tree, personas):
    keep = factories.person(org_tree.north, first_name="Ana", last_name="Ruiz", city="Austin", zip="",
                            phones=["+15125550123"], emails=["ana@example.org"], custom={"shirt": "M"})
    other = factories.person(org_tree.north_team, first_name="Anna", last_name="Ruiz", zip="78701",
                             language="es", phones=["+15125550123", "+15125550199"],
                             emails=["ana.r@example.org", "ana@example.org"], custom={"shirt": "L", "pet": "cat"})
    people_list = factories.people_list(org_tree.north, kind="static")
    for person in (keep, other):
        ListMember.objects.create(list=people_list, person=person)
        Vote.objects.create(person=person, election="2024-general")
        services.tag_add(actor=personas.steward, person=person, name="volunteer")
    Vote.objects.create(person=other, election="2022-primary")
    ExternalId.objects.create(person=other, org=org_tree.org, system="voter_file", value="TX1")
    services.note_add(actor=personas.steward, person=other, body="Met at the rally")
    return keep, other


def test_it_moves_everything_to_the_kept_record(twins, steward):
    keep, other = twins
    other_id = other.pk
    merged = person_merge(actor=steward, keep=keep, other=other, choices={})
    assert not Person.objects.filter(pk=other_id).exists()
    assert sorted(merged.phones.values_list("number", flat=True)) == ["+15125550123", "+15125550199"]
    assert merged.phones.filter(primary=True).count() == 1
    assert sorted(merged.emails.values_list("address", flat=True)) == ["ana.r@example.org", "ana@example.org"]
    assert sorted(merged.votes.values_list("election", flat=True)) == ["2022-primary", "2024-general"]
    assert list(merged.tags.values_list("name", flat=True)) == ["volunteer"]
    assert ExternalId.objects.get(value="TX1").person == merged
    assert Note.objects.get(body="Met at the rally").person == merged
    assert ListMember.objects.filter(person=merged).count() == 1
    assert merged.timeline.filter(kind="people.tagged").count() == 2  # both histories
    entry = merged.timeline.get(kind="people.merged")
    assert entry.summary == f"Merged with #{other_id}"


def test_it_keeps_chosen_values_and_fills_blanks(twins, steward):
    keep, other = twins
    assert {d.name for d in field_diffs(keep, other)} == {"first_name", "custom.shirt", "team"}
    merged = person_merge(actor=steward, keep=keep, other=other, choices={"first_name": "other"})
    assert (merged.first_name, merged.city, merged.zip, merged.language) == ("Anna", "Austin", "78701", "es")
    assert merged.custom == {"shirt": "M", "pet": "cat"}


def test_an_opt_out_is_never_lost(twins, steward, org_tree):
    keep, other = twins
    earlier = timezone.now() - timedelta(days=30)
    consent.opt_out(actor=None, person=keep, channel="call", source="call result")
    consent.opt_out(actor=None, person=other, channel="call", source="call result")
    Person.objects.filter(pk=other.pk).update(call_opt_out_at=earlier)
    consent.opt_out(actor=None, person=other, channel="email", source="unsubscribe link")
    merged = person_merge(actor=steward, keep=keep, other=other)
    assert merged.call_opt_out_at == earlier
    assert merged.email_opt_out_at is not None
    assert merged.text_opt_out_at is None
    assert ConsentEvent.objects.filter(person=merged).count() == 3


def test_a_suppressed_number_of_the_other_record_opts_the_merged_one_out(twins, steward, org_tree):
    keep, other = twins
    consent.opt_out(actor=None, person=other, channel="text", source="STOP reply", value="+15125550199")
    Person.objects.filter(pk=other.pk).update(text_opt_out_at=None)  # only the number was suppressed
    merged = person_merge(actor=steward, keep=keep, other=other)
    assert merged.text_opt_out_at is not None


def test_it_is_audited(twins, steward, personas):
    keep, other = twins
    other_id = other.pk
    person_merge(actor=steward, keep=keep, other=other, choices={"first_name": "other"})
    entry = AuditEntry.objects.get(action="people.person.merged")
    assert (entry.actor, entry.target_id) == (personas.steward, str(keep.pk))
    assert entry.data["merged_id"] == other_id and "first_name" in entry.data["fields_from_other"]


def test_a_dismissed_pair_stays_dismissed_for_the_merged_record(twins, steward, org_tree):
    keep, other = twins
    stranger = factories.person(org_tree.north)
    DuplicateCandidate.objects.create(org=org_tree.org, first=other, second=stranger, reason="x",
                                      status=DuplicateCandidate.Status.DISMISSED)
    person_merge(actor=steward, keep=keep, other=other)
    pair = DuplicateCandidate.objects.get()
    assert (pair.first_id, pair.second_id, pair.status) == (keep.pk, stranger.pk, "dismissed")


def test_both_records_must_be_editable_by_the_actor(org_tree, personas):
    mine = factories.person(org_tree.north)
    theirs = factories.person(org_tree.south)
    with pytest.raises(PermissionDenied):
        person_merge(actor=Actor.for_user(personas.steward), keep=mine, other=theirs)
    assert Person.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("case", ["self", "other_org"])
def test_it_refuses_impossible_merges(org_tree, personas, case):
    mine = factories.person(org_tree.north)
    other = mine if case == "self" else factories.person(org_tree.other)
    with pytest.raises(ValidationError):
        person_merge(actor=Actor.for_user(personas.admin), keep=mine, other=other)


def test_the_reviewer_may_keep_the_other_records_team(twins, steward, org_tree):
    keep, other = twins
    assert "team" in {d.name for d in field_diffs(keep, other)}
    assert person_merge(actor=steward, keep=keep, other=other, choices={"team": "other"}).team == org_tree.north_team
