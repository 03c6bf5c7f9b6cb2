"""The demo CRM: ~20,000 voter-file people across the demo regions, loaded through the real import path.

Each chapter gets its own seeded voter-file CSV (its city's streets, ZIP codes, area code, precincts and
districts), imported into that chapter with import_create + run_import exactly as an upload would be, so
every chapter owns its people and its import shows on the imports page (with a few rejected rows, like a
real file). Then: a few custom fields (mapped from the files), tags, some opt-outs recorded through
consent.opt_out, household look-alikes queued as likely duplicates, and a handful of saved lists.

Loading again changes nothing: a chapter whose demo import is done is skipped, and fields, opt-outs and
lists are only added when missing.
"""

import csv
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from faker import Faker

from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.people.consent import opt_out
from groundswell.people.dedupe import find_candidates
from groundswell.people.importing.mapping import suggest_mapping
from groundswell.people.importing.runner import import_create, run_import
from groundswell.people.models import Channel, ConsentEvent, CustomField, ImportJob, PeopleList, Person
from groundswell.people.selectors import primary_contact_value
from groundswell.people.services_fields import custom_field_save
from groundswell.people.services_lists import list_create

DEMO_PEOPLE = 20_000
FILE_PREFIX = "demo-voter-file-"
ELECTIONS = ["2024 General", "2024 Primary", "2022 General", "2020 General"]
ISSUES = ["Housing", "Health care", "Wages", "Climate", "Schools", "Transit"]
TAGS = ["volunteer", "donor", "union member", "spanish speaker", "signed petition", "event attendee"]
HEADER = [
    "Voter ID", "First Name", "Middle", "Last Name", "DOB", "Phone", "Cell Phone", "Email", "Address", "City",
    "State", "Zip", "Lat", "Lon", "Time Zone", "Party", "Status", "County", "Precinct", "CD", "HD",
    *[f"Voted {e}" for e in ELECTIONS], "Tags", "Support Score", "Top Issue", "First Signup",
]
CUSTOM_FIELDS = [  # key, label (= the column header, so the mapping is suggested), kind, choices
    ("support_score", "Support Score", CustomField.Kind.NUMBER, []),
    ("top_issue", "Top Issue", CustomField.Kind.CHOICE, ISSUES),
    ("first_signup", "First Signup", CustomField.Kind.DATE, []),
]

# City → state, county, first three ZIP digits, latitude, longitude (the demo chapters of orgs.demo).
CITIES: dict[str, tuple[str, str, str, float, float]] = {
    "Boston": ("MA", "Suffolk", "021", 42.36, -71.06), "Philadelphia": ("PA", "Philadelphia", "191", 39.95, -75.17),
    "Pittsburgh": ("PA", "Allegheny", "152", 40.44, -80.00), "Providence": ("RI", "Providence", "029", 41.82, -71.41),
    "Buffalo": ("NY", "Erie", "142", 42.89, -78.88), "Atlanta": ("GA", "Fulton", "303", 33.75, -84.39),
    "Houston": ("TX", "Harris", "770", 29.76, -95.37), "Nashville": ("TN", "Davidson", "372", 36.16, -86.78),
    "Charlotte": ("NC", "Mecklenburg", "282", 35.23, -80.84), "New Orleans": ("LA", "Orleans", "701", 29.95, -90.07),
    "Chicago": ("IL", "Cook", "606", 41.88, -87.63), "Detroit": ("MI", "Wayne", "482", 42.33, -83.05),
    "Minneapolis": ("MN", "Hennepin", "554", 44.98, -93.27), "Indianapolis": ("IN", "Marion", "462", 39.77, -86.16),
    "Milwaukee": ("WI", "Milwaukee", "532", 43.04, -87.91), "Los Angeles": ("CA", "Los Angeles", "900", 34.05, -118.24),
    "Seattle": ("WA", "King", "981", 47.61, -122.33), "Denver": ("CO", "Denver", "802", 39.74, -104.99),
    "Phoenix": ("AZ", "Maricopa", "850", 33.45, -112.07), "Portland": ("OR", "Multnomah", "972", 45.52, -122.68),
}
PARTIES = ["DEM", "DEM", "DEM", "REP", "REP", "IND", "IND", "GRN", "LIB", ""]
OPT_OUT_EVERY = 150  # about one person in 150 asked not to be contacted on some channel
DUPLICATE_EVERY = 300  # about one person in 300 appears twice (a second registration at the same address)
DEMO_NOTE = "demo data"
POOL_SEED = 2026
MESSY_EVERY = 400  # about one row in 400 has a mistake the import rejects


@dataclass
class PeopleDemoSummary:
    people: int
    imports: int  # imports run by this load (0 when everything was already there)
    rejected: int
    lists: int


def demo_people_count() -> int:
    """settings.DEMO_PEOPLE (GROUNDSWELL_DEMO_PEOPLE in the environment; the test settings say 0)."""
    return int(getattr(settings, "DEMO_PEOPLE", DEMO_PEOPLE))


def people_demo_load(org: Team, *, people: int | None = None, seed: int = 2026) -> PeopleDemoSummary:
    """Give the demo organization its CRM (idempotent: what is already there is left as it is)."""
    people = demo_people_count() if people is None else people
    if people <= 0:
        return PeopleDemoSummary(people=0, imports=0, rejected=0, lists=0)
    actor = _demo_actor(org)
    _ensure_custom_fields(actor, org)
    chapters = list(Team.objects.filter(path__startswith=org.path, kind=Team.Kind.CHAPTER).order_by("path"))
    counts = _split(people, len(chapters), random.Random(seed))
    ran, rejected = 0, 0
    for index, (chapter, count) in enumerate(zip(chapters, counts, strict=True)):
        job = _import_chapter(actor, org, chapter, count, seed + index, first_id=index * 1_000_000)
        if job is not None:
            ran, rejected = ran + 1, rejected + job.rejected
    _record_opt_outs(actor, org)
    find_candidates(org)  # the duplicates queue: the household look-alikes, and numbers people share
    lists = _ensure_lists(actor, org)
    total = Person.objects.filter(org=org, deleted_at__isnull=True).count()
    return PeopleDemoSummary(people=total, imports=ran, rejected=rejected, lists=lists)


def _demo_actor(org: Team) -> Actor:
    """The organization's first admin: imports, opt-outs and lists are recorded as theirs."""
    admin = Membership.objects.filter(team=org, role=Membership.Role.ADMIN).select_related("user").order_by("pk")
    first = admin.first()
    if first is None:
        raise ValueError(f"{org} has no admin to load the demo people as")
    return Actor.for_user(first.user)


def _ensure_custom_fields(actor: Actor, org: Team) -> None:
    have = set(CustomField.objects.filter(org=org).values_list("key", flat=True))
    for key, label, kind, choices in CUSTOM_FIELDS:
        if key not in have:
            custom_field_save(actor=actor, org=org, key=key, label=label, kind=kind, choices=choices)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    counts = [int(total * w / sum(weights)) for w in weights]
    if counts:
        counts[0] += total - sum(counts)
    return counts


def _import_chapter(actor: Actor, org: Team, chapter: Team, rows: int, seed: int, first_id: int) -> ImportJob | None:
    """Write the chapter's file under MEDIA_ROOT/imports and import it; None when it was imported before."""
    city = chapter.name
    if city not in CITIES or rows <= 0:
        return None
    name = f"{FILE_PREFIX}{chapter.slug}.csv"
    if ImportJob.objects.filter(team=chapter, file_name=name, status=ImportJob.Status.DONE).exists():
        return None
    path = Path(settings.MEDIA_ROOT) / "imports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    area, zone = _area_and_zone(city)
    write_demo_file(path, city, area, rows, seed=seed, first_id=first_id, zone=zone)
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    job = import_create(actor=actor, team=chapter, path=path, file_name=name, mapping=suggest_mapping(org, header))
    return run_import(job)  # a failed job is resumed by the next load (import_create finds it)


def _area_and_zone(city: str) -> tuple[str, str]:
    """The city's area code and time zone from the demo's own table (orgs.demo imports this module)."""
    from groundswell.orgs.demo import REGIONS

    return next(((area, zone) for _, cities in REGIONS.values() for name, zone, area in cities if name == city),
                ("312", ""))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@cache
def _pools(seed: int) -> tuple[list[str], list[str], list[str]]:
    """First names, last names and street names, drawn once per process: Faker's weighted picks cost more
    than importing the row they would go into."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return ([fake.first_name() for _ in range(400)], [fake.last_name() for _ in range(600)],
            [fake.street_name() for _ in range(300)])


@dataclass(frozen=True)
class _Place:
    """What every row of one city's file shares."""

    city: str
    area: str
    zone: str
    streets: list[str]
    exchanges: list[int]
    zips: list[str]
    districts: list[str]


def write_demo_file(
    path: Path, city: str, area: str, rows: int, *, seed: int, first_id: int = 0, zone: str = ""
) -> Path:
    """A vendor-enhanced voter file (coordinates, time zone) of `rows` people living in `city`, with a few
    look-alike second registrations and a few rows with mistakes; the same arguments write the same file."""
    rng = random.Random(seed)
    zip3 = CITIES[city][2]
    place = _Place(
        city, area, zone, streets=rng.sample(_pools(POOL_SEED)[2], 40),
        # A city's numbers use a few dozen exchanges, as real ones do (the importer parses each prefix once).
        exchanges=rng.sample(range(201, 990), 48),
        zips=sorted({f"{zip3}{rng.randint(1, 60):02d}" for _ in range(8)}),
        districts=[str(rng.randint(1, 14)) for _ in range(2)],
    )
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        n = 0
        while n < rows:
            n += 1
            row = _demo_row(rng, place, first_id + n)
            if rng.randrange(MESSY_EVERY) == 0:
                column = rng.choice([4, 5])  # an impossible date of birth or phone number
                row[column] = "31/31/1990" if column == 4 else "555-12"
            writer.writerow(row)
            if rng.randrange(DUPLICATE_EVERY) == 0 and n < rows and row[5]:
                # The same person registered again at the same address: a new voter id, same name and phone.
                n += 1
                writer.writerow([f"{CITIES[city][0]}{first_id + n:08d}", *row[1:7], "", *row[8:]])
    return path


def _demo_row(rng: random.Random, place: _Place, number: int) -> list[str]:
    """One voter, in HEADER order."""
    first_names, last_names, _ = _pools(POOL_SEED)
    state, county, _, lat, lon = CITIES[place.city]
    today = date.today()
    first, last = rng.choice(first_names), rng.choice(last_names)
    born = today - timedelta(days=rng.randint(18 * 365 + 5, 90 * 365))
    area, exchanges = place.area, place.exchanges
    phone = f"({area}) {rng.choice(exchanges)}-{rng.randint(0, 9999):04d}" if rng.random() < 0.75 else ""
    cell = f"{area}-{rng.choice(exchanges)}-{rng.randint(0, 9999):04d}" if rng.random() < 0.5 else ""
    domain = rng.choice(["example.com", "example.net", "example.org"])
    email = f"{_ascii(first)}.{_ascii(last)}{number}@{domain}" if rng.random() < 0.45 else ""
    propensity = rng.random()
    return [
        f"{state}{number:08d}", first, rng.choice(["", "", "A", "J", "M", "L", "R"]), last,
        born.strftime("%m/%d/%Y"), phone, cell, email, f"{rng.randint(100, 9899)} {rng.choice(place.streets)}",
        place.city, state, rng.choice(place.zips), f"{rng.gauss(lat, 0.04):.5f}", f"{rng.gauss(lon, 0.05):.5f}",
        place.zone, rng.choice(PARTIES), "Active" if rng.random() < 0.9 else "Inactive", county,
        f"{county[:3].upper()}-{rng.randint(1, 80):03d}", rng.choice(place.districts), str(rng.randint(1, 120)),
        *[rng.choice("AEMP") if rng.random() < propensity else "" for _ in ELECTIONS],
        ";".join(rng.sample(TAGS, rng.randint(1, 2))) if rng.random() < 0.15 else "",
        str(rng.randint(1, 5)) if rng.random() < 0.3 else "",
        rng.choice(ISSUES) if rng.random() < 0.25 else "",
        (today - timedelta(days=rng.randint(1, 900))).isoformat() if rng.random() < 0.05 else "",
    ]


def _record_opt_outs(actor: Actor, org: Team) -> None:
    """Some people asked not to be called, texted or emailed; recorded once, through consent.opt_out."""
    if ConsentEvent.objects.filter(org=org, note=DEMO_NOTE).exists():
        return
    sources = {Channel.CALL: "asked on a call", Channel.TEXT: "asked by text", Channel.EMAIL: "asked by email"}
    ids = list(Person.objects.filter(org=org, deleted_at__isnull=True).order_by("pk").values_list("pk", flat=True))
    channels = list(Channel)
    chosen = Person.objects.filter(pk__in=ids[::OPT_OUT_EVERY]).select_related("team").order_by("pk")
    for index, person in enumerate(chosen):
        # Rotate through the channels by position (ids differ between databases), preferring one the person
        # can be reached on, so the opt-out also suppresses a real number or address.
        rotation = channels[index % len(channels):] + channels[:index % len(channels)]
        channel = next((c for c in rotation if primary_contact_value(person, c)), rotation[0])
        value = primary_contact_value(person, channel)
        opt_out(actor=actor, person=person, channel=channel, source=sources[channel], value=value,
                note=DEMO_NOTE)


def _ensure_lists(actor: Actor, org: Team) -> int:
    """Saved lists an organizer would make first; each is made once (by name and team)."""
    teams = {t.name: t for t in Team.objects.filter(path__startswith=org.path, name__in=["Midwest", "Chicago"])}
    wanted = [
        (org, "Young voters to text", PeopleList.Kind.DYNAMIC,
         {"age": {"max": 29}, "has_mobile": True, "contactable": ["text"]}),
        (org, "Strong supporters (frozen)", PeopleList.Kind.STATIC,
         {"custom": {"support_score": {"min": 4}}, "registration_status": ["active"]}),
        (teams.get("Midwest"), "Midwest sporadic voters", PeopleList.Kind.DYNAMIC,
         {"voted": {"any": ["2024-general"], "none": ["2022-general"]}, "contactable": ["call"]}),
        (teams.get("Chicago"), "Chicago phone bank universe", PeopleList.Kind.DYNAMIC,
         {"has_phone": True, "contactable": ["call"], "registration_status": ["active"]}),
    ]
    for team, name, kind, filters in wanted:
        if team is None or PeopleList.objects.filter(team=team, name=name).exists():
            continue
        list_create(actor=actor, team=team, name=name, kind=kind, filters=filters,
                    description="Made by the demo loader.")
    return PeopleList.objects.filter(org=org).count()
