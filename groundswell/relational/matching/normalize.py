"""Turn typed-in fields into comparable values: names without accents or punctuation, dates as (y, m, d),
phones as digits, addresses with the usual abbreviations. Each distinct raw value is normalised once
(voter files repeat names and cities endlessly), which is what keeps a million records cheap."""

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
import numpy as np
from nicknames import NickNamer

from groundswell.relational.matching.records import Record

_NICKNAMES = NickNamer()
_NOT_LETTER = re.compile(r"[^a-z]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NOT_DIGIT = re.compile(r"\D+")
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")
_US_DATE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_ADDRESS_WORDS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr", "lane": "ln",
    "boulevard": "blvd", "court": "ct", "place": "pl", "terrace": "ter", "circle": "cir", "highway": "hwy",
    "parkway": "pkwy", "square": "sq", "trail": "trl", "way": "way", "apartment": "apt", "suite": "ste",
    "unit": "apt", "north": "n", "south": "s", "east": "e", "west": "w", "mount": "mt", "saint": "st",
}


def _ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """'  O'Brien-Smith ' -> 'obriensmith': letters only, so punctuation and spacing typed on a phone vanish."""
    return _NOT_LETTER.sub("", _ascii_lower(name))


@lru_cache(maxsize=200_000)
def variant_set(first_name: str) -> frozenset[str]:
    """The lower-case name plus its canonical forms (nicknames package): 'Bob' -> {bob, robert, …}.

    Two first names are nickname-equivalent when their variant sets meet; blocking on every variant lets
    'Liz' find 'Elizabeth' without comparing her with everyone.
    """
    key = name_key(first_name)
    if not key:
        return frozenset()
    return frozenset({key} | _NICKNAMES.canonicals_of(key))


def name_variants(first_name: str) -> set[str]:
    """Public form of `variant_set` (a fresh set), e.g. for blocking in a database query."""
    return set(variant_set(first_name))


@lru_cache(maxsize=200_000)
def sound_key(last_name: str) -> str:
    """Metaphone of the last name (jellyfish): 'Smyth' and 'Smith' land in one block."""
    key = name_key(last_name)
    return jellyfish.metaphone(key) if key else ""


def parse_dob(text: str) -> tuple[int, int, int]:
    """(year, month, day), 0 where unknown or unparseable; never raises (typed dates are messy)."""
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) if part else 0 for part in match.groups())
    else:
        match = _US_DATE.match(text)
        if not match:
            return (0, 0, 0)
        month, day, year = (int(part) for part in match.groups())
    if not 1850 <= year <= 2100:
        return (0, 0, 0)
    if not 1 <= month <= 12:
        return (year, 0, 0)
    if not 1 <= day <= 31:
        return (year, month, 0)
    return (year, month, day)


def phone_digits(text: str) -> str:
    """Up to the last 10 digits; a leading US country code dropped; '' when fewer than 7 digits."""
    digits = text if text.isdigit() else _NOT_DIGIT.sub("", text)
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    digits = digits[-10:]
    return digits if len(digits) >= 7 else ""


@lru_cache(maxsize=100_000)
def place_key(text: str) -> str:
    """City or state: lower-case letters and digits with single spaces."""
    return " ".join(_NOT_ALNUM.split(_ascii_lower(text))).strip()


def zip5(text: str) -> str:
    digits = text if text.isdigit() else _NOT_DIGIT.sub("", text)
    return digits[:5] if len(digits) >= 5 else ""


def address_key(address: str) -> str:
    """'12 North Main Street, Apt. 4' -> '12 n main st apt 4'."""
    words = _NOT_ALNUM.split(_ascii_lower(address))
    return " ".join(_ADDRESS_WORDS.get(word, word) for word in words if word)


def cached_map(function: Callable[[str], object], values: Sequence[str]) -> list:
    """`[function(v) for v in values]`, computing each distinct value once (dict.fromkeys finds them at C speed)."""
    table = {value: function(value) for value in dict.fromkeys(values)}
    return list(map(table.__getitem__, values))


def split_full_name(first: str, last: str) -> tuple[str, str]:
    """A whole name typed into the first-name box ('Bob Smith', last empty) becomes first + last."""
    if last.strip() or " " not in first.strip():
        return first, last
    parts = first.split()
    return parts[0], parts[-1]


@dataclass
class Prepared:
    """Column-wise normalised records, ready for vectorised comparison."""

    ids: list[str]
    first: np.ndarray  # object arrays of str
    middle: np.ndarray
    last: np.ndarray
    dob: np.ndarray  # int32 (n, 3): year, month, day; 0 = unknown
    address: np.ndarray
    city: np.ndarray
    state: np.ndarray
    zip: np.ndarray
    zip3: np.ndarray
    phone: np.ndarray
    phone7: np.ndarray
    email: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def _objects(values: list) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def prepare(records: Sequence[Record], *, with_address: np.ndarray | None = None) -> Prepared:
    """Normalise every field the comparison uses (see compare.py).

    `with_address`: which records' addresses to normalise (the others read as blank) — the one costly
    field, and pointless for voters only ever paired with contacts typed without an address.
    """
    names = [(r.first_name, r.last_name) if r.last_name or " " not in r.first_name.strip()
             else split_full_name(r.first_name, r.last_name) for r in records]
    addresses = [f"{r.address} {r.address2}" if r.address2 else r.address for r in records]
    if with_address is not None:
        addresses = [a if keep else "" for a, keep in zip(addresses, with_address.tolist(), strict=True)]
    zips = cached_map(zip5, [r.zip for r in records])
    phones = [phone_digits(r.phone) if r.phone else "" for r in records]
    return Prepared(
        ids=[r.id for r in records],
        first=_objects(cached_map(name_key, [first for first, _ in names])),
        middle=_objects(cached_map(name_key, [r.middle_name for r in records])),
        last=_objects(cached_map(name_key, [last for _, last in names])),
        dob=np.array(cached_map(parse_dob, [r.dob for r in records]), dtype=np.int32).reshape(-1, 3),
        address=_objects(cached_map(address_key, addresses)),
        city=_objects(cached_map(place_key, [r.city for r in records])),
        state=_objects(cached_map(place_key, [r.state for r in records])),
        zip=_objects(zips),
        zip3=_objects([z[:3] for z in zips]),
        phone=_objects(phones),
        phone7=_objects([p[-7:] for p in phones]),
        email=_objects([r.email.strip().lower() if "@" in r.email else "" for r in records]),
    )
