"""Compare record pairs field by field into discrete agreement levels (the Fellegi–Sunter comparison vector).

Every field's level 0 is "missing" (either side blank): the model gives it weight 0, so a contact typed
with only a name and a phone is judged on those alone. The work is vectorised over all pairs at once with
numpy and rapidfuzz's `cpdist` (element-wise string similarity in C++), not per-pair Python.
"""

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, JaroWinkler

from groundswell.relational.matching.normalize import Prepared, variant_set

LEVELS: dict[str, tuple[str, ...]] = {
    "first_name": ("missing", "different", "partial", "similar", "nickname", "swapped", "exact"),
    "middle_name": ("missing", "different", "partial", "exact"),
    "last_name": ("missing", "different", "similar", "swapped", "exact"),
    "dob": ("missing", "different", "similar", "partial", "exact"),
    "address": ("missing", "different", "similar", "exact"),
    "city": ("missing", "different", "similar", "exact"),
    "state": ("missing", "different", "exact"),
    "zip": ("missing", "different", "partial", "exact"),
    "phone": ("missing", "different", "partial", "exact"),
    "email": ("missing", "different", "exact"),
}
COMPARED: tuple[str, ...] = tuple(LEVELS)
NAME_SIMILAR = 0.88  # Jaro–Winkler: 'Jonathon'/'Jonathan', 'Smiht'/'Smith'
SWAP_SIMILAR = 0.92
PLACE_SIMILAR = 0.9
ADDRESS_SIMILAR = 0.85  # Indel ratio after normalisation: '12 Main St Apt 4' vs '12 Main St'


def _code(field: str, level: str) -> int:
    return LEVELS[field].index(level)


def _similarity(scorer, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    if len(left) == 0:
        return np.zeros(0, dtype=np.float32)
    return process.cpdist(list(left), list(right), scorer=scorer, dtype=np.float32, workers=-1)


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values) of an object array, in first-seen order."""
    table = {value: k for k, value in enumerate(dict.fromkeys(values.tolist()))}
    codes = np.fromiter(map(table.__getitem__, values.tolist()), dtype=np.int64, count=len(values))
    distinct = np.empty(len(table), dtype=object)
    distinct[:] = list(table)
    return codes, distinct


def _per_distinct_pair(function, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """function(lefts, rights) evaluated once per distinct (left, right) value pair, spread back to all pairs.

    Names repeat endlessly across blocked pairs ('john'/'jon' thousands of times), so this is many times
    fewer string comparisons than pairs.
    """
    if len(left) == 0:
        return function(left, right)
    left_codes, left_values = _factorize(left)
    right_codes, right_values = _factorize(right)
    combined = left_codes * len(right_values) + right_codes
    distinct, inverse = np.unique(combined, return_inverse=True)
    results = function(left_values[distinct // len(right_values)], right_values[distinct % len(right_values)])
    return np.asarray(results)[inverse]


def _blank(values: np.ndarray) -> np.ndarray:
    return values == ""


def _string_levels(field: str, left: np.ndarray, right: np.ndarray, *, scorer, similar: float,
                   repeated: bool = True) -> np.ndarray:
    """missing / different / similar / exact for one string field (`repeated`: values recur, compare once)."""
    levels = np.full(len(left), _code(field, "different"), dtype=np.int8)
    blank = _blank(left) | _blank(right)
    equal = left == right
    levels[equal] = _code(field, "exact")
    todo = np.flatnonzero(~equal & ~blank)
    if "similar" in LEVELS[field] and len(todo):
        measure = (lambda x, y: _similarity(scorer, x, y)) if not repeated else (
            lambda x, y: _per_distinct_pair(lambda p, q: _similarity(scorer, p, q), x, y))
        close = measure(left[todo], right[todo]) >= similar
        levels[todo[close]] = _code(field, "similar")
    levels[blank] = 0
    return levels


def _nickname_equivalent(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return np.array([not variant_set(a).isdisjoint(variant_set(b)) for a, b in zip(left, right, strict=True)],
                    dtype=bool)


def _first_levels(left: Prepared, right: Prepared, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    field = "first_name"
    a, b = left.first[li], right.first[ri]
    levels = _string_levels(field, a, b, scorer=JaroWinkler.normalized_similarity, similar=NAME_SIMILAR)
    # Nicknames outrank a mere spelling likeness ('Bobby'/'Robert' are not alike as strings at all).
    todo = np.flatnonzero((levels != _code(field, "exact")) & (levels != 0))
    levels[todo[_per_distinct_pair(_nickname_equivalent, a[todo], b[todo])]] = _code(field, "nickname")
    # An initial on one side ('J' for 'John') agrees, weakly.
    todo = np.flatnonzero(levels == _code(field, "different"))
    x, y = a[todo], b[todo]
    initial = ((_lengths(x) == 1) | (_lengths(y) == 1)) & (_first_letters(x) == _first_letters(y))
    levels[todo[initial]] = _code(field, "partial")
    return levels


def _lengths(values: np.ndarray) -> np.ndarray:
    return np.array(list(map(len, values)), dtype=np.int32)


def _first_letters(values: np.ndarray) -> np.ndarray:
    letters = np.empty(len(values), dtype=object)
    letters[:] = [v[:1] for v in values]
    return letters


def _middle_levels(left: Prepared, right: Prepared, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    field = "middle_name"
    a, b = left.middle[li], right.middle[ri]
    levels = np.where(a == b, _code(field, "exact"), _code(field, "different")).astype(np.int8)
    initial = (levels == _code(field, "different")) & (_first_letters(a) == _first_letters(b))
    levels[initial] = _code(field, "partial")
    levels[_blank(a) | _blank(b)] = 0
    return levels


def _dob_levels(left: Prepared, right: Prepared, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    field = "dob"
    a, b = left.dob[li], right.dob[ri]
    known = (a > 0) & (b > 0)  # components known on both sides
    agree = (a == b) | ~known
    full = (a > 0).all(axis=1) & (b > 0).all(axis=1)
    levels = np.full(len(a), _code(field, "different"), dtype=np.int8)
    consistent = agree.all(axis=1)
    levels[consistent] = _code(field, "partial")
    levels[consistent & full] = _code(field, "exact")
    # One slip in a full date: one component off, day and month swapped, or a year one digit away.
    one_off = full & (agree.sum(axis=1) == 2)
    swapped = full & (a[:, 0] == b[:, 0]) & (a[:, 1] == b[:, 2]) & (a[:, 2] == b[:, 1])
    levels[(one_off | swapped) & ~consistent] = _code(field, "similar")
    levels[(a[:, 0] == 0) | (b[:, 0] == 0)] = 0
    return levels


def _phone_levels(left: Prepared, right: Prepared, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    field = "phone"
    a, b = left.phone[li], right.phone[ri]
    levels = np.full(len(a), _code(field, "different"), dtype=np.int8)
    levels[left.phone7[li] == right.phone7[ri]] = _code(field, "partial")
    levels[(a == b) & (_lengths(a) == 10)] = _code(field, "exact")
    levels[_blank(a) | _blank(b)] = 0
    return levels


def _zip_levels(left: Prepared, right: Prepared, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    field = "zip"
    a, b = left.zip[li], right.zip[ri]
    prefix = left.zip3[li] == right.zip3[ri]
    levels = np.where(prefix, _code(field, "partial"), _code(field, "different")).astype(np.int8)
    levels[a == b] = _code(field, "exact")
    levels[_blank(a) | _blank(b)] = 0
    return levels


def _mark_swapped(left: Prepared, right: Prepared, li: np.ndarray, ri: np.ndarray, out: np.ndarray) -> None:
    """First and last typed the wrong way round ('Smith John'): both name fields become "swapped"."""
    first, last = COMPARED.index("first_name"), COMPARED.index("last_name")
    suspects = np.flatnonzero((out[:, first] == _code("first_name", "different"))
                              & (out[:, last] == _code("last_name", "different")))
    if not len(suspects):
        return
    lp, rp = li[suspects], ri[suspects]
    cross = np.minimum(
        _similarity(JaroWinkler.normalized_similarity, left.first[lp], right.last[rp]),
        _similarity(JaroWinkler.normalized_similarity, left.last[lp], right.first[rp]),
    )
    hit = suspects[cross >= SWAP_SIMILAR]
    out[hit, first] = _code("first_name", "swapped")
    out[hit, last] = _code("last_name", "swapped")


def compare(left: Prepared, right: Prepared, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    """Agreement levels, shape (pairs, len(COMPARED)), int8 codes into LEVELS[field]."""
    li = np.asarray(li, dtype=np.int64)
    ri = np.asarray(ri, dtype=np.int64)
    out = np.zeros((len(li), len(COMPARED)), dtype=np.int8)
    jw, indel = JaroWinkler.normalized_similarity, Indel.normalized_similarity
    columns = {
        "first_name": lambda: _first_levels(left, right, li, ri),
        "middle_name": lambda: _middle_levels(left, right, li, ri),
        "last_name": lambda: _string_levels("last_name", left.last[li], right.last[ri], scorer=jw,
                                            similar=NAME_SIMILAR),
        "dob": lambda: _dob_levels(left, right, li, ri),
        "address": lambda: _string_levels("address", left.address[li], right.address[ri], scorer=indel,
                                          similar=ADDRESS_SIMILAR, repeated=False),
        "city": lambda: _string_levels("city", left.city[li], right.city[ri], scorer=jw, similar=PLACE_SIMILAR),
        "state": lambda: _string_levels("state", left.state[li], right.state[ri], scorer=jw, similar=1.0),
        "zip": lambda: _zip_levels(left, right, li, ri),
        "phone": lambda: _phone_levels(left, right, li, ri),
        "email": lambda: _string_levels("email", left.email[li], right.email[ri], scorer=jw, similar=1.0),
    }
    for index, field in enumerate(COMPARED):
        out[:, index] = columns[field]()
    _mark_swapped(left, right, li, ri, out)
    return out
