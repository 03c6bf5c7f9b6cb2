import datetime as dt

import pytest

from groundswell.common.errors import NotFound
from groundswell.relational.models import Relationship
from groundswell.relational.services_contacts import relationship_create
from groundswell.relational.services_match import (
    candidate_people,
    match_confirm,
    match_none,
    match_reject,
    match_undo,
    relationship_find_matches,
)
from tests import factories
from tests.conftest import actor_for


@pytest.fixture
def voters(org_tree):
    north = org_tree.north
    return {
        "robert": factories.person(north, first_name="ROBERT", last_name="SMITH", city="CHICAGO",
                                   birth_date=dt.date(1980, 3, 2), phones=["+13125550101"]),
        "roberta": factories.person(north, first_name="ROBERTA", last_name="SMYTHE", city="EVANSTON",
                                    birth_date=dt.date(1951, 1, 1)),
        "elizabeth": factories.person(north, first_name="ELIZABETH", last_name="NGUYEN", city="CHICAGO",
                                      emails=["liz@example.org"]),
        "other_org": factories.person(org_tree.other, first_name="ROBERT", last_name="SMITH", city="CHICAGO"),
    }


def test_nickname_finds_the_voter(vol, voters):
    contact, _ = relationship_create(actor=vol, first_name="Bob", last_name="Smith", city="Chicago")
    contact.refresh_from_db()
    assert contact.match_status == Relationship.Match.CANDIDATES
    best = contact.candidates.first()
    assert best.person == voters["robert"]
    assert best.agreements["first_name"] == "nickname" and best.agreements["last_name"] == "exact"


def test_candidates_never_come_from_another_organization(vol, voters):
    contact, _ = relationship_create(actor=vol, first_name="Bob", last_name="Smith", city="Chicago")
    assert voters["other_org"].pk not in {p.pk for p in candidate_people(contact)}


def test_typo_in_last_name_with_a_phone_still_matches(vol, voters):
    contact, _ = relationship_create(actor=vol, first_name="Rob", last_name="Smiht", phones=[("312 555 0101", False)])
    assert contact.candidates.first().person == voters["robert"]


def test_swapped_names_and_partial_phone(vol, voters):
    swapped, _ = relationship_create(actor=vol, first_name="Nguyen", last_name="Elizabeth")
    assert swapped.candidates.filter(person=voters["elizabeth"]).exists()
    partial, _ = relationship_create(actor=vol, first_name="Robert", phones=[("555-0101", False)])
    assert partial.candidates.first().person == voters["robert"]


def test_email_alone_with_a_first_name(vol, voters):
    contact, _ = relationship_create(actor=vol, first_name="Liz", emails=[("LIZ@example.org", False)])
    assert contact.candidates.first().person == voters["elizabeth"]


def test_someone_unlike_anyone_gets_no_candidates(vol, voters):
    contact, _ = relationship_create(actor=vol, first_name="Zed", last_name="Quixote", city="Springfield")
    contact.refresh_from_db()
    assert contact.match_status == Relationship.Match.UNMATCHED and contact.match_checked_at is not None
    assert not contact.candidates.exists()


def test_confirm_links_without_merging_and_undo_unlinks(vol, voters):
    contact, _ = relationship_create(actor=vol, first_name="Bob", last_name="Smith", city="Chicago")
    match_confirm(actor=vol, relationship=contact, person_id=voters["robert"].pk)
    contact.refresh_from_db()
    assert contact.person == voters["robert"] and contact.match_status == Relationship.Match.CONFIRMED
    assert contact.first_name == "Bob"  # the volunteer's record is untouched
    voters["robert"].refresh_from_db()
    assert voters["robert"].first_name == "ROBERT"
    assert voters["robert"].timeline.filter(kind="relational.matched").exists()
    match_undo(actor=vol, relationship=contact)
    contact.refresh_from_db()
    assert contact.person is None and contact.match_status == Relationship.Match.CANDIDATES


def test_reject_is_remembered_and_none_rejects_all(vol, voters):
    contact, _ = relationship_create(actor=vol, first_name="Robert", last_name="Smith", city="Chicago")
    match_reject(actor=vol, relationship=contact, person_id=voters["robert"].pk)
    relationship_find_matches(contact)
    assert not contact.candidates.filter(person=voters["robert"], rejected=False).exists()
    match_none(actor=vol, relationship=contact)
    contact.refresh_from_db()
    assert contact.match_status == Relationship.Match.NONE
    assert not contact.candidates.filter(rejected=False).exists()


def test_cannot_confirm_someone_not_proposed_or_someone_elses_contact(vol, voters, personas):
    contact, _ = relationship_create(actor=vol, first_name="Bob", last_name="Smith", city="Chicago")
    with pytest.raises(NotFound):
        match_confirm(actor=vol, relationship=contact, person_id=voters["elizabeth"].pk)
    with pytest.raises(NotFound):
        match_confirm(actor=actor_for(personas.leader), relationship=contact, person_id=voters["robert"].pk)


def test_learned_weights_are_used_and_still_find_the_nickname(vol, voters, org_tree):
    from groundswell.relational.matcher import model_for_org, train_org_weights
    from tests import factories

    for i in range(30):
        factories.person(org_tree.north, first_name=f"NAME{i}", last_name=f"FAMILY{i % 7}", city="CHICAGO")
    relationship_create(actor=vol, first_name="Liz", last_name="Nguyen", city="Chicago")
    weights = train_org_weights(org_tree.org.pk)
    assert weights is not None and weights.params["lambda"] < 0.5
    assert model_for_org(org_tree.org.pk).lam == pytest.approx(weights.params["lambda"])
    contact, _ = relationship_create(actor=vol, first_name="Bob", last_name="Smith", city="Chicago")
    assert contact.candidates.first().person == voters["robert"]
