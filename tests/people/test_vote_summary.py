"""The vote-history summary (Election bits, Person.voted_mask) stays exact through every write of votes, and the
filters that read it answer what the Vote-table filter answers, on SQLite and PostgreSQL."""

import importlib
import random
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from groundswell.orgs.access import Actor
from groundswell.people import privacy, services
from groundswell.people.dedupe import person_merge
from groundswell.people.filters import apply_filters, validate_filters
from groundswell.people.models import MASK_BITS, Election, Person, Vote
from groundswell.people.vote_summary import elections_ensure, vote_summary_rebuild, votes_record, votes_remove
from tests import factories

from .import_helpers import do_import, write_csv
from .vote_helpers import wrong_masks

GENERALS = ["2024-general", "2022-general", "2020-general", "2018-general"]


@pytest.fixture
def org(org_tree):
    return org_tree.org


def vote(org, person, *elections, method=""):
    for election in elections:
        votes_record(org_id=org.pk, election=election, voted=[(person.pk, method)])


def mask(person) -> int:
    return Person.objects.values_list("voted_mask", flat=True).get(pk=person.pk)


def by_mask(org, spec) -> set[int]:
    people = Person.objects.filter(org=org, deleted_at__isnull=True)
    return set(apply_filters(people, validate_filters(spec, org), org=org).values_list("pk", flat=True))


def by_vote_table(org, spec) -> set[int]:
    """Without an organization the filter reads the Vote rows only: the old filter, the reference."""
    people = Person.objects.filter(org=org, deleted_at__isnull=True)
    return set(apply_filters(people, validate_filters(spec, org), org=None).values_list("pk", flat=True))


SPECS = [
    {"voted": {"any": ["2024-general", "2018-general"]}},
    {"voted": {"any": ["2020-primary"]}},
    {"voted": {"all": ["2024-general", "2022-general"]}},
    {"voted": {"all": GENERALS}},
    {"voted": {"none": ["2024-general"]}},
    {"voted": {"none": ["2024-general", "2020-primary"]}},
    {"voted": {"at_least": {"n": 1, "of": GENERALS}}},
    {"voted": {"at_least": {"n": 2, "of": GENERALS}}},
    {"voted": {"at_least": {"n": 4, "of": GENERALS}}},
    {"voted": {"at_least": {"n": 2, "of": ["2024-general", "2020-primary", "2018-primary"]}}},
    {"voted": {"any": ["2022-general"], "none": ["2020-general"], "at_least": {"n": 2, "of": GENERALS}}},
    {"voted": {"any": ["1999-special"]}},  # an election no one voted in and no one registered
    {"voted": {"none": ["1999-special"]}},
    {"voted": {"at_least": {"n": 1, "of": ["1999-special", "2024-general"]}}},
]


@pytest.fixture
def electorate(org, org_tree):
    """Forty people with seeded random vote histories over eight elections."""
    rng = random.Random(4)
    elections = [*GENERALS, "2024-primary", "2022-primary", "2020-primary", "2018-primary"]
    people = [factories.person(org_tree.north) for _ in range(40)]
    for election in elections:
        voters = [(p.pk, "") for p in people if rng.random() < 0.5]
        votes_record(org_id=org.pk, election=election, voted=voters)
    return people


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: repr(spec["voted"])[:60])
def test_mask_filters_answer_what_the_vote_table_answers(org, electorate, spec):
    assert wrong_masks(org) == {}
    expected = by_vote_table(org, spec)
    assert by_mask(org, spec) == expected
    assert 0 < len(expected) < 40 or "1999-special" in repr(spec)


def test_it_registers_elections_on_first_sight_with_the_lowest_free_bits(org, org_tree):
    assert elections_ensure(org.pk, ["2022-general", "2024-general"]) == {"2024-general": 0, "2022-general": 1}
    assert elections_ensure(org.pk, ["2024-general", "2020-general"]) == {"2024-general": 0, "2020-general": 2}
    other = factories.team(name="Other Org")
    assert elections_ensure(other.pk, ["2020-general"]) == {"2020-general": 0}  # bits are per organization


def test_votes_record_and_remove_keep_the_mask(org, org_tree):
    ann = factories.person(org_tree.north)
    vote(org, ann, "2024-general", "2022-general")
    assert mask(ann) == 0b11
    vote(org, ann, "2024-general", method="mail")  # again: kept once
    votes_remove(org_id=org.pk, election="2024-general", person_ids=[ann.pk])
    assert list(ann.votes.values_list("election", flat=True)) == ["2022-general"]
    assert mask(ann) == 0b10
    assert wrong_masks(org) == {}


def test_past_63_elections_filters_read_the_vote_table(org, org_tree):
    elections = [f"{2100 - i}-special" for i in range(MASK_BITS + 5)]
    ann, bo, cy = (factories.person(org_tree.north) for _ in range(3))
    for i, election in enumerate(elections):
        voters = [(p.pk, "") for p, every in ((ann, 1), (bo, 2), (cy, 3)) if i % every == 0]
        votes_record(org_id=org.pk, election=election, voted=voters)
    overflow = list(Election.objects.filter(org=org, bit__isnull=True).values_list("code", flat=True))
    assert len(overflow) == 5 and Election.objects.filter(org=org, bit__isnull=False).count() == MASK_BITS
    assert wrong_masks(org) == {}
    first, last = elections[0], elections[-1]
    specs = [
        {"voted": {"any": [last]}}, {"voted": {"any": [elections[-2]]}}, {"voted": {"any": [elections[1], last]}},
        {"voted": {"all": [first, last]}}, {"voted": {"all": [elections[-2], elections[-3]]}},
        {"voted": {"none": [elections[-2]]}}, {"voted": {"none": [elections[1], elections[-2]]}},
        {"voted": {"at_least": {"n": 2, "of": [elections[1], elections[2], last]}}},
        {"voted": {"at_least": {"n": 2, "of": elections[:4]}}},
    ]
    for spec in specs:
        assert by_mask(org, spec) == by_vote_table(org, spec), spec
    # The last five have no bit: the 68th (i = 67) only Ann voted in, the 67th (66) all three, the 65th (64) Ann, Bo.
    assert by_mask(org, {"voted": {"any": [last]}}) == {ann.pk}
    assert by_mask(org, {"voted": {"all": [first, elections[-2]]}}) == {ann.pk, bo.pk, cy.pk}
    assert by_mask(org, {"voted": {"none": [elections[-4]]}}) == {cy.pk}
    assert by_mask(org, {"voted": {"at_least": {"n": 2, "of": [elections[4], elections[-4], last]}}}) == {ann.pk, bo.pk}


HEADER = "voter_id,first_name,last_name,voted_2024_general,voted_2022_general,voted_2020_primary"


def test_an_import_and_a_reimport_keep_the_masks_exact(org, org_tree, tmp_path):
    do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,Y,N,\nV2,Bo,Ek,,A,M\nV3,Cy,Oh,,,\n"))
    assert wrong_masks(org) == {}
    ann, bo, cy = (Person.objects.get(external_ids__value=v) for v in ("V1", "V2", "V3"))
    assert (mask(ann) != 0, mask(bo) != 0, mask(cy)) == (True, True, 0)
    # Again, with new votes and new elections for known people, a changed method, and a new person.
    header = "voter_id,first_name,last_name,voted_2024_general,voted_2018_general,voted_2016_general"
    do_import(org_tree.north, write_csv(tmp_path, f"{header}\nV1,Ann,Lee,M,Y,\nV3,Cy,Oh,,,Y\nV4,Di,Po,Y,Y,Y\n",
                                        name="again.csv"))
    assert wrong_masks(org) == {}
    assert sorted(ann.votes.values_list("election", "method")) == [("2018-general", ""), ("2024-general", "mail")]
    di = Person.objects.get(external_ids__value="V4")
    assert by_mask(org, {"voted": {"any": ["2016-general"]}}) == {cy.pk, di.pk}
    assert by_mask(org, {"voted": {"at_least": {"n": 2, "of": ["2024-general", "2018-general", "2022-general"]}}}) \
        == {ann.pk, di.pk}


def test_a_merge_gives_the_survivor_the_votes_of_both(org, org_tree, personas):
    keep, other = factories.person(org_tree.north), factories.person(org_tree.north)
    vote(org, keep, "2024-general")
    vote(org, other, "2024-general", "2022-primary")
    merged = person_merge(actor=Actor.for_user(personas.steward), keep=keep, other=other, choices={})
    assert merged.voted_mask == mask(merged) == 0b11
    assert wrong_masks(org) == {}
    assert by_mask(org, {"voted": {"all": ["2024-general", "2022-primary"]}}) == {keep.pk}


def test_an_erasure_leaves_the_other_masks_exact(org, org_tree, personas):
    gone, stays = factories.person(org_tree.north), factories.person(org_tree.north)
    vote(org, gone, "2024-general", "2022-general")
    vote(org, stays, "2022-general")
    privacy.person_erase(actor=Actor.for_user(personas.steward), person=gone, reason="asked by email")
    assert not Vote.objects.filter(person_id=gone.pk).exists()
    assert wrong_masks(org) == {}
    assert by_mask(org, {"voted": {"any": ["2024-general", "2022-general"]}}) == {stays.pk}
    assert vote_summary_rebuild(org=org) == 0


def test_editing_a_person_does_not_write_back_a_stale_mask(org, org_tree, personas):
    ann = factories.person(org_tree.north)
    stale = Person.objects.get(pk=ann.pk)
    vote(org, ann, "2024-general")  # a ballot file arrives while the edit form is open
    services.person_update(actor=personas.steward, person=stale, city="Austin")
    assert mask(ann) == 0b1
    assert Person.objects.get(pk=ann.pk).city == "Austin"


def test_the_rebuild_command_corrects_masks_and_registers_unknown_elections(org, org_tree):
    ann, bo = factories.person(org_tree.north), factories.person(org_tree.north)
    vote(org, ann, "2024-general", "2022-general")
    Vote.objects.create(person=bo, election="2020-general")  # written around the service: no bit, no mask
    Person.objects.filter(pk=ann.pk).update(voted_mask=0b100)  # and a mask gone wrong
    assert set(wrong_masks(org)) == {ann.pk, 0}
    out = StringIO()
    call_command("rebuild_vote_summary", "--org", org.slug, stdout=out)
    assert "2 mask(s) corrected" in out.getvalue()
    assert wrong_masks(org) == {}
    assert by_mask(org, {"voted": {"any": ["2020-general"]}}) == {bo.pk}
    out = StringIO()
    call_command("rebuild_vote_summary", stdout=out)
    assert "0 mask(s) corrected" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("rebuild_vote_summary", "--org", "no-such-org")


def test_the_data_migration_fills_elections_and_masks(org, electorate):
    expected = dict(Person.objects.filter(org=org).values_list("pk", "voted_mask"))
    codes = set(Election.objects.filter(org=org).values_list("code", flat=True))
    Election.objects.all().delete()
    Person.objects.update(voted_mask=0)
    migration = importlib.import_module("groundswell.people.migrations.0003_election_voted_mask")
    migration.fill_vote_summary(apps, None)
    assert set(Election.objects.filter(org=org).values_list("code", flat=True)) == codes
    assert wrong_masks(org) == {}
    assert by_mask(org, {"voted": {"at_least": {"n": 3, "of": GENERALS}}}) \
        == by_vote_table(org, {"voted": {"at_least": {"n": 3, "of": GENERALS}}})
    assert len(expected) == 40
