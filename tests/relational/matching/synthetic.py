"""A small seeded voter file and contact list for tests (bench/match.py builds the big, harsher one)."""

import numpy as np
from faker.providers.person.en_US import Provider as Person
from nicknames import NickNamer

from groundswell.relational.matching import Record

CITIES = ["Springfield", "Riverton", "Lakewood", "Fairview", "Georgetown", "Salem", "Madison", "Clinton"]


def voters_and_contacts(n_voters: int, n_contacts: int, seed: int) -> tuple[list[Record], list[Record], dict]:
    """(voters, contacts, truth): 70 % of contacts are voters typed sloppily; truth maps contact -> voter id."""
    rng = np.random.default_rng(seed)
    firsts = np.array(list(Person.first_names_male)[:150] + list(Person.first_names_female)[:150], dtype=object)
    lasts = np.array(list(Person.last_names)[:300], dtype=object)
    namer = NickNamer()
    voters = [
        Record(id=f"V{i}", first_name=str(rng.choice(firsts)), last_name=str(rng.choice(lasts)),
               dob=f"{rng.integers(1940, 2005)}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}",
               address=f"{rng.integers(1, 999)} {rng.choice(lasts)} St", city=str(rng.choice(CITIES)),
               state="PA", zip=str(rng.integers(15000, 15100)), phone=str(rng.integers(2_000_000_000, 9_999_999_999)))
        for i in range(n_voters)
    ]
    contacts, truth = [], {}
    for k in range(n_contacts):
        if rng.random() < 0.7:
            person = voters[int(rng.integers(0, n_voters))]
            if person.id in truth.values():
                continue
            truth[f"C{k}"] = person.id
        else:
            person = Record(id="", first_name=str(rng.choice(firsts)), last_name=str(rng.choice(lasts)),
                            city=str(rng.choice(CITIES)), phone=str(rng.integers(2_000_000_000, 9_999_999_999)))
        first = person.first_name
        nicks = sorted(namer.nicknames_of(first.lower()))
        if nicks and rng.random() < 0.3:
            first = nicks[int(rng.integers(0, len(nicks)))]
        last = person.last_name
        if rng.random() < 0.1:
            last = last[:2] + last[3:] if len(last) > 3 else last
        contacts.append(Record(
            id=f"C{k}", first_name=first, last_name=last,
            phone=person.phone[-7:] if rng.random() < 0.3 else (person.phone if rng.random() < 0.6 else ""),
            city=person.city if rng.random() < 0.6 else "",
            dob=person.dob[:4] if rng.random() < 0.2 else "",
        ))
    return voters, contacts, truth


def precision_recall(pairs: list[tuple[str, str, float]], truth: dict[str, str]) -> tuple[float, float]:
    right = sum(1 for left_id, right_id, _ in pairs if truth.get(left_id) == right_id)
    return right / max(len(pairs), 1), right / max(len(truth), 1)
