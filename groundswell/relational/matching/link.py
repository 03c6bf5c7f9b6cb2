"""link(): the whole pipeline for two record lists — block, compare, learn (EM), score, one-to-one."""

from collections.abc import Sequence

import numpy as np

from groundswell.relational.matching.blocking import blocking_columns, candidate_pairs, name_counts
from groundswell.relational.matching.bulk import no_gc_pauses
from groundswell.relational.matching.model import MatchModel, compare_indexed, random_levels
from groundswell.relational.matching.records import Record

DEFAULT_THRESHOLD = 0.5  # match probability; see bench/RESULTS.md "## Match" for how it fares
TRAIN_PAIRS = 300_000  # EM needs far fewer pairs than a big run has
MIN_TRAIN_PAIRS = 2_000  # fewer blocked pairs than this teach EM less than the default priors know
MIN_TRAIN_PRODUCT = 1_000_000  # left x right below this: random pairs would contain too many true matches


def link(left: Sequence[Record], right: Sequence[Record], *, model: MatchModel | None = None,
         threshold: float | None = None, seed: int = 0) -> list[tuple[str, str, float]]:
    """(left_id, right_id, probability) for pairs at or above `threshold` (default DEFAULT_THRESHOLD), each
    left and each right used at most once (greedy by probability), sorted by probability descending.

    Without a model, one is trained on these very lists (u from random pairs, m and lambda by EM over the
    blocked pairs), so the weights fit how this contact list was typed; lists too small to learn from get
    MatchModel.default().
    """
    with no_gc_pauses():
        return _link(left, right, model=model, threshold=threshold, seed=seed)


def _link(left: Sequence[Record], right: Sequence[Record], *, model: MatchModel | None, threshold: float | None,
          seed: int) -> list[tuple[str, str, float]]:
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    columns = blocking_columns(right)
    li, ri = candidate_pairs(left, right, right_columns=columns)
    if not len(li):
        return []
    levels = compare_indexed(left, right, li, ri)
    names = name_counts(columns, ri)
    if model is None and (len(li) < MIN_TRAIN_PAIRS or len(left) * len(right) < MIN_TRAIN_PRODUCT):
        model = MatchModel.default()
    if model is None:
        rng = np.random.default_rng(seed)
        sample = np.arange(len(levels))
        if len(levels) > TRAIN_PAIRS:
            sample = rng.choice(len(levels), size=TRAIN_PAIRS, replace=False)
        total = len(left) * len(right) * len(sample) / len(levels)  # the sample's share of all pairs
        model = MatchModel.fit(levels[sample], random_levels(left, right, 50_000, rng), total_pairs=round(total),
                               names=names.take(sample))
    weights = model.weights(levels, names)
    probabilities = model.probabilities(levels, weights)
    keep = np.flatnonzero(probabilities >= cut)
    chosen = one_to_one(li[keep], ri[keep], probabilities[keep], weights[keep])
    return [(left[li[keep[k]]].id, right[ri[keep[k]]].id, float(probabilities[keep[k]])) for k in chosen]


def one_to_one(li: np.ndarray, ri: np.ndarray, probability: np.ndarray, weight: np.ndarray) -> list[int]:
    """Greedy assignment: best pair first, skipping pairs whose left or right is taken. Positions, best first.

    Greedy is what a volunteer would do by hand and, with calibrated probabilities, differs from an optimal
    assignment only in rare chains of near-ties.
    """
    order = np.lexsort((-weight, -probability))
    used_left: set[int] = set()
    used_right: set[int] = set()
    chosen = []
    for k in order:
        a, b = int(li[k]), int(ri[k])
        if a in used_left or b in used_right:
            continue
        used_left.add(a)
        used_right.add(b)
        chosen.append(int(k))
    return chosen
