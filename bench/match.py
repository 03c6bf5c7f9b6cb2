"""Benchmark: link a contact list typed into phones to a voter file; quality against the truth, and speed.

    bench/match.py [--left 10000] [--right 1000000] [--seed 7] [--skip-baseline]
                   [--baseline-right 100000] [--threshold T] [--sweep] [--cli]

Builds (seeded, numpy sampling from name pools: Faker's en_US first/last name frequency tables, made-up
streets and cities) a voter file of --right people living in households (shared last name, address,
sometimes a landline) and a contact list of --left people as volunteers type them: ~70 % are voters
(the truth is kept), ~30 % are not on the file; nicknames (Bob for Robert, via the nicknames package),
typos, swapped first/last names, whole names in the first-name box, mostly missing birth dates (some only a
year), old addresses, phones with or without area code, changed phones, few emails, cities, ZIPs.

Prints JSON lines:
  {"bench": "match", "left", "right", "precision", "recall", "f1", "seconds", "peak_rss_mb", ...}
    — the real matcher (groundswell.relational.matching.link, training by EM included) on in-memory
    records; `seconds` is link() alone, not the data generation.
  {"bench": "match-baseline", "linker": "recordlinkage", "left", "right", ...} — recordlinkage 0.16 on the
    same records (a --baseline-right slice when --right is larger, with ours re-run on the same slice as
    "bench": "match-slice"), configured as its documentation shows: union of blocking passes, string/exact
    comparisons, ECMClassifier (unsupervised Fellegi–Sunter by EM), then the same greedy one-to-one.
"""

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from groundswell.relational.matching import Record, link  # noqa: E402 - after the path is set
from groundswell.relational.matching.bulk import no_gc_pauses  # noqa: E402
from groundswell.relational.matching.link import one_to_one  # noqa: E402

STREET_SUFFIXES = ["St", "Ave", "Rd", "Dr", "Ln", "Ct", "Pl", "Blvd", "Way", "Ter"]
STREET_SPELLED = {"St": "Street", "Ave": "Avenue", "Rd": "Road", "Dr": "Drive", "Ln": "Lane", "Ct": "Court",
                  "Pl": "Place", "Blvd": "Boulevard", "Way": "Way", "Ter": "Terrace"}
STATE = "PA"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--left", type=int, default=10_000, help="contacts (default 10,000)")
    parser.add_argument("--right", type=int, default=1_000_000, help="voters (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=None, help="match probability cut-off (default: ours)")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--baseline-right", type=int, default=100_000,
                        help="voters in the slice both linkers run on when --right is larger (default 100,000)")
    parser.add_argument("--sweep", action="store_true", help="also print F1 per threshold (to pick the default)")
    parser.add_argument("--cli", action="store_true",
                        help="also write both lists as CSV and time 'groundswell match' end to end (bench: match-cli)")
    return parser.parse_args()


# -- data -------------------------------------------------------------------------------------------------


class Pools:
    """Name pools with realistic frequencies (Faker's en_US census-derived tables), and places."""

    def __init__(self, rng: np.random.Generator) -> None:
        from faker.providers.person.en_US import Provider as Person
        from nicknames import NickNamer

        firsts = {**Person.first_names_male, **Person.first_names_female}
        self.first = np.array(list(firsts), dtype=object)
        self.first_p = np.array(list(firsts.values()), dtype=float)
        self.first_p /= self.first_p.sum()
        self.last = np.array(list(Person.last_names), dtype=object)
        self.last_p = np.array(list(Person.last_names.values()), dtype=float)
        self.last_p /= self.last_p.sum()
        namer = NickNamer()
        # Nicknames people actually type: short, and listed for the name (Robert -> bob, rob, bobby …).
        self.nicknames = {name: sorted(n for n in namer.nicknames_of(name.lower()) if 2 <= len(n) <= 6)
                          for name in self.first}
        syllables = ["ash", "oak", "elm", "pine", "maple", "cedar", "birch", "wood", "field", "brook", "hill",
                     "lake", "spring", "glen", "ridge", "river", "stone", "meadow", "park", "view", "haven",
                     "fair", "green", "high", "mill", "north", "west", "east", "south", "bridge"]
        self.streets = np.array([f"{a.title()}{b}" for a in syllables for b in syllables if a != b], dtype=object)
        self.cities = np.array([f"{a.title()} {b.title()}" if k % 3 else f"{a.title()}{b}"
                                for k, (a, b) in enumerate((a, b) for a in syllables for b in syllables[:12]
                                                           if a != b)][:300], dtype=object)
        self.city_zip = {city: 15000 + 10 * k for k, city in enumerate(self.cities)}
        self.rng = rng


def typo(word: str, rng: np.random.Generator) -> str:
    """One keyboard slip: drop, double, swap two neighbours or replace a letter (not the first one)."""
    if len(word) < 3:
        return word
    k = int(rng.integers(1, len(word)))
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return word[:k] + word[k + 1:]
    if kind == 1:
        return word[:k] + word[k] + word[k:]
    if kind == 2 and k < len(word) - 1:
        return word[:k] + word[k + 1] + word[k] + word[k + 2:]
    return word[:k] + "abcdefghijklmnopqrstuvwxyz"[int(rng.integers(0, 26))] + word[k + 1:]


def make_voters(n: int, pools: Pools, rng: np.random.Generator) -> list[Record]:
    """Voters in households of 1-4: shared last name (mostly), address, city, ZIP, sometimes a landline."""
    sizes = rng.choice([1, 2, 3, 4], size=n, p=[0.45, 0.3, 0.15, 0.1])
    household = np.repeat(np.arange(n), sizes)[:n]
    hh_count = household[-1] + 1
    hh_last = rng.choice(pools.last, size=hh_count, p=pools.last_p)
    hh_city = rng.integers(0, len(pools.cities), size=hh_count)
    hh_number = rng.integers(1, 9999, size=hh_count)
    hh_street = rng.choice(pools.streets, size=hh_count)
    hh_suffix = rng.choice(STREET_SUFFIXES, size=hh_count)
    hh_landline = rng.integers(2_000_000_000, 9_999_999_999, size=hh_count)
    own_last = rng.random(n) < 0.15
    last = np.where(own_last, rng.choice(pools.last, size=n, p=pools.last_p), hh_last[household])
    first = rng.choice(pools.first, size=n, p=pools.first_p)
    middle = rng.choice(pools.first, size=n, p=pools.first_p)
    middle_kind = rng.random(n)
    year = rng.integers(1935, 2007, size=n)
    month = rng.integers(1, 13, size=n)
    day = rng.integers(1, 29, size=n)
    cell = rng.integers(2_000_000_000, 9_999_999_999, size=n)
    phone_kind = rng.random(n)
    has_email = rng.random(n) < 0.2
    voters = []
    for i in range(n):
        h = household[i]
        city = pools.cities[hh_city[h]]
        phone = str(cell[i]) if phone_kind[i] < 0.6 else (str(hh_landline[h]) if phone_kind[i] < 0.8 else "")
        voters.append(Record(
            id=f"V{i:07d}", first_name=first[i], last_name=last[i],
            middle_name=middle[i] if middle_kind[i] < 0.4 else (middle[i][0] if middle_kind[i] < 0.7 else ""),
            dob=f"{year[i]}-{month[i]:02d}-{day[i]:02d}",
            address=f"{hh_number[h]} {hh_street[h]} {hh_suffix[h]}", city=city, state=STATE,
            zip=str(pools.city_zip[city] + int(hh_number[h]) % 3), phone=phone,
            email=f"{first[i].lower()}.{last[i].lower()}{cell[i] % 1000}@example.org" if has_email[i] else "",
        ))
    return voters


def make_contacts(n: int, voters: list[Record], pools: Pools, rng: np.random.Generator,
                  present: float = 0.7) -> tuple[list[Record], dict[str, str]]:
    """Contacts as typed into phones; returns them and the truth (contact id -> voter id) for the ~70 %."""
    outsiders = make_voters(n, pools, rng)  # people of the same kind who are not on the file
    chosen = rng.choice(len(voters), size=n, replace=False)
    contacts, truth = [], {}
    for k in range(n):
        on_file = rng.random() < present
        person = voters[chosen[k]] if on_file else outsiders[k]
        cid = f"C{k:06d}"
        if on_file:
            truth[cid] = person.id
        contacts.append(typed(cid, person, pools, rng))
    return contacts, truth


def typed(cid: str, p: Record, pools: Pools, rng: np.random.Generator) -> Record:
    r = rng.random(16)
    first, last = p.first_name, p.last_name
    nicks = pools.nicknames.get(first) or []
    if r[0] < 0.25 and nicks:
        first = nicks[int(rng.integers(0, len(nicks)))].title()
    elif r[0] < 0.33:
        first = typo(first, rng)
    if r[1] < 0.08:
        last = typo(last, rng)
    elif r[1] < 0.11:  # married, or the volunteer only knows the maiden name
        last = rng.choice(pools.last, p=pools.last_p)
    if r[2] < 0.3:
        first, last = first.lower(), last.lower()
    if r[3] < 0.04:
        first, last = last, first
    elif r[3] < 0.07:
        first, last = f"{first} {last}", ""
    dob = ""
    if r[4] < 0.10:
        dob = p.dob[:4]
    elif r[4] < 0.13:
        dob = p.dob[:7]
    elif r[4] < 0.25:
        dob = p.dob
    phone = ""
    if r[5] < 0.6 and p.phone:
        digits = p.phone
        phone = (digits[3:6] + "-" + digits[6:] if r[6] < 0.15 else
                 f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if r[6] < 0.6 else "+1 " + digits)
    elif r[5] < 0.75:  # a new cell phone the voter file does not know
        phone = str(rng.integers(2_000_000_000, 9_999_999_999))
    address = city = zip_code = ""
    if r[7] < 0.25:
        if r[8] < 0.3:  # an old address
            address = f"{int(rng.integers(1, 9999))} {rng.choice(pools.streets)} {rng.choice(STREET_SUFFIXES)}"
        else:
            number, street, suffix = p.address.split(" ")
            address = f"{number} {street} {STREET_SPELLED[suffix] if r[9] < 0.5 else suffix}"
    if r[10] < 0.5:
        city = p.city if r[11] < 0.85 else str(rng.choice(pools.cities))
    if r[12] < 0.2:
        zip_code = p.zip
    email = ""
    if r[13] < 0.3:
        email = p.email if p.email and r[14] < 0.7 else f"{first.lower()[:1]}{last.lower()}{cid[-3:]}@mail.example"
    return Record(id=cid, first_name=first, last_name=last, dob=dob, phone=phone, address=address, city=city,
                  state=STATE if r[15] < 0.2 else "", zip=zip_code, email=email)


# -- scoring ----------------------------------------------------------------------------------------------


def quality(pairs: list[tuple[str, str, float]], truth: dict[str, str]) -> dict:
    found = sum(1 for left_id, right_id, _ in pairs if truth.get(left_id) == right_id)
    precision = found / len(pairs) if pairs else 0.0
    recall = found / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} vCPU {model}"


def run_ours(bench: str, left: list[Record], right: list[Record], truth: dict[str, str],
             threshold: float | None) -> list[tuple[str, str, float]]:
    started, cpu_started = time.perf_counter(), time.process_time()
    pairs = link(left, right, threshold=0.0 if threshold is None else threshold)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    from groundswell.relational.matching import DEFAULT_THRESHOLD

    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    kept = [p for p in pairs if p[2] >= cut]
    print(json.dumps({"bench": bench, "left": len(left), "right": len(right), **quality(kept, truth),
                      "threshold": cut, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
                      "peak_rss_mb": peak_rss_mb(), "load_avg_1m": round(os.getloadavg()[0], 2),
                      "machine": machine()}), flush=True)
    return pairs


def run_baseline(left: list[Record], right: list[Record], truth: dict[str, str]) -> list[tuple[str, str, float]]:
    """recordlinkage: blocking passes, comparisons, ECMClassifier, greedy one-to-one."""
    import jellyfish
    import pandas as pd
    import recordlinkage
    from recordlinkage.preprocessing import clean

    def frame(records: list[Record]) -> pd.DataFrame:
        df = pd.DataFrame([{f: getattr(r, f) for f in Record.__slots__} for r in records]).set_index("id")
        for column in ["first_name", "last_name", "address", "city", "email"]:
            df[column] = clean(df[column])
        df["phone"] = df["phone"].str.replace(r"\D", "", regex=True).str[-7:]
        df["first_initial"] = df["first_name"].str[:1]
        df["last_sound"] = [jellyfish.soundex(x) if x else "" for x in df["last_name"].fillna("")]
        df["zip"] = df["zip"].str[:5]
        return df.replace("", None)

    started = time.perf_counter()
    a, b = frame(left), frame(right)
    indexer = recordlinkage.Index()
    indexer.block(left_on=["last_sound", "first_initial"], right_on=["last_sound", "first_initial"])
    indexer.block(left_on="phone", right_on="phone")
    indexer.block(left_on=["first_name", "zip"], right_on=["first_name", "zip"])
    indexer.block(left_on=["first_name", "city"], right_on=["first_name", "city"])
    indexer.block(left_on="dob", right_on="dob")
    candidates = indexer.index(a, b)
    compare = recordlinkage.Compare()
    compare.string("first_name", "first_name", method="jarowinkler", threshold=0.85, label="first")
    compare.string("last_name", "last_name", method="jarowinkler", threshold=0.85, label="last")
    compare.exact("dob", "dob", label="dob")
    compare.exact("phone", "phone", label="phone")
    compare.exact("email", "email", label="email")
    compare.string("address", "address", method="levenshtein", threshold=0.85, label="address")
    compare.exact("city", "city", label="city")
    compare.exact("zip", "zip", label="zip")
    features = compare.compute(candidates, a, b)
    classifier = recordlinkage.ECMClassifier(binarize=None)
    classifier.fit(features)
    probability = classifier.prob(features).to_numpy()
    lids = features.index.get_level_values(0).to_numpy()
    rids = features.index.get_level_values(1).to_numpy()
    keep = np.flatnonzero(probability >= 0.5)
    lcodes, lpos = np.unique(lids[keep], return_inverse=True)
    rcodes, rpos = np.unique(rids[keep], return_inverse=True)
    chosen = one_to_one(lpos, rpos, probability[keep], probability[keep])
    pairs = [(lcodes[lpos[k]], rcodes[rpos[k]], float(probability[keep][k])) for k in chosen]
    seconds = time.perf_counter() - started
    print(json.dumps({"bench": "match-baseline", "linker": f"recordlinkage {recordlinkage.__version__}",
                      "left": len(left), "right": len(right), **quality(pairs, truth), "threshold": 0.5,
                      "candidate_pairs": len(candidates), "seconds": round(seconds, 2),
                      "peak_rss_mb": peak_rss_mb()}), flush=True)
    return pairs


def sweep(pairs: list[tuple[str, str, float]], truth: dict[str, str], right: int) -> None:
    for cut in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99):
        kept = [p for p in pairs if p[2] >= cut]
        print(json.dumps({"bench": "match-sweep", "right": right, "threshold": cut, **quality(kept, truth)}),
              flush=True)


def run_cli(left: list[Record], right: list[Record], truth: dict[str, str]) -> None:
    """Write the lists as CSV files and time the real command in a fresh process, reading and writing included."""
    import csv
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, records in (("contacts", left), ("voters", right)):
            paths[name] = Path(folder) / f"{name}.csv"
            with paths[name].open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(Record.__slots__)
                writer.writerows([getattr(r, f) for f in Record.__slots__] for r in records)
        out_path = Path(folder) / "pairs.csv"
        command = [sys.executable, "-c", "import sys; from groundswell.cli import main; sys.exit(main())",
                   "match", "--left", str(paths["contacts"]), "--right", str(paths["voters"]), "--out", str(out_path)]
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=Path(__file__).resolve().parent.parent)
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_seconds = usage.ru_utime + usage.ru_stime
        with out_path.open(newline="", encoding="utf-8") as pairs_file:
            pairs = [(row["left_id"], row["right_id"], float(row["score"])) for row in csv.DictReader(pairs_file)]
    print(json.dumps({"bench": "match-cli", "left": len(left), "right": len(right), **quality(pairs, truth),
                      "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
                      "load_avg_1m": round(os.getloadavg()[0], 2)}), flush=True)


def main() -> None:
    args = parse_args()
    rng = np.random.default_rng(args.seed)
    pools = Pools(rng)
    started = time.perf_counter()
    with no_gc_pauses():
        voters = make_voters(args.right, pools, rng)
        contacts, truth = make_contacts(args.left, voters, pools, rng)
    print(f"generated {len(contacts)} contacts, {len(voters)} voters in {time.perf_counter() - started:.1f} s",
          file=sys.stderr, flush=True)
    pairs = run_ours("match", contacts, voters, truth, args.threshold)
    if args.sweep:
        sweep(pairs, truth, len(voters))
    if args.cli:
        run_cli(contacts, voters, truth)
    if args.skip_baseline:
        return
    if len(voters) > args.baseline_right:
        # The slice keeps every true partner (so recall means the same) plus random other voters.
        partners = set(truth.values())
        others = [v for v in voters if v.id not in partners]
        picks = rng.choice(len(others), size=args.baseline_right - len(partners), replace=False)
        voters = [v for v in voters if v.id in partners] + [others[k] for k in sorted(picks)]
        slice_pairs = run_ours("match-slice", contacts, voters, truth, args.threshold)
        if args.sweep:
            sweep(slice_pairs, truth, len(voters))
    run_baseline(contacts, voters, truth)


if __name__ == "__main__":
    main()
