"""A seeded, voter-file-shaped CSV for the benchmark, the demo and tests.

`messy=True` adds what real files have: Latin-1 names, stray columns, bad dates, impossible phones,
missing names, bad emails, repeated voter ids and quoted newlines in addresses (about 3% of rows)."""

import csv
import random
from pathlib import Path

FIRST = ["Maria", "James", "Aisha", "Wei", "José", "Emily", "Kwame", "Olivia", "Liam", "Noah", "Fatima", "Chloé",
         "Ethan", "Sofia", "Mateo", "Hannah", "Omar", "Grace", "Lucas", "Zoë", "Ava", "Jamal", "Priya", "Dmitri"]
LAST = ["Garcia", "Smith", "Johnson", "Nguyen", "Williams", "Brown", "Jones", "Miller", "Davis", "Martínez",
        "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Lee", "Pérez", "O'Brien"]
STREETS = ["Oak St", "Maple Ave", "Cedar Ln", "Pine Rd", "Elm St", "Main St", "Lake Dr", "Hill Rd", "Park Ave"]
PLACES = [("Austin", "TX", "787", "512"), ("Denver", "CO", "802", "303"), ("Columbus", "OH", "432", "614"),
          ("Phoenix", "AZ", "850", "602"), ("Madison", "WI", "537", "608"), ("Raleigh", "NC", "276", "919"),
          ("Portland", "OR", "972", "503"), ("Atlanta", "GA", "303", "404")]
PARTIES = ["DEM", "REP", "IND", "GRN", "LIB", ""]
STATUSES = ["A", "A", "A", "I", "Active", "Inactive"]
ELECTIONS = ["2024_general", "2022_general", "2020_general", "2024_primary"]
VOTE_VALUES = ["Y", "N", "", "A", "E", "P", "M"]
HEADER = [
    "Voter ID", "First Name", "Middle", "Last Name", "DOB", "Phone", "Cell Phone", "Email", "Address", "City",
    "State", "Zip", "Party", "Status", "County", "Precinct", "CD", *[f"voted_{e}" for e in ELECTIONS], "Tags",
]


def _row(rng: random.Random, n: int) -> list[str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, state, zip3, area = rng.choice(PLACES)
    exchange = rng.randint(200, 999)
    phone = f"({area}) {exchange}-{rng.randint(0, 9999):04d}"
    cell = f"{area}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}" if rng.random() < 0.6 else ""
    email = f"{first.lower()}.{last.lower()}{n}@example.org".replace("'", "") if rng.random() < 0.4 else ""
    dob = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(1935, 2005)}"
    return [
        f"VF{n:09d}", first, rng.choice(["", "A", "J", "M", "Lee"]), last, dob, phone, cell, email,
        f"{rng.randint(1, 9999)} {rng.choice(STREETS)}", city, state, f"{zip3}{rng.randint(0, 99):02d}",
        rng.choice(PARTIES), rng.choice(STATUSES), f"{city} County", f"P-{rng.randint(1, 400):03d}",
        str(rng.randint(1, 12)), *[rng.choice(VOTE_VALUES) for _ in ELECTIONS],
        rng.choice(["", "", "", "volunteer", "donor;volunteer", "canvassed 2024"]),
    ]


def _mess(rng: random.Random, row: list[str]) -> list[str]:
    kind = rng.randrange(7)
    if kind == 0:
        row[4] = rng.choice(["13/45/1990", "sometime", "02/30/1980"])
    elif kind == 1:
        row[5] = rng.choice(["555", "(000) 000-0000", "call me"])
    elif kind == 2:
        row[1] = row[3] = ""
    elif kind == 3:
        row[7] = "not-an-email@"
    elif kind == 4:
        row[8] = row[8] + "\nApt 4"  # a quoted newline: still a good row
    elif kind == 5:
        row[-2] = "maybe"
    else:
        row = row[:-3]  # a short row
    return row


def write_voter_file(path: str | Path, rows: int, *, seed: int = 2026, messy: bool = False) -> Path:
    """Write `rows` data rows (plus a header) to `path`; the same seed always gives the same file."""
    rng = random.Random(seed)
    path = Path(path)
    header = HEADER + (["Notes (ignore)"] if messy else [])
    with open(path, "w", encoding="latin-1" if messy else "utf-8", errors="replace", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for n in range(1, rows + 1):
            row = _row(rng, n)
            if messy:
                row.append(rng.choice(["", "called twice", "moved?"]))
                if rng.random() < 0.03:
                    row = _mess(rng, row)
                if rng.random() < 0.005 and n > 1:
                    row[0] = f"VF{n - 1:09d}"  # the voter id of the row before
            writer.writerow(row)
    return path
