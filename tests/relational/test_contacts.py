import uuid

import pytest
from django.core.exceptions import ValidationError

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.relational.addressbook import ContactDraft
from groundswell.relational.models import Relationship, RelationshipPoint
from groundswell.relational.services_contacts import (
    clean_phone,
    point_share,
    relationship_create,
    relationship_delete,
    relationship_update,
    relationships_add_drafts,
)
from tests import factories
from tests.conftest import actor_for


def test_create_keeps_points_private_unless_shared(vol, org_tree):
    contact, created = relationship_create(
        actor=vol, first_name="Maria", last_name="Lopez", phones=[("(312) 555-0101", False)],
        emails=[("Maria@Example.org", True)],
    )
    assert created
    assert contact.team == org_tree.north_team and contact.org == org_tree.org and contact.owner == vol.user
    points = {(p.kind, p.value, p.shared) for p in contact.points.all()}
    assert points == {("phone", "+13125550101", False), ("email", "maria@example.org", True)}


def test_same_client_uuid_is_stored_once(vol):
    key = uuid.uuid4()
    first, created = relationship_create(actor=vol, first_name="Ann", client_uuid=key)
    again, created_again = relationship_create(actor=vol, first_name="Ann (retry)", client_uuid=key)
    assert created and not created_again
    assert again.pk == first.pk and again.first_name == "Ann"
    assert Relationship.objects.count() == 1


def test_another_users_client_uuid_is_refused(vol, personas):
    key = uuid.uuid4()
    relationship_create(actor=vol, first_name="Ann", client_uuid=key)
    with pytest.raises(ValidationError) as err:
        relationship_create(actor=actor_for(personas.leader), first_name="Bo", client_uuid=key)
    assert "client_uuid" in err.value.message_dict


def test_bad_input_names_every_field(vol):
    with pytest.raises(ValidationError) as err:
        relationship_create(actor=vol, first_name="", last_name="", birthday="April", phones=[("call me", False)],
                            emails=[("not-an-email", False)])
    assert set(err.value.message_dict) >= {"first_name", "birthday", "phones", "emails"}
    assert Relationship.objects.count() == 0


def test_partial_phone_is_kept_as_digits():
    assert clean_phone("555 0101") == "5550101"
    with pytest.raises(ValueError):
        clean_phone("12345")


def test_data_steward_without_contact_role_cannot_keep_a_list(personas):
    with pytest.raises(PermissionDenied):
        relationship_create(actor=actor_for(personas.steward), first_name="Ann")


def test_only_the_owner_edits_shares_or_deletes(vol, personas):
    contact, _ = relationship_create(actor=vol, first_name="Ann", emails=[("ann@example.org", False)])
    leader = actor_for(personas.leader)
    with pytest.raises(NotFound):
        relationship_update(actor=leader, relationship=contact, first_name="X")
    with pytest.raises(NotFound):
        point_share(actor=leader, point=contact.points.get(), shared=True)
    with pytest.raises(NotFound):
        relationship_delete(actor=leader, relationship=contact)
    point_share(actor=vol, point=contact.points.get(), shared=True)
    assert contact.points.get().shared


def test_delete_leaves_the_voter_file_person(vol, org_tree):
    person = factories.person(org_tree.north, first_name="Ann", last_name="Lee")
    contact, _ = relationship_create(actor=vol, first_name="Ann", last_name="Lee")
    Relationship.objects.filter(pk=contact.pk).update(person=person)
    relationship_delete(actor=vol, relationship=contact)
    person.refresh_from_db()
    assert person.deleted_at is None and not Relationship.objects.exists()


def test_bulk_add_keeps_contacts_with_unreadable_points_and_reports_them(vol):
    drafts = [
        (1, ContactDraft(first_name="Ann", last_name="Lee", phones=["312-555-0101"], emails=[], address="", city="",
                         state="", zip="", birthday="", note="")),
        (2, ContactDraft(first_name="Bo", last_name="", phones=["call me"], emails=["bo@example.org"], address="",
                         city="", state="", zip="", birthday="sometime", note="")),
        (3, ContactDraft(first_name="", last_name="", phones=["312-555-0102"], emails=[], address="", city="",
                         state="", zip="", birthday="", note="")),
    ]
    result = relationships_add_drafts(actor=vol, drafts=drafts, source=Relationship.Source.PASTE, shared=True)
    assert [r.first_name for r in result.created] == ["Ann", "Bo"]
    bo = result.created[1]
    assert "call me" in bo.notes and "sometime" in bo.notes  # nothing silently dropped
    assert list(bo.points.values_list("value", "shared")) == [("bo@example.org", True)]
    lines = {line for line, _, _ in result.problems}
    assert lines == {2, 3}
    assert RelationshipPoint.objects.filter(relationship__owner=vol.user).count() == 2


def test_all_zero_digits_are_not_a_phone():
    with pytest.raises(ValueError):
        clean_phone("+1 000 000 0000")
