"""The demo's events: a few dozen across the chapters — canvass launches, phone banks, trainings, house parties,
kick-off calls — with shifts, signups (members in one tap, the public through the form, some through a
volunteer's share link), a waitlist, and past events with attendance, no-shows and follow-ups. Upcoming ones go
through the real services; past ones are written as they would stand afterwards (services refuse past times)."""

import datetime as dt
import random
import zoneinfo

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from groundswell.events.models import Event, Shift, Signup
from groundswell.events.reminders import schedule_shift
from groundswell.events.services_attendance import check_in, mark_no_shows
from groundswell.events.services_events import clean_event, event_create, shifts_add
from groundswell.events.services_signups import AlreadySignedUp, Contact, member_signup, share_link, signup_create
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import Cap
from groundswell.people.services import org_of

# A real ZIP per demo city (the events' position and zone come from it).
CITY_ZIPS = {
    "Boston": "02108", "Philadelphia": "19107", "Pittsburgh": "15222", "Providence": "02903", "Buffalo": "14202",
    "Atlanta": "30303", "Houston": "77002", "Nashville": "37203", "Charlotte": "28202", "New Orleans": "70112",
    "Chicago": "60614", "Detroit": "48226", "Minneapolis": "55401", "Indianapolis": "46204", "Milwaukee": "53202",
    "Los Angeles": "90012", "Seattle": "98101", "Denver": "80202", "Phoenix": "85004", "Portland": "97204",
}
TEMPLATES = [
    ("Canvass launch: {city} doors", Event.Kind.CANVASS, Event.Effort.MEDIUM, dt.time(10), dt.time(13), 10),
    ("{city} evening phone bank", Event.Kind.PHONE_BANK, Event.Effort.SMALL, dt.time(18), dt.time(20), 20),
    ("Relational 101: talk to your people", Event.Kind.TRAINING, Event.Effort.SMALL, dt.time(18, 30), dt.time(20), 30),
    ("{city} team meeting", Event.Kind.MEETING, Event.Effort.SMALL, dt.time(19), dt.time(20, 30), None),
]
FIRST = ["Maya", "Andre", "Priya", "Tom", "Lucia", "Kwame", "Hannah", "Diego", "Mei", "Samir", "Grace", "Ivan"]
LAST = ["Okafor", "Nguyen", "Schmidt", "Alvarez", "Brennan", "Haddad", "Kim", "Moreau", "Patel", "Russo"]


def events_demo_load(org: Team, *, seed: int = 2026) -> int:
    """Once (when the organization has no events); returns how many events it has."""
    if Event.objects.filter(org=org).exists():
        return Event.objects.filter(org=org).count()
    rng = random.Random(seed)
    today = timezone.localdate()
    chapters = Team.objects.filter(path__startswith=org.path, kind=Team.Kind.CHAPTER).order_by("name")
    for i, chapter in enumerate(chapters):
        host = _host(chapter)
        if host is None or chapter.name not in CITY_ZIPS:
            continue
        actor = Actor.for_user(host)
        title, kind, effort, start, end, capacity = TEMPLATES[i % len(TEMPLATES)]
        event = event_create(actor=actor, team=chapter, title=title.format(city=chapter.name), kind=kind,
                             effort=effort, zip=CITY_ZIPS[chapter.name], venue=f"{chapter.name} field office",
                             description=_description(kind), visibility=Event.Visibility.PUBLIC)
        shifts = shifts_add(actor=actor, event=event, day=today + dt.timedelta(days=2 + i % 9), start=start,
                            end=end, capacity=capacity, weeks=2 if kind == Event.Kind.PHONE_BANK else 1)
        _fill(rng, chapter, event, shifts, share_from=None)
        _past_event(rng, chapter, host, title.format(city=chapter.name), kind, today - dt.timedelta(days=3 + i % 10))
    _chicago(rng, org, today)
    _spread_over_weeks(rng, org)
    # The demo's signups sent no confirmations; their reminders still go out on time (console email).
    for shift in Shift.objects.filter(event__org=org, starts_at__gt=timezone.now()):
        schedule_shift(shift)
    return Event.objects.filter(org=org).count()


def _spread_over_weeks(rng: random.Random, org: Team) -> None:
    """Signups made over the last three weeks (not all in the minute the demo loaded, which drew every chart
    as one jump on the last day), each before its shift; check-ins at the shift's start."""
    now = timezone.now()
    signups = list(Signup.objects.filter(event__org=org).select_related("shift"))
    for signup in signups:
        latest = min(now, signup.shift.starts_at - dt.timedelta(hours=1))
        signup.created_at = latest - dt.timedelta(minutes=rng.randint(0, 21 * 24 * 60))
        if signup.checked_in_at:
            signup.checked_in_at = signup.shift.starts_at + dt.timedelta(minutes=rng.randint(0, 30))
    Signup.objects.bulk_update(signups, ["created_at", "checked_in_at"], batch_size=500)


def _host(team: Team):
    """Someone who may host for the chapter: one of its own leaders or organizers, else its region's."""
    candidates = (Membership.objects.filter(team__path__in=[team.path, team.path[:-Team.steplen]],
                                            role__in=["organizer", "leader"])
                  .select_related("user").order_by("-team__depth", "id"))
    return next((m.user for m in candidates if Actor.for_user(m.user).can(Cap.CREATE_EVENTS, team)), None)


def _description(kind: str) -> str:
    return {
        Event.Kind.CANVASS: "We'll train you, pair you with someone experienced, and send you out with a walk list. "
                            "Wear comfortable shoes. Back by lunch.",
        Event.Kind.PHONE_BANK: "Bring a phone and a charger; we have the script and snacks. New callers welcome — "
                               "the first 15 minutes are training.",
        Event.Kind.TRAINING: "How to make a list of the people you know and talk with them about voting. Online, "
                             "with breakout practice.",
        Event.Kind.MEETING: "Plans for the next month, who does what, and a welcome for new people.",
    }.get(kind, "")


def _supporter(rng: random.Random, event: Event) -> Contact:
    """One of the city's regulars from the public (the same person on several events is one CRM record,
    found by email); each name is used once per city, so the demo makes no look-alike duplicates."""
    n = rng.randrange(len(FIRST) * len(LAST))
    first, last = FIRST[n % len(FIRST)], LAST[n // len(FIRST)]
    city = event.city.lower().replace(" ", "")
    return Contact(first_name=first, last_name=last, email=f"{first}.{last}.{city}@example.net".lower(),
                   zip=event.zip, consent=n % 5 != 0)


def _fill(rng: random.Random, team: Team, event: Event, shifts: list[Shift], *, share_from,
          per_shift: int | None = None) -> list[Signup]:
    """Members of the team in one tap, then the public; a few through `share_from`'s link. Without
    `per_shift`, a small shift gets two more than it holds (a waitlist to show)."""
    made = []
    members = list(Membership.objects.filter(team__path__startswith=team.path, role="volunteer")
                   .select_related("user").order_by("id")[:40])
    code = share_link(event=event, user=share_from).code if share_from else ""
    anonymous = Actor.for_user(AnonymousUser())
    for shift in shifts:
        wanted = per_shift or min(shift.capacity or 12, 12) + (2 if shift.capacity and shift.capacity <= 12 else 0)
        for member in rng.sample(members, min(len(members), wanted // 2)):
            try:
                made.append(member_signup(actor=Actor.for_user(member.user), shift=shift, notify=False))
            except AlreadySignedUp:
                pass
        for n in range(wanted - wanted // 2):
            try:
                made.append(signup_create(actor=anonymous, shift=shift, contact=_supporter(rng, event),
                                          ref=code if code and n < 3 else "", notify=False))
            except AlreadySignedUp:
                pass
    return made


def _past_event(rng: random.Random, team: Team, host, title: str, kind: str, day: dt.date) -> Event:
    """A finished event: most came, the rest marked as no-shows, follow-ups waiting for the host."""
    zone = zoneinfo.ZoneInfo(team.time_zone)
    event = Event(org=org_of(team), team=team, title=f"{title} (last week)", kind=kind,
                                 zip=CITY_ZIPS[team.name], time_zone=team.time_zone, host=host, created_by=host,
                                 approved_by=host, contact_name=host.full_name, contact_email=host.email,
                                 venue=f"{team.name} field office")
    clean_event(event)
    event.save()
    start = dt.datetime.combine(day, dt.time(10), tzinfo=zone)
    # Signed up for while it was still ahead (the services refuse a shift that is over), then it took place.
    shift = Shift.objects.create(event=event, starts_at=start, ends_at=timezone.now() + dt.timedelta(hours=1),
                                 capacity=20)
    signups = _fill(rng, team, event, [shift], share_from=None)
    Shift.objects.filter(pk=shift.pk).update(ends_at=start + dt.timedelta(hours=2))
    shift.refresh_from_db()
    actor = Actor.for_user(host)
    for signup in signups:
        if signup.status == Signup.Status.CONFIRMED and rng.random() < 0.75:
            check_in(actor=actor, signup=signup)
    mark_no_shows(actor=actor, shift=shift)
    return event


def _chicago(rng: random.Random, org: Team, today: dt.date) -> None:
    """The demo logins' own events: the leader's canvass with the volunteer's referrals, a volunteer's house
    party waiting for approval, and a national kick-off call online."""
    from groundswell.accounts.models import User

    users = {u.email: u for u in User.objects.filter(email__in=["leader@example.org", "volunteer@example.org",
                                                                "organizer@example.org", "admin@example.org"])}
    leader, volunteer = users.get("leader@example.org"), users.get("volunteer@example.org")
    team = Membership.objects.filter(user=leader).select_related("team").first().team if leader else None
    if team is None or volunteer is None:
        return
    actor = Actor.for_user(leader)
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    canvass = event_create(actor=actor, team=team, title="Lincoln Park Saturday canvass", kind=Event.Kind.CANVASS,
                           effort=Event.Effort.SMALL, zip="60614", address1="2430 N Cannon Dr",
                           venue="Lincoln Park field house", visibility=Event.Visibility.PUBLIC,
                           description="Knock doors with neighbours. First time? We'll pair you up and train you "
                                       "on the spot. Shifts are two hours; come for one.")
    shifts = shifts_add(actor=actor, event=canvass, day=saturday, start=dt.time(10), end=dt.time(12), capacity=12)
    shifts += shifts_add(actor=actor, event=canvass, day=saturday, start=dt.time(13), end=dt.time(15), capacity=12)
    member_signup(actor=Actor.for_user(volunteer), shift=shifts[0], notify=False)
    _fill(rng, team, canvass, shifts, share_from=volunteer, per_shift=7)
    event_create(actor=Actor.for_user(volunteer), team=team, title="House party: why I'm voting",
                 kind=Event.Kind.HOUSE_PARTY, effort=Event.Effort.SMALL, zip="60647",
                 visibility=Event.Visibility.PUBLIC,
                 description="Snacks, friends, and a plan to vote. Bring someone who hasn't been to one of these.")
    admin = users.get("admin@example.org")
    if admin is not None:
        national = org
        kickoff = event_create(actor=Actor.for_user(admin), team=national, title="National kick-off call",
                               kind=Event.Kind.KICKOFF, effort=Event.Effort.SMALL, mode=Event.Mode.VIRTUAL,
                               join_url="https://meet.example.org/groundswell-kickoff",
                               dial_in="+1 312 555 0100, PIN 4242", visibility=Event.Visibility.PUBLIC,
                               description="Meet the movement: what's ahead, how to plug in, and Q&A.")
        shifts_add(actor=Actor.for_user(admin), event=kickoff, day=today + dt.timedelta(days=6), start=dt.time(20),
                   end=dt.time(21), capacity=None)
