"""The demo movement: a national organization with regions, chapters, teams and volunteers to click through.

Everything is generated from one seed (random.Random + Faker), so two loads give the same names and emails.
It is written in bulk — one password hash reused for every user, bulk_create for users and memberships, one
treebeard bulk load for the tree — so `groundswell demo` starts in a couple of seconds.
"""

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify
from faker import Faker

from groundswell.accounts.models import User
from groundswell.common.tokens import new_secret
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.services import team_create

Role = Membership.Role
Kind = Team.Kind

DEMO_PASSWORD = "groundswell-demo"
DEMO_ORG_NAME = "Groundswell Action"
DEMO_ORG_SLUG = "groundswell-action"
DEMO_LOGINS: list[tuple[str, str]] = [
    ("admin@example.org", "national admin (also Django admin at /admin/)"),
    ("organizer@example.org", "organizer of the Midwest region"),
    ("leader@example.org", "leader of a Chicago team"),
    ("volunteer@example.org", "volunteer on that team"),
]
VOLUNTEERS_PER_SIZE = {"small": 300, "medium": 1500}

MISSION = (
    "Groundswell Action builds people power in every neighborhood. Volunteers recruit their friends, knock on "
    "their neighbors' doors and call the people they know, so that working families have a say in the "
    "decisions that shape their lives."
)
CODE_OF_CONDUCT = "\n".join(
    [
        "- Treat everyone with respect: volunteers, voters, staff and people who disagree with us.",
        "- Listen more than you talk; every conversation starts with the other person's story.",
        "- Keep people's information inside Groundswell; never copy contact details to personal tools.",
        "- Honour every opt-out and quiet hours; nobody is contacted after they ask us to stop.",
        "- Speak up about harassment or discrimination: tell your organizer or write to conduct@example.org.",
    ]
)

# Region → (time zone, [(city, the city's time zone, area code)]).
REGIONS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "Northeast": ("America/New_York", [
        ("Boston", "America/New_York", "617"), ("Philadelphia", "America/New_York", "215"),
        ("Pittsburgh", "America/New_York", "412"), ("Providence", "America/New_York", "401"),
        ("Buffalo", "America/New_York", "716"),
    ]),
    "South": ("America/Chicago", [
        ("Atlanta", "America/New_York", "404"), ("Houston", "America/Chicago", "713"),
        ("Nashville", "America/Chicago", "615"), ("Charlotte", "America/New_York", "704"),
        ("New Orleans", "America/Chicago", "504"),
    ]),
    "Midwest": ("America/Chicago", [
        ("Chicago", "America/Chicago", "312"), ("Detroit", "America/Detroit", "313"),
        ("Minneapolis", "America/Chicago", "612"), ("Indianapolis", "America/Indiana/Indianapolis", "317"),
        ("Milwaukee", "America/Chicago", "414"),
    ]),
    "West": ("America/Los_Angeles", [
        ("Los Angeles", "America/Los_Angeles", "213"), ("Seattle", "America/Los_Angeles", "206"),
        ("Denver", "America/Denver", "303"), ("Phoenix", "America/Phoenix", "602"),
        ("Portland", "America/Los_Angeles", "503"),
    ]),
}
TEAM_KINDS = [
    "Phone Bank Crew", "Canvass Team", "Relational Captains", "Events & Outreach", "Campus Team", "Text Squad",
]
LEADER_CITY, LEADER_TEAM = "Chicago", "Chicago Phone Bank Crew"
AVAILABILITY = ["weekday_mornings", "weekday_evenings", "weekends"]
INTERESTS = ["phone_banking", "canvassing", "texting", "events", "data", "relational"]
MAX_CHAIN_DEPTH = 6


@dataclass
class DemoSummary:
    org: Team
    created: bool  # False when the demo was already there and nothing was written
    teams: int
    users: int
    memberships: int


# What the other apps add to the movement, in order (each through its own services). A test of one app's
# demo may load only the parts it needs (settings.DEMO_PARTS); everyone else gets them all.
DEMO_PARTS = {
    "people": "groundswell.people.demo.people_demo_load",  # voter files imported into each chapter
    "outreach": "groundswell.outreach.demo.outreach_demo_load",
    "relational": "groundswell.relational.demo.relational_demo_load",
    "events": "groundswell.events.demo.events_demo_load",
    "leadership": "groundswell.leadership.demo.leadership_demo_load",
    "goals": "groundswell.goals.demo.goals_demo_load",  # last: its rollups count what the others made
}


def demo_is_loaded() -> bool:
    return Team.objects.filter(slug=DEMO_ORG_SLUG, depth=1).exists()


def demo_load(size: str = "small", seed: int = 2026) -> DemoSummary:
    """Load the demo movement once; a second call finds it and writes nothing."""
    if size not in VOLUNTEERS_PER_SIZE:
        raise ValueError(f"size must be one of {', '.join(VOLUNTEERS_PER_SIZE)}, not {size!r}")
    if demo_is_loaded():
        return _summary(Team.objects.get(slug=DEMO_ORG_SLUG, depth=1), created=False)
    taken = list(User.objects.filter(email__in=[email for email, _ in DEMO_LOGINS]).values_list("email", flat=True))
    if taken:
        raise ValueError(f"the demo needs these sign-in addresses, which already have accounts: {', '.join(taken)}")
    with transaction.atomic():
        builder = _Builder(seed)
        # Generated addresses avoid accounts already on this server (they stay reproducible on an empty one).
        existing = User.objects.filter(email__regex=r"@example\.(com|net|org)$").values_list("email", flat=True)
        builder.emails.update(existing)
        org = _build(builder, VOLUNTEERS_PER_SIZE[size])
        for part in getattr(settings, "DEMO_PARTS", DEMO_PARTS):
            import_string(DEMO_PARTS[part])(org, seed=seed)
    return _summary(org, created=True)


def _summary(org: Team, *, created: bool) -> DemoSummary:
    memberships = Membership.objects.filter(team__path__startswith=org.path)
    return DemoSummary(
        org=org,
        created=created,
        teams=Team.objects.filter(path__startswith=org.path).count(),
        users=memberships.values("user").distinct().count(),
        memberships=memberships.count(),
    )


@dataclass
class _Person:
    user: User
    team: Team
    role: str
    joined: datetime
    recruited_by: "_Person | None" = None
    depth: int = 0
    onboarding: int = 3  # 0 none, 1 conduct accepted, 2 preferences set, 3 onboarded


@dataclass
class _Builder:
    seed: int
    rng: random.Random = field(init=False)
    fake: Faker = field(init=False)
    now: datetime = field(default_factory=timezone.now)
    password: str = field(default_factory=lambda: make_password(DEMO_PASSWORD))
    people: list[_Person] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(self.seed)

    def person(self, team: Team, role: str, *, days_ago: float, area: str, email: str = "", name: str = "",
               recruited_by: _Person | None = None) -> _Person:
        first, last = (name.split(" ", 1) if name else (self.fake.first_name(), self.fake.last_name()))
        email = email or self._email(first, last)
        self.emails.add(email)
        joined = self.now - timedelta(days=days_ago, minutes=self.rng.randint(0, 600))
        phone = f"+1{area}55501{self.rng.randint(0, 99):02d}" if self.rng.random() < 0.7 else ""
        user = User(email=email, full_name=f"{first} {last}", phone=phone, time_zone=team.time_zone,
                    password=self.password, date_joined=joined, is_active=True)
        found = _Person(user, team, role, joined, recruited_by, recruited_by.depth + 1 if recruited_by else 0)
        self.people.append(found)
        return found

    def _email(self, first: str, last: str) -> str:
        local = re.sub(r"[^a-z.]", "", f"{first}.{last}".lower())
        domain = self.rng.choice(["example.com", "example.net", "example.org"])
        email, n = f"{local}@{domain}", 2
        while email in self.emails:
            email, n = f"{local}{n}@{domain}", n + 1
        return email


def _build(b: _Builder, volunteers: int) -> Team:
    org = team_create(actor=None, parent=None, name=DEMO_ORG_NAME, slug=DEMO_ORG_SLUG, kind=Kind.NATIONAL,
                      time_zone="America/New_York", mission=MISSION, code_of_conduct=CODE_OF_CONDUCT)
    teams = _build_tree(b, org)
    admin = b.person(org, Role.ADMIN, days_ago=400, area="202", email="admin@example.org", name="Rosa Delgado")
    admin.user.is_staff = admin.user.is_superuser = True
    for role, count in ((Role.ANALYST, 3), (Role.DATA_STEWARD, 1)):
        for _ in range(count):
            b.person(org, role, days_ago=b.rng.uniform(300, 390), area="202", recruited_by=admin)
    chapters = [t for t in teams.values() if t.kind == Kind.CHAPTER]
    per_chapter = _split(volunteers, len(chapters), b.rng)
    for region_name, (_, cities) in REGIONS.items():
        region = teams[region_name]
        fixed = {"email": "organizer@example.org", "name": "Marcus Bell"} if region_name == "Midwest" else {}
        region_lead = b.person(region, Role.ORGANIZER, days_ago=b.rng.uniform(330, 380), area=cities[0][2],
                               recruited_by=admin, **fixed)
        for city, _, area in cities:
            chapter = teams[city]
            _build_chapter(b, chapter, region_lead, area, per_chapter[chapters.index(chapter)])
    _save_people(b)
    _build_invitations(b, teams[LEADER_TEAM])
    return org


def _build_tree(b: _Builder, org: Team) -> dict[str, Team]:
    """Regions, chapters and teams in one treebeard bulk load; children sorted by name (node_order_by)."""
    def node(name: str, kind: str, tz: str, children: list[dict]) -> dict:
        return {"data": {"name": name, "slug": slugify(name), "kind": kind, "time_zone": tz},
                "children": sorted(children, key=lambda c: c["data"]["name"])}

    regions = []
    for region_name, (region_tz, cities) in REGIONS.items():
        chapters = []
        for city, city_tz, _ in cities:
            kinds = [TEAM_KINDS[0], *b.rng.sample(TEAM_KINDS[1:], 2)] if city == LEADER_CITY else b.rng.sample(
                TEAM_KINDS, 3)
            chapters.append(node(city, Kind.CHAPTER, city_tz, [node(f"{city} {k}", Kind.TEAM, city_tz, [])
                                                                  for k in kinds]))
        region = node(region_name, Kind.REGION, region_tz, chapters)
        region["data"]["can_import_people"] = True  # national lets its regions load their own voter files
        region["data"]["can_edit_scripts"] = True  # and build their own campaigns and scripts
        regions.append(region)
    regions.sort(key=lambda r: r["data"]["name"])
    _make_slugs_unique(regions)
    Team.objects.load_bulk(regions, parent=org, bulk_create=True)
    return {t.name: t for t in Team.objects.filter(path__startswith=org.path, depth__gt=1)}


def _make_slugs_unique(nodes: list[dict]) -> None:
    """Another organization on this server may already use a city's slug; suffix ours then."""
    flat = []
    stack = list(nodes)
    while stack:
        item = stack.pop()
        flat.append(item["data"])
        stack.extend(item["children"])
    taken = set(Team.objects.filter(slug__in=[d["slug"] for d in flat]).values_list("slug", flat=True))
    for data in flat:
        base, n = data["slug"], 2
        while data["slug"] in taken:
            data["slug"], n = f"{base}-{n}", n + 1
        taken.add(data["slug"])


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` spread over `parts` unevenly (big cities get more), summing exactly to `total`."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    counts = [int(total * w / sum(weights)) for w in weights]
    counts[0] += total - sum(counts)
    return counts


def _build_chapter(b: _Builder, chapter: Team, region_lead: _Person, area: str, volunteers: int) -> None:
    """An organizer, a leader per team, then volunteers recruited along chains that start at the leaders."""
    organizer = b.person(chapter, Role.ORGANIZER, days_ago=b.rng.uniform(280, 330), area=area,
                         recruited_by=region_lead)
    chapter_teams = sorted(Team.objects.get_children(chapter), key=lambda t: t.name)
    leaders = {}
    for team in chapter_teams:
        fixed = {"email": "leader@example.org", "name": "Priya Shah"} if team.name == LEADER_TEAM else {}
        leaders[team.pk] = b.person(team, Role.LEADER, days_ago=b.rng.uniform(200, 270), area=area,
                                    recruited_by=organizer, **fixed)
    for leader in leaders.values():
        leader.depth = 0  # chains are counted from the team leader down
    recruiters = list(leaders.values())
    sizes = dict.fromkeys(leaders, 1)
    # About a third of the chapters have a super-recruiter who brings in 8-10 people of their own.
    super_recruiter, super_quota = None, b.rng.randint(8, 10) if b.rng.random() < 0.34 else 0
    for i in range(volunteers):
        days_ago = 190 - 188 * (i + 1) / (volunteers + 1)
        if i == 0 and LEADER_TEAM in {t.name for t in chapter_teams}:
            team = next(t for t in chapter_teams if t.name == LEADER_TEAM)
            volunteer = b.person(team, Role.VOLUNTEER, days_ago=days_ago, area=area, email="volunteer@example.org",
                                 name="Sam Okafor", recruited_by=leaders[team.pk])
            volunteer.onboarding = 1  # half-way through onboarding, so the demo can show the next steps
            recruiters.append(volunteer)
            continue
        recruiter = _pick_recruiter(b.rng, recruiters, super_recruiter if super_quota > 0 else None)
        same_team = recruiter is not None and b.rng.random() < 0.55
        # Walk-ins and people who join a friend's *other* team fill the smallest team first.
        team = recruiter.team if same_team else min(chapter_teams, key=lambda t: sizes[t.pk])
        sizes[team.pk] += 1
        person = b.person(team, Role.VOLUNTEER, days_ago=days_ago, area=area, recruited_by=recruiter)
        person.onboarding = b.rng.choices([0, 1, 2, 3], weights=[15, 20, 10, 55])[0]
        if recruiter is not None and recruiter is super_recruiter:
            super_quota -= 1
        if super_quota and super_recruiter is None:
            super_recruiter = person
        if person.depth < MAX_CHAIN_DEPTH:
            recruiters.append(person)


def _pick_recruiter(rng: random.Random, recruiters: list[_Person], super_recruiter: _Person | None) -> _Person | None:
    """Mostly someone recent (so chains grow deep), sometimes anyone earlier, rarely nobody (a walk-in)."""
    roll = rng.random()
    if roll < 0.06:
        return None
    if super_recruiter is not None and roll < 0.75:
        return super_recruiter
    if roll < 0.85:
        return rng.choice(recruiters[-5:])
    return rng.choice(recruiters)


def _save_people(b: _Builder) -> None:
    User.objects.bulk_create([p.user for p in b.people], batch_size=500)
    memberships = []
    for p in b.people:
        step = p.onboarding
        joined = p.joined
        memberships.append(Membership(
            user=p.user, team=p.team, role=p.role, created_at=joined,
            recruited_by=p.recruited_by.user if p.recruited_by else None,
            conduct_accepted_at=joined + timedelta(hours=1) if step >= 1 else None,
            availability=b.rng.sample(AVAILABILITY, b.rng.randint(1, 2)) if step >= 2 else [],
            interests=b.rng.sample(INTERESTS, b.rng.randint(1, 3)) if step >= 2 else [],
            onboarded_at=joined + timedelta(days=1) if step >= 3 else None,
        ))
    Membership.objects.bulk_create(memberships, batch_size=500)


def _build_invitations(b: _Builder, team: Team) -> None:
    leader = User.objects.get(email="leader@example.org")
    day = timedelta(days=1)
    Invitation.objects.bulk_create([
        Invitation(team=team, created_by=leader, token=new_secret(18), note="Spring kickoff (old link)",
                   expires_at=b.now - 10 * day),
        Invitation(team=team, created_by=leader, token=new_secret(18), note="Phone bank night flyer",
                   expires_at=b.now + 21 * day, max_uses=25, use_count=7),
        Invitation(team=team, created_by=leader, token=new_secret(18), note="For Jordan from the block party",
                   email="jordan.rivera@example.net", expires_at=b.now + 7 * day, max_uses=1),
    ])
