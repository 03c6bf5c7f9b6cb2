"""The two value types of the matcher: what a person looks like to it, and what it says about a pair."""

from dataclasses import dataclass

FIELDS: tuple[str, ...] = (
    "first_name", "middle_name", "last_name", "dob", "address", "address2", "city", "state", "zip", "phone", "email",
)


@dataclass(frozen=True, slots=True)
class Record:
    """One person as typed somewhere (a phone's contact list, a voter file); every field is "" when unknown.

    `dob` is 'YYYY-MM-DD', 'YYYY-MM', 'YYYY' (or a US 'MM/DD/YYYY'); a partial date compares as partial.
    """

    id: str
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    dob: str = ""
    address: str = ""
    address2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Candidate:
    """One scored right-hand record: the evidence (`agreements`, the reasons) as well as the verdict."""

    right_id: str
    probability: float  # 0..1 match probability (posterior, with the model's prior)
    weight: float  # total log2 Bayes factor (Fellegi–Sunter match weight), prior excluded
    agreements: dict[str, str]  # compared field -> "exact" | "nickname" | "similar" | "swapped" | "partial" | ...
