"""link(): blocking, EM training, threshold and the one-to-one assignment, on small seeded data."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundswell.relational.matching import MatchModel, Record, link
from groundswell.relational.matching.blocking import candidate_pairs
from groundswell.relational.matching.link import one_to_one
from tests.relational.matching.synthetic import precision_recall, voters_and_contacts


@pytest.fixture(scope="module")
def synthetic():
    return voters_and_contacts(n_voters=3000, n_contacts=300, seed=11)


def test_em_learns_weights_that_separate_true_pairs(synthetic):
    voters, contacts, truth = synthetic
    model = MatchModel.train(contacts, voters)
    weights = model.level_weights()
    assert weights["last_name"][-1] > 3  # exact last name is evidence for
    assert weights["first_name"][1] < 0  # a different first name is evidence against
    assert weights["phone"][-1] > weights["city"][-1] > 0
    precision, recall = precision_recall(link(contacts, voters, model=model), truth)
    assert precision >= 0.9
    assert recall >= 0.8


def test_link_trains_by_itself_when_given_no_model(synthetic):
    voters, contacts, truth = synthetic
    precision, recall = precision_recall(link(contacts, voters), truth)
    assert precision >= 0.9
    assert recall >= 0.8


def test_the_default_model_works_untrained(synthetic):
    voters, contacts, truth = synthetic
    precision, recall = precision_recall(link(contacts, voters, model=MatchModel.default()), truth)
    assert precision >= 0.8
    assert recall >= 0.7


def test_blocking_finds_nearly_every_true_pair_and_far_fewer_than_all(synthetic):
    voters, contacts, truth = synthetic
    li, ri = candidate_pairs(contacts, voters)
    pairs = set(zip((contacts[i].id for i in li), (voters[j].id for j in ri), strict=True))
    assert sum((c, v) in pairs for c, v in truth.items()) / len(truth) >= 0.95
    assert len(li) < len(contacts) * len(voters) / 20


def test_output_is_one_to_one_and_sorted(synthetic):
    voters, contacts, _ = synthetic
    twins = [Record(id=f"T{k}", first_name=c.first_name, last_name=c.last_name, phone=c.phone) for k, c in
             enumerate(contacts[:50])]
    pairs = link(contacts + twins, voters, threshold=0.0)
    lefts = [left for left, _, _ in pairs]
    rights = [right for _, right, _ in pairs]
    assert len(set(lefts)) == len(lefts)
    assert len(set(rights)) == len(rights)
    scores = [score for _, _, score in pairs]
    assert scores == sorted(scores, reverse=True)


def test_threshold_keeps_only_pairs_at_or_above_it(synthetic):
    voters, contacts, _ = synthetic
    model = MatchModel.default()
    loose = link(contacts, voters, model=model, threshold=0.0)
    strict = link(contacts, voters, model=model, threshold=0.99)
    assert all(score >= 0.99 for _, _, score in strict)
    assert len(strict) < len(loose)


def test_one_to_one_takes_the_best_pair_first():
    li = np.array([0, 0, 1, 1])
    ri = np.array([0, 1, 0, 1])
    probability = np.array([0.9, 0.8, 0.95, 0.1])
    chosen = one_to_one(li, ri, probability, probability)
    assert [(int(li[k]), int(ri[k])) for k in chosen] == [(1, 0), (0, 1)]


def test_empty_inputs_give_no_pairs():
    assert link([], [Record(id="v", first_name="Ann")]) == []
    assert link([Record(id="c", first_name="Ann")], []) == []


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.floats(0, 1)), max_size=40))
def test_one_to_one_never_reuses_a_record_and_leaves_no_free_pair_behind(rows):
    li = np.array([r[0] for r in rows], dtype=np.int64)
    ri = np.array([r[1] for r in rows], dtype=np.int64)
    probability = np.array([r[2] for r in rows], dtype=np.float64)
    chosen = one_to_one(li, ri, probability, probability)
    lefts, rights = {int(li[k]) for k in chosen}, {int(ri[k]) for k in chosen}
    assert len(lefts) == len(rights) == len(chosen)
    assert [probability[k] for k in chosen] == sorted((probability[k] for k in chosen), reverse=True)
    # Maximal: every pair left out shares a record with a chosen one.
    assert all(int(li[k]) in lefts or int(ri[k]) in rights for k in range(len(rows)))


def test_no_gc_pauses_restores_the_collector_state():
    import gc

    from groundswell.relational.matching.bulk import no_gc_pauses

    assert gc.isenabled()
    with no_gc_pauses():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with no_gc_pauses():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
