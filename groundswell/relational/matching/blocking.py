"""Blocking: which pairs are worth comparing at all. Several cheap passes, the union of their pairs.

Each pass keys both sides (e.g. phonetic last name + first name) and pairs records that share a key.
Together the passes forgive one broken field at a time: a typo in the last name is caught by first name +
ZIP or city, a nickname by first-name variants, swapped names by keying the left side both ways, a changed
address by the phone, a typo in the first name by last name + initial.

The right side (a voter file, maybe millions) gets exactly one plain key per record and pass, built by
list comprehensions; all expansion happens on the small left side: a left first name is turned into every
*right* first name nickname-equivalent to it ('Bob' -> robert, bob, bobby, …, as far as the right side has
them). Only keys the left side asks for are collected while the right keys stream past.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from groundswell.relational.matching.normalize import (
    cached_map,
    name_key,
    parse_dob,
    phone_digits,
    place_key,
    sound_key,
    split_full_name,
    variant_set,
    zip5,
)
from groundswell.relational.matching.records import Record

MAX_BLOCK = 1500  # a key shared by more right records than this says too little to pair on


@dataclass
class BlockingColumns:
    """The few normalised values blocking needs, one list per field."""

    first: list[str]
    last: list[str]
    sound: list[str]  # metaphone of the last name
    zip: list[str]
    city: list[str]
    phone7: list[str]
    email: list[str]
    dob: list[tuple[int, int, int]]


def _names(records: Sequence[Record]) -> list[tuple[str, str]]:
    return [(r.first_name, r.last_name) if r.last_name or " " not in r.first_name.strip()
            else split_full_name(r.first_name, r.last_name) for r in records]


def _phone7(text: str) -> str:
    return phone_digits(text)[-7:]


def blocking_columns(records: Sequence[Record]) -> BlockingColumns:
    names = _names(records)
    last = cached_map(name_key, [s for _, s in names])
    return BlockingColumns(
        first=cached_map(name_key, [f for f, _ in names]),
        last=last,
        sound=cached_map(sound_key, last),
        zip=cached_map(zip5, [r.zip for r in records]),
        city=cached_map(place_key, [r.city for r in records]),
        phone7=[_phone7(r.phone) if r.phone else "" for r in records],
        email=[r.email.strip().lower() if "@" in r.email else "" for r in records],
        dob=cached_map(parse_dob, [r.dob for r in records]),
    )


class FirstNames:
    """Which right-side first names are nickname-equivalent to a given one (their variant sets meet)."""

    def __init__(self, right_first: Sequence[str]) -> None:
        self._by_variant: dict[str, set[str]] = defaultdict(set)
        for name in set(right_first):
            for variant in variant_set(name):
                self._by_variant[variant].add(name)
        self._cache: dict[str, frozenset[str]] = {}

    def equivalent(self, name: str) -> frozenset[str]:
        if name not in self._cache:
            found: set[str] = set()
            for variant in variant_set(name):
                found |= self._by_variant.get(variant, set())
            self._cache[name] = frozenset(found)
        return self._cache[name]


@dataclass(frozen=True)
class Pass:
    """One blocking pass: the keys a left record asks for, and the single key of every right record."""

    left_keys: Callable[[BlockingColumns, FirstNames, int], list[Hashable]]
    right_keys: Callable[[BlockingColumns], list[Hashable]]


def _full_dob(dob: tuple[int, int, int]) -> tuple[int, int, int] | None:
    return dob if dob[2] else None


PASSES: tuple[Pass, ...] = (
    Pass(lambda c, f, i: [c.phone7[i]] if c.phone7[i] else [], lambda c: c.phone7),
    Pass(lambda c, f, i: [c.email[i]] if c.email[i] else [], lambda c: c.email),
    # Phonetic last name + a first name equivalent to the contact's; and the same with the names swapped.
    Pass(lambda c, f, i: ([(c.sound[i], name) for name in f.equivalent(c.first[i])] if c.sound[i] else [])
         + ([(sound_key(c.first[i]), name) for name in f.equivalent(c.last[i])] if c.first[i] else []),
         lambda c: list(zip(c.sound, c.first, strict=True))),
    # First name + ZIP, first name + city: a misspelt or changed last name.
    Pass(lambda c, f, i: [(name, c.zip[i]) for name in f.equivalent(c.first[i])] if c.zip[i] else [],
         lambda c: list(zip(c.first, c.zip, strict=True))),
    Pass(lambda c, f, i: [(name, c.city[i]) for name in f.equivalent(c.first[i])] if c.city[i] else [],
         lambda c: list(zip(c.first, c.city, strict=True))),
    # Full birth date + first or last initial.
    Pass(lambda c, f, i: [(c.dob[i], c.first[i][:1])] if c.dob[i][2] and c.first[i] else [],
         lambda c: list(zip(map(_full_dob, c.dob), (s[:1] for s in c.first), strict=True))),
    Pass(lambda c, f, i: [(c.dob[i], c.last[i][:1])] if c.dob[i][2] and c.last[i] else [],
         lambda c: list(zip(map(_full_dob, c.dob), (s[:1] for s in c.last), strict=True))),
    # Last name + first initial: a typo inside the first name ('Jrnet Barrett').
    Pass(lambda c, f, i: [(c.last[i], c.first[i][:1])] if c.last[i] and c.first[i] else [],
         lambda c: list(zip(c.last, (s[:1] for s in c.first), strict=True))),
)


def candidate_pairs(
    left: Sequence[Record], right: Sequence[Record], *, max_block: int = MAX_BLOCK,
    right_columns: BlockingColumns | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Indices (left, right) of every pair some pass puts in one block, each pair once, sorted.

    `right_columns`: blocking_columns(right) when the caller already has them (they also give name_counts).
    """
    if not left or not right:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lcols = blocking_columns(left)
    rcols = right_columns or blocking_columns(right)
    first_names = FirstNames(rcols.first)
    codes: list[np.ndarray] = []
    for blocking_pass in PASSES:
        wanted: dict[Hashable, list[int]] = defaultdict(list)
        for i in range(len(left)):
            for key in blocking_pass.left_keys(lcols, first_names, i):
                wanted[key].append(i)
        right_keys = blocking_pass.right_keys(rcols)
        found: dict[Hashable, list[int]] = defaultdict(list)
        for j in [j for j, key in enumerate(right_keys) if key in wanted]:
            found[right_keys[j]].append(j)
        for key, rights in found.items():
            if len(rights) > max_block:
                continue
            lefts = np.asarray(wanted[key], dtype=np.int64)
            codes.append((lefts[:, None] * len(right) + np.asarray(rights, dtype=np.int64)[None, :]).ravel())
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    unique = np.unique(np.concatenate(codes))
    return unique // len(right), unique % len(right)


@dataclass(frozen=True)
class NameCounts:
    """Per pair, how many right records carry the pair's right first / last name, out of `population`
    (for the model's term-frequency adjustment of exact name agreement)."""

    counts: dict[str, np.ndarray]
    population: int

    def take(self, index: np.ndarray) -> "NameCounts":
        return NameCounts({field: counts[index] for field, counts in self.counts.items()}, self.population)


def name_counts(columns: BlockingColumns, ri: np.ndarray) -> NameCounts:
    counts = {}
    for field, values in (("first_name", columns.first), ("last_name", columns.last)):
        per_value = Counter(values)
        per_record = np.fromiter(map(per_value.__getitem__, values), dtype=np.float64, count=len(values))
        counts[field] = per_record[ri]
    return NameCounts(counts, len(columns.first))
