"""Blocking: which pairs are worth comparing at all. Several cheap passes, the union of their pairs.

Each pass keys both sides (e.g. phonetic last name + a first-name variant) and pairs records that share a
key. Together the passes forgive one broken field at a time: a typo in the last name is caught by first
name + ZIP or city, a nickname by the variant sets, swapped names by keying the left side both ways, a
changed address by the phone. Only keys the left side has are kept while the right side streams past, so
a million voters cost one pass over their columns, not a million-entry index per pass.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
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
    variants: list[frozenset[str]]
    last: list[str]
    sound: list[str]
    swapped_sound: list[str]  # metaphone of the first name, for left records typed last-name-first
    swapped_variants: list[frozenset[str]]
    zip: list[str]
    city: list[str]
    phone7: list[str]
    email: list[str]
    dob: list[tuple[int, int, int]]


def blocking_columns(records: Sequence[Record], *, swapped: bool = False) -> BlockingColumns:
    names = [split_full_name(r.first_name, r.last_name) for r in records]
    first = cached_map(name_key, [f for f, _ in names])
    last = cached_map(name_key, [s for _, s in names])
    return BlockingColumns(
        first=first,
        variants=cached_map(variant_set, first),
        last=last,
        sound=cached_map(sound_key, last),
        swapped_sound=cached_map(sound_key, first) if swapped else [],
        swapped_variants=cached_map(variant_set, last) if swapped else [],
        zip=[zip5(r.zip) if r.zip else "" for r in records],
        city=cached_map(place_key, [r.city for r in records]),
        phone7=[phone_digits(r.phone)[-7:] if r.phone else "" for r in records],
        email=[r.email.strip().lower() if "@" in r.email else "" for r in records],
        dob=cached_map(parse_dob, [r.dob for r in records]),
    )


KeyFunction = Callable[[BlockingColumns, int], Iterable[Hashable]]


def _phone(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    return (c.phone7[i],) if c.phone7[i] else ()


def _email(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    return (c.email[i],) if c.email[i] else ()


def _name(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    sound = c.sound[i]
    return [(sound, v) for v in c.variants[i]] if sound else ()


def _name_either_order(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    keys = list(_name(c, i))
    if c.swapped_sound[i]:
        keys += [(c.swapped_sound[i], v) for v in c.swapped_variants[i]]
    return keys


def _first_zip(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    return [(v, c.zip[i]) for v in c.variants[i]] if c.zip[i] else ()


def _first_city(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    return [(v, c.city[i]) for v in c.variants[i]] if c.city[i] else ()


def _dob_initials(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    dob = c.dob[i]
    if not dob[2]:
        return ()
    return ((dob, "f", c.first[i][:1]), (dob, "l", c.last[i][:1]))


def _sound_prefix(c: BlockingColumns, i: int) -> Iterable[Hashable]:
    # A typo in the first name that no nickname explains: keep the last name's sound and two letters.
    return ((c.sound[i], c.first[i][:2]),) if c.sound[i] and c.first[i] else ()


# (left keys, right keys) per pass.
PASSES: tuple[tuple[KeyFunction, KeyFunction], ...] = (
    (_phone, _phone),
    (_email, _email),
    (_name_either_order, _name),
    (_first_zip, _first_zip),
    (_first_city, _first_city),
    (_dob_initials, _dob_initials),
    (_sound_prefix, _sound_prefix),
)


def candidate_pairs(
    left: Sequence[Record], right: Sequence[Record], *, max_block: int = MAX_BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """Indices (left, right) of every pair some pass puts in one block, each pair once, sorted."""
    lcols = blocking_columns(left, swapped=True)
    rcols = blocking_columns(right)
    codes: list[np.ndarray] = []
    for left_keys, right_keys in PASSES:
        wanted: dict[Hashable, list[int]] = defaultdict(list)
        for i in range(len(left)):
            for key in left_keys(lcols, i):
                wanted[key].append(i)
        found: dict[Hashable, list[int]] = defaultdict(list)
        for j in range(len(right)):
            for key in right_keys(rcols, j):
                if key in wanted:
                    found[key].append(j)
        for key, rights in found.items():
            if len(rights) > max_block:
                continue
            lefts = np.unique(np.asarray(wanted[key], dtype=np.int64))
            rights_array = np.asarray(rights, dtype=np.int64)
            codes.append((lefts[:, None] * len(right) + rights_array[None, :]).ravel())
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    unique = np.unique(np.concatenate(codes))
    return unique // len(right), unique % len(right)
