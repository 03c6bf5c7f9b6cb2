"""Blocked randomisation: balanced within each captain, reproducible from the seed, captains independent."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundswell.relational.randomize import split

LISTS = {f"captain-{c}": [f"c{c}-person-{i}" for i in range(10 + c % 7)] for c in range(43)}

lists_strategy = st.dictionaries(
    st.text(min_size=1, max_size=8), st.integers(0, 25), min_size=1, max_size=12,
).map(lambda sizes: {captain: [f"{captain}/{i}" for i in range(n)] for captain, n in sizes.items()})


def test_exactly_half_of_each_list_is_treated_and_everyone_is_assigned():
    assignment = split(LISTS, seed=2020)
    assert set(assignment) == {p for people in LISTS.values() for p in people}
    for people in LISTS.values():
        treated = sum(assignment[p] for p in people)
        assert treated in {len(people) // 2, (len(people) + 1) // 2}


def test_odd_lists_send_the_extra_person_either_way():
    odd = {f"captain-{c}": [f"{c}-{i}" for i in range(7)] for c in range(60)}
    counts = {sum(split(odd, seed=1)[p] for p in people) for people in odd.values()}
    assert counts == {3, 4}


def test_the_same_seed_gives_the_same_split_whatever_the_input_order():
    shuffled = {captain: random.Random(7).sample(people, len(people)) for captain, people in reversed(LISTS.items())}
    assert split(shuffled, seed=99) == split(LISTS, seed=99)
    assert split(LISTS, seed=99) == split(LISTS, seed=99)


def test_different_seeds_give_different_splits():
    splits = [split(LISTS, seed=seed) for seed in range(5)]
    assert all(a != b for i, a in enumerate(splits) for b in splits[i + 1:])


def test_adding_or_removing_a_captain_leaves_the_others_alone():
    base = split(LISTS, seed=3)
    more = split({**LISTS, "newcomer": ["n1", "n2", "n3"]}, seed=3)
    fewer = split({k: v for k, v in LISTS.items() if k != "captain-0"}, seed=3)
    assert {p: t for p, t in more.items() if not p.startswith("n")} == base
    assert fewer == {p: t for p, t in base.items() if not p.startswith("c0-")}


def test_captains_with_identical_lists_are_split_independently():
    same = {f"captain-{c}": [f"{c}-{i}" for i in range(20)] for c in range(30)}
    patterns = {tuple(split(same, seed=0)[f"{c}-{i}"] for i in range(20)) for c in range(30)}
    assert len(patterns) == 30  # C(20, 10) = 184,756 splits: a repeat would mean shared randomness


def test_treatment_is_not_tied_to_position_in_the_sorted_list():
    # Over many blocks, each sorted position is treated about half the time.
    lists = {f"k{c}": [f"{c}-{i:02d}" for i in range(10)] for c in range(400)}
    assignment = split(lists, seed=11)
    for i in range(10):
        share = sum(assignment[f"{c}-{i:02d}"] for c in range(400)) / 400
        assert 0.4 < share < 0.6


@pytest.mark.parametrize(("lists", "message"), [
    ({"a": ["x", "x"]}, "twice on the list of captain 'a'"),
    ({"a": ["x"], "b": ["x"]}, "on the lists of captains 'a' and 'b'"),
])
def test_a_person_belongs_to_one_block(lists, message):
    with pytest.raises(ValueError, match=message):
        split(lists, seed=0)


def test_a_negative_seed_is_refused():
    with pytest.raises(ValueError, match="at least 0"):
        split(LISTS, seed=-1)


@given(lists=lists_strategy, seed=st.integers(0, 2**64))
def test_property_balance_and_completeness(lists, seed):
    assignment = split(lists, seed=seed)
    assert len(assignment) == sum(len(people) for people in lists.values())
    for people in lists.values():
        treated = sum(assignment[p] for p in people)
        assert abs(2 * treated - len(people)) <= 1


@given(lists=lists_strategy, seed=st.integers(0, 2**32), order=st.randoms())
def test_property_order_does_not_matter(lists, seed, order):
    reordered = {}
    for captain in order.sample(list(lists), len(lists)):
        reordered[captain] = order.sample(lists[captain], len(lists[captain]))
    assert split(reordered, seed=seed) == split(lists, seed=seed)
