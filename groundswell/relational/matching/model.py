"""The Fellegi–Sunter model: per field and agreement level, m = P(level | same person) and
u = P(level | different people), plus lambda, the share of compared pairs that are matches.

A pair's match weight is the sum over fields of log2(m/u) (its log2 Bayes factor; "missing" adds 0),
and its probability follows from that and lambda. `train` learns u from random pairs (almost all
non-matches, so a direct count) and m and lambda by EM over the blocked pairs, as splink does; the
defaults below are deliberately plain priors, used as the starting point and as pseudo-counts.
"""

from collections.abc import Sequence

import numpy as np

from groundswell.relational.matching.blocking import NameCounts, blocking_columns, candidate_pairs, name_counts
from groundswell.relational.matching.bulk import no_gc_pauses
from groundswell.relational.matching.compare import COMPARED, LEVELS, compare
from groundswell.relational.matching.normalize import prepare
from groundswell.relational.matching.records import Candidate, Record

# Priors per level, in LEVELS order, the leading "missing" entry ignored (weight 0 by definition).
_DEFAULT_M = {
    "first_name": [0, 0.04, 0.02, 0.06, 0.15, 0.03, 0.70],
    "middle_name": [0, 0.10, 0.30, 0.60],
    "last_name": [0, 0.05, 0.08, 0.03, 0.84],
    "dob": [0, 0.03, 0.07, 0.30, 0.60],
    "address": [0, 0.35, 0.10, 0.55],
    "city": [0, 0.20, 0.05, 0.75],
    "state": [0, 0.05, 0.95],
    "zip": [0, 0.20, 0.10, 0.70],
    "phone": [0, 0.30, 0.10, 0.60],
    "email": [0, 0.30, 0.70],
}
_DEFAULT_U = {
    "first_name": [0, 0.93, 0.005, 0.03, 0.01, 0.001, 0.015],
    "middle_name": [0, 0.85, 0.10, 0.05],
    "last_name": [0, 0.985, 0.01, 0.001, 0.005],
    "dob": [0, 0.975, 0.005, 0.02, 0.0002],
    "address": [0, 0.9998, 0.0001, 0.0001],
    "city": [0, 0.95, 0.01, 0.04],
    "state": [0, 0.30, 0.70],
    "zip": [0, 0.90, 0.08, 0.02],
    "phone": [0, 0.9999, 0.00005, 0.00005],
    "email": [0, 0.99999, 0.00001],
}
_DEFAULT_LAMBDA = 1e-4  # P(a random contact-voter pair is a match): ~70 % on file, a file of ~7,000 people
_PSEUDO_PAIRS = 20.0  # how many pairs' worth of evidence the priors are worth in training
_FLOOR = 1e-6
_TF_PSEUDO_RECORDS = 1_000  # how many records' worth of belief the field-average u gets against a name's own count


def _normalised(values: Sequence[float]) -> np.ndarray:
    array = np.maximum(np.asarray(values, dtype=np.float64), _FLOOR)
    array[0] = 0.0
    total = array[1:].sum()
    return array if abs(total - 1.0) < 1e-12 else array / total  # already normalised: keep it bit for bit


def _counts(codes: np.ndarray, levels: int, weights: np.ndarray | None = None) -> np.ndarray:
    return np.bincount(codes.astype(np.int64), weights=weights, minlength=levels)[:levels].astype(np.float64)


class MatchModel:
    """m/u probabilities per compared field and level, and the prior lambda."""

    def __init__(self, m: dict[str, np.ndarray], u: dict[str, np.ndarray], lam: float) -> None:
        self.m = {field: _normalised(m[field]) for field in COMPARED}
        self.u = {field: _normalised(u[field]) for field in COMPARED}
        self.lam = float(min(max(lam, 1e-9), 1 - 1e-9))

    # -- construction ---------------------------------------------------------------------------------

    @classmethod
    def default(cls) -> "MatchModel":
        """Plain priors (rough shares for typed-in contacts against a voter file); usable without training."""
        return cls(_DEFAULT_M, _DEFAULT_U, _DEFAULT_LAMBDA)

    @classmethod
    def train(cls, left: Sequence[Record], right: Sequence[Record], *, max_pairs: int = 300_000,
              random_pairs: int = 50_000, seed: int = 0) -> "MatchModel":
        """u from random pairs, then m and lambda by EM over (at most `max_pairs` of) the blocked pairs.

        `right` should be the voter file or a random sample of it, not people pre-selected as look-alikes:
        u is counted on random left x right pairs, and lambda is the chance that one such pair is a match, so
        probabilities from `score` assume a file of len(right) people (a sample of n of a file of N
        overstates lambda N/n times; divide `lam` by that to correct it).
        """
        with no_gc_pauses():
            columns = blocking_columns(right)
            li, ri = candidate_pairs(left, right, right_columns=columns)
            rng = np.random.default_rng(seed)
            blocked_count = len(li)
            if blocked_count > max_pairs:
                keep = np.sort(rng.choice(blocked_count, size=max_pairs, replace=False))
                li, ri = li[keep], ri[keep]
            blocked = compare_indexed(left, right, li, ri)
            # A uniform sample of the blocked pairs stands for the same share of all pairs.
            total = len(left) * len(right) * len(li) / max(blocked_count, 1)
            return cls.fit(blocked, random_levels(left, right, random_pairs, rng), total_pairs=round(total),
                           names=name_counts(columns, ri))

    @classmethod
    def fit(cls, blocked: np.ndarray, random: np.ndarray | None, *, total_pairs: int | None = None,
            names: NameCounts | None = None, start: "MatchModel | None" = None,
            iterations: int = 40, tolerance: float = 1e-5) -> "MatchModel":
        """EM for m and lambda on the comparison vectors of blocked pairs; u counted from `random` pairs.

        u from random pairs is u over all left x right pairs, so lambda must be the share of matches among
        all `total_pairs` = len(left) * len(right) too (pairs no blocking pass produced count as non-matches).
        Estimating it among the blocked pairs alone would call nearly every blocked pair a match: they share a
        key by construction, which random pairs almost never do. `names`: see `weights`.
        """
        model = start or cls.default()
        prior_m = model.m
        u = model.u
        if random is not None and len(random):
            u = {}
            for index, field in enumerate(COMPARED):
                counts = _counts(random[:, index], len(LEVELS[field]))
                counts[0] = 0.0
                u[field] = (counts + _PSEUDO_PAIRS * model.u[field]) / (counts[1:].sum() + _PSEUDO_PAIRS)
            model = cls(model.m, u, model.lam)
        if not len(blocked):
            return model
        total = max(total_pairs or len(blocked), len(blocked))
        for _ in range(iterations):
            p = model.probabilities(blocked, model.weights(blocked, names))
            m = {}
            for index, field in enumerate(COMPARED):
                counts = _counts(blocked[:, index], len(LEVELS[field]), p)
                counts[0] = 0.0
                m[field] = (counts + _PSEUDO_PAIRS * prior_m[field]) / (counts[1:].sum() + _PSEUDO_PAIRS)
            new = cls(m, u, float(p.sum()) / total)
            change = max(np.abs(new.m[f] - model.m[f]).max() for f in COMPARED)
            model = new
            if change < tolerance:
                break
        return model

    # -- persistence --------------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {
            "version": 1,
            "lambda": self.lam,
            "fields": {
                field: {"levels": list(LEVELS[field]), "m": self.m[field].tolist(), "u": self.u[field].tolist()}
                for field in COMPARED
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> "MatchModel":
        """Inverse of to_json; ValueError when the levels differ from this version's (a stale model)."""
        try:
            fields = data["fields"]
            for field in COMPARED:
                if list(fields[field]["levels"]) != list(LEVELS[field]):
                    raise ValueError(f"model levels for {field} differ from this matcher's")
            return cls({f: fields[f]["m"] for f in COMPARED}, {f: fields[f]["u"] for f in COMPARED},
                       float(data["lambda"]))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a match model: {exc}") from None

    # -- scoring ------------------------------------------------------------------------------------

    def level_weights(self) -> dict[str, np.ndarray]:
        """log2(m/u) per level; 0 for "missing"; no level above "exact" (a rare level such as "swapped" is
        seldom seen among random pairs, and its u estimate must not make it stronger evidence than exact)."""
        weights = {}
        for field in COMPARED:
            w = np.zeros(len(LEVELS[field]))
            w[1:] = np.log2(np.maximum(self.m[field][1:], _FLOOR) / np.maximum(self.u[field][1:], _FLOOR))
            w[1:] = np.minimum(w[1:], w[LEVELS[field].index("exact")])
            weights[field] = w
        return weights

    def weights(self, levels: np.ndarray, names: NameCounts | None = None) -> np.ndarray:
        """Total log2 Bayes factor per pair.

        `names` (how common each pair's right first / last name is among the right records) adjusts "exact"
        for the value, as splink's term-frequency adjustment does: 'Smith' agreeing says less than
        'Kowalski' agreeing, so u for that pair is the name's share of the right records, not the field's
        average — shrunk towards that average by _TF_PSEUDO_RECORDS, so a short list proves nothing either way.
        Places nest: a ZIP that agrees already says the city and state do, so they add nothing then, nor does
        the state when the city agrees (the fields are far from independent).
        """
        table = self.level_weights()
        total = np.zeros(len(levels))
        for index, field in enumerate(COMPARED):
            total += table[field][levels[:, index]]
        for field, counts in (names.counts if names else {}).items():
            column = COMPARED.index(field)
            exact = levels[:, column] == LEVELS[field].index("exact")
            u_exact = self.u[field][LEVELS[field].index("exact")]
            share = (counts[exact] + _TF_PSEUDO_RECORDS * u_exact) / (names.population + _TF_PSEUDO_RECORDS)
            total[exact] += np.log2(u_exact) - np.log2(np.maximum(share, _FLOOR))
        zip_, city, state = (COMPARED.index(f) for f in ("zip", "city", "state"))
        zip_exact = levels[:, zip_] == LEVELS["zip"].index("exact")
        city_exact = levels[:, city] == LEVELS["city"].index("exact")
        total -= np.where(zip_exact, table["city"][levels[:, city]], 0.0)
        total -= np.where(zip_exact | city_exact, table["state"][levels[:, state]], 0.0)
        return total

    def probabilities(self, levels: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        total = self.weights(levels) if weights is None else weights
        log_odds = total + np.log2(self.lam / (1 - self.lam))
        return 1.0 / (1.0 + np.exp2(-np.clip(log_odds, -60, 60)))

    def score(self, left: Record, candidates: Sequence[Record]) -> list[Candidate]:
        """Every candidate scored against `left` (no blocking), best first, with its reasons."""
        if not candidates:
            return []
        levels = compare(prepare([left]), prepare(candidates), np.zeros(len(candidates), dtype=np.int64),
                         np.arange(len(candidates)))
        weights = self.weights(levels)
        probabilities = self.probabilities(levels, weights)
        scored = [
            Candidate(right_id=record.id, probability=float(probabilities[k]), weight=float(weights[k]),
                      agreements=agreements(levels[k]))
            for k, record in enumerate(candidates)
        ]
        return sorted(scored, key=lambda c: (-c.probability, -c.weight))


def agreements(row: np.ndarray) -> dict[str, str]:
    """One pair's comparison vector in words: field -> level name."""
    return {field: LEVELS[field][int(code)] for field, code in zip(COMPARED, row, strict=True)}


def compare_indexed(left: Sequence[Record], right: Sequence[Record], li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    """compare() for index pairs into the raw record lists, preparing only the records the pairs touch
    (and only those right addresses some contact with an address is paired with)."""
    lsub, lpos = np.unique(li, return_inverse=True)
    rsub, rpos = np.unique(ri, return_inverse=True)
    prepared_left = prepare([left[i] for i in lsub])
    with_address = np.zeros(len(rsub), dtype=bool)
    with_address[rpos[prepared_left.address[lpos] != ""]] = True
    prepared_right = prepare([right[j] for j in rsub], with_address=with_address)
    return compare(prepared_left, prepared_right, lpos, rpos)


def random_levels(left: Sequence[Record], right: Sequence[Record], count: int,
                  rng: np.random.Generator) -> np.ndarray:
    """Comparison vectors of `count` random pairs: nearly all non-matches, so they estimate u."""
    if not left or not right:
        return np.zeros((0, len(COMPARED)), dtype=np.int8)
    li = rng.integers(0, len(left), size=count)
    ri = rng.integers(0, len(right), size=count)
    return compare_indexed(left, right, li, ri)
