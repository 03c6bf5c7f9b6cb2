"""Blocked randomisation within captain: who on each captain's locked list is treated and who is held out.

Blocking on the captain makes the two arms balanced on everything a captain brings (their neighbourhood,
their friends, their zeal), which is what lets the lift analysis compare arms within captain.

The split is a pure function of (seed, captain, the captain's list as a set), so it can be recorded as just
the seed and recomputed by anyone to audit it:

- Each captain gets their own random generator, `Generator(PCG64(SeedSequence([seed, h(captain)])))` with
  `h` the SHA-256 of the captain key. Adding, removing or renaming another captain changes nothing here.
- Keys are sorted before drawing, so the order a list arrives in (database order, dict order) does not matter.
- Exactly half of a list is treated. With an odd number of people, the generator first flips a fair coin:
  heads (1) puts the extra person in treatment, tails (0) in control. Then a random permutation of the
  sorted keys is drawn and its first `n_treated` positions are treated. Over many captains the arms are
  equal in expectation, and no captain's list is more than one person out of balance.
"""

import hashlib
from collections.abc import Mapping, Sequence

import numpy as np


def split(lists: Mapping[str, Sequence[str]], *, seed: int) -> dict[str, bool]:
    """Person key -> treated, for every person on every captain's list (captain key -> person keys).

    Raises ValueError for a negative seed, a person listed twice on one list, or a person on two lists
    (each person belongs to exactly one block)."""
    if seed < 0:
        raise ValueError(f"the seed must be a whole number of at least 0, not {seed}")
    assignment: dict[str, bool] = {}
    owner: dict[str, str] = {}
    for captain in sorted(lists):
        people = sorted(lists[captain])
        for person in people:
            if person in owner and owner[person] == captain:
                raise ValueError(f"person {person!r} is twice on the list of captain {captain!r}")
            if person in owner:
                raise ValueError(f"person {person!r} is on the lists of captains {owner[person]!r} and {captain!r}")
            owner[person] = captain
        assignment.update(zip(people, _treated_flags(len(people), captain_rng(seed, captain)), strict=True))
    return assignment


def captain_rng(seed: int, captain: str) -> np.random.Generator:
    """The generator for one captain's block: independent of every other captain's."""
    digest = int.from_bytes(hashlib.sha256(captain.encode("utf-8")).digest(), "big")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, digest])))


def _treated_flags(n: int, rng: np.random.Generator) -> list[bool]:
    n_treated = n // 2
    if n % 2:
        n_treated += int(rng.integers(2))  # the documented coin flip for the odd one out
    flags = np.zeros(n, dtype=bool)
    flags[rng.permutation(n)[:n_treated]] = True
    return flags.tolist()
