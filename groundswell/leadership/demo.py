"""The demo's leadership work, made through the real services: the organization's ladder with the Chicago
teams' people placed (and a few moves), the Midwest organizer's one-on-ones with Chicago volunteers (values,
resources, commitments: some overdue, some coming due, one kept; two meetings ahead), the Chicago leader's
weekly check-ins (one overdue), and a library from national down to Chicago with required trainings, some
completed, and a script the leader shared with the demo volunteer."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from groundswell.leadership.models import LadderMove, LadderPlacement, Material, OneOnOne
from groundswell.leadership.services_checkins import check_in_record
from groundswell.leadership.services_ladder import person_place, stages_ensure
from groundswell.leadership.services_library import material_create, material_share, training_complete
from groundswell.leadership.services_one_on_ones import Record, commitment_resolve, one_on_one_log, one_on_one_schedule
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.people.models import Person
from groundswell.people.services_intake import person_for_member

Role = Membership.Role
VALUES = ["faith", "fairness", "family", "housing", "public schools", "climate", "workers' rights", "community"]
SKILLS = ["Spanish", "spreadsheets", "public speaking", "cooking for crowds", "driving", "social media", "art"]
NETWORKS = ["St. Pius parish", "teachers' union", "block club", "soccer parents", "tenants' association"]
COMMITMENTS = ["Host a house party for eight neighbours", "Bring three friends to Saturday's canvass",
               "Make 50 calls this week", "Lead the next team meeting", "Recruit two new callers"]
LIBRARY = [
    # (team key, title, kind, summary, url, required_for)
    ("org", "Code of conduct", Material.Kind.CONDUCT, "How we treat each other and the people we talk to", "", []),
    ("org", "Canvassing basics and safety", Material.Kind.TRAINING, "20-minute video: the door, the rap, staying safe",
     "https://example.org/training/canvassing-basics", [Role.VOLUNTEER]),
    ("org", "Phone banking 101", Material.Kind.TRAINING, "The script, the dialer, what to do with a hard call",
     "https://example.org/training/phone-banking-101", [Role.VOLUNTEER]),
    ("org", "Leading a team: one-on-ones and check-ins", Material.Kind.TRAINING,
     "For leaders: the five acts of a one-on-one, running a weekly check-in",
     "https://example.org/training/leading-a-team", [Role.LEADER]),
    ("region", "Midwest GOTV call script", Material.Kind.SCRIPT, "The script for the Midwest GOTV calls", "", []),
    ("chapter", "Chicago turf guide", Material.Kind.LINK, "Where we knock, ward by ward",
     "https://example.org/chicago/turf", []),
]
SCRIPT = ("Hi, is this {first_name}? I'm a volunteer with Groundswell Action here in the Midwest.\n"
          "We're calling neighbours about the election on November 3rd. Do you have a plan to vote?\n"
          "- If yes: great! When and where?\n- If not sure: can I help you find your polling place?\n"
          "Thank you for your time!")


def leadership_demo_load(org: Team, *, seed: int) -> None:
    """Once per organization (a second load finds its one-on-ones and writes nothing)."""
    stages = {s.name: s for s in stages_ensure(org=org)}
    if OneOnOne.objects.filter(org=org).exists():
        return
    rng = random.Random(seed)
    leader = Membership.objects.filter(user__email="leader@example.org").select_related("team", "user").first()
    organizer = Membership.objects.filter(user__email="organizer@example.org").select_related("team", "user").first()
    admin = Membership.objects.filter(team=org, role=Role.ADMIN).select_related("user").first()
    if leader is None or organizer is None or admin is None:
        return
    chapter = Team.objects.get(path=leader.team.path[:-Team.steplen])
    _library(org, organizer, chapter, leader, admin)
    people = _ladder(rng, stages, organizer, leader, chapter)
    _one_on_ones(rng, organizer, leader, chapter, people)
    _check_ins(rng, leader)


def _library(org: Team, organizer: Membership, chapter: Team, leader: Membership, admin: Membership) -> None:
    teams = {"org": (org, admin), "region": (organizer.team, organizer), "chapter": (chapter, organizer)}
    made = {}
    for key, title, kind, summary, url, required in LIBRARY:
        team, author = teams[key]
        body = org.code_of_conduct if kind == Material.Kind.CONDUCT else SCRIPT if kind == Material.Kind.SCRIPT else ""
        made[title] = material_create(actor=Actor.for_user(author.user), team=team, title=title, kind=kind,
                                      summary=summary, url=url, body=body or "", required_for=required)
    members = Membership.objects.filter(team__path__startswith=chapter.path, role=Role.VOLUNTEER).order_by("id")
    for i, member in enumerate(members):
        if member.user.email == "volunteer@example.org":
            training_complete(user=member.user, material=made["Canvassing basics and safety"])
        elif i % 3 != 2:  # two in three volunteers have done both trainings, the rest neither
            for title in ("Canvassing basics and safety", "Phone banking 101"):
                training_complete(user=member.user, material=made[title])
    volunteer = Membership.objects.filter(user__email="volunteer@example.org").select_related("user").first()
    if volunteer is not None:
        material_share(actor=Actor.for_user(leader.user), material=made["Midwest GOTV call script"],
                       to_user=volunteer.user, message="Read this before Tuesday's phone bank — see you there!")


def _ladder(rng: random.Random, stages: dict, organizer: Membership, leader: Membership, chapter: Team) -> list:
    """Everyone on the Chicago teams placed by role (some moved up over the past months); returns the people."""
    actor = Actor.for_user(organizer.user)
    by_role = {Role.VOLUNTEER: "Volunteer", Role.LEADER: "Leader", Role.ORGANIZER: "Organizer"}
    placed = []
    members = (Membership.objects.filter(team__path__startswith=chapter.path, role__in=list(by_role))
               .select_related("user", "team").order_by("team__path", "id"))
    for member in members:
        person = person_for_member(user=member.user, team=member.team)
        if member.role == Role.VOLUNTEER and rng.random() < 0.35:
            person_place(actor=actor, person=person, team=member.team, stage=stages["Volunteer"])
            person_place(actor=actor, person=person, team=member.team, stage=stages["Active volunteer"],
                         note="Shows up every week")
        else:
            person_place(actor=actor, person=person, team=member.team, stage=stages[by_role[member.role]])
        placed.append((member, person))
    _backdate(rng, [person for _, person in placed])
    supporters = (Person.objects.filter(team=chapter, user__isnull=True, event_signups__isnull=False, deleted_at=None)
                  .distinct().order_by("id")[:6])
    for person in supporters:  # people who came to an event, not yet members
        person_place(actor=actor, person=person, team=chapter, stage=stages["Supporter"])
    return placed


def _backdate(rng: random.Random, people: list) -> None:
    """Spread the demo's placements over the past months, as if the ladder had been kept all along (the
    service stamps moves with the present time)."""
    now = timezone.now()
    for person in people:
        moves = list(LadderMove.objects.filter(person=person).order_by("moved_at", "id"))
        when = now - dt.timedelta(days=rng.randint(60, 200))
        for move in moves:
            LadderMove.objects.filter(pk=move.pk).update(moved_at=when)
            LadderPlacement.objects.filter(person=person, team=move.team).update(since=when)
            when += dt.timedelta(days=rng.randint(20, 50))


def _one_on_ones(rng: random.Random, organizer: Membership, leader: Membership, chapter: Team, people: list) -> None:
    actor = Actor.for_user(organizer.user)
    now = timezone.now()
    volunteers = [person for member, person in people if member.role == Role.VOLUNTEER][:7]
    for i, person in enumerate(volunteers):
        held = now - dt.timedelta(days=24 - 3 * i, hours=rng.randint(0, 6))
        due = (held + dt.timedelta(days=10 + i)).date()
        meeting = one_on_one_log(actor=actor, team=chapter, person=person, medium=rng.choice(list(OneOnOne.Medium)),
                                 record=Record(
            held_at=held, attention="Get to know a volunteer who keeps showing up",
            interest=f"Came to a phone bank with a friend; cares about {rng.choice(VALUES)}",
            exploration="Grew up in the neighbourhood; first got involved through a tenants' fight.",
            values=rng.sample(VALUES, 2), interests=rng.sample(["canvassing", "phone banking", "events", "data"], 2),
            skills=rng.sample(SKILLS, 2), networks=rng.sample(NETWORKS, 1), time_available="Two evenings a week",
            exchange="We offer training and a team; they offer their block and their networks.",
            commitment=COMMITMENTS[i % len(COMMITMENTS)], commitment_due=due))
        commitment = meeting.commitments.get()
        if i in (0, 1):  # the oldest: one kept, one not
            commitment_resolve(actor=actor, commitment=commitment, kept=i == 0)
    zone = ZoneInfo(chapter.time_zone)
    for days, person in zip((2, 4), volunteers[-2:], strict=True):  # two meetings this week, 6:30 pm there
        day = (now.astimezone(zone) + dt.timedelta(days=days)).date()
        one_on_one_schedule(actor=actor, team=chapter, person=person, medium=OneOnOne.Medium.PHONE,
                            scheduled_for=dt.datetime.combine(day, dt.time(18, 30), tzinfo=zone),
                            attention="Follow-up: how did the house party go?")
    demo_volunteer = next((p for m, p in people if m.user.email == "volunteer@example.org"), None)
    if demo_volunteer is not None:
        one_on_one_log(actor=Actor.for_user(leader.user), team=leader.team, person=demo_volunteer, record=Record(
            held_at=now - dt.timedelta(days=6), attention="First one-on-one with a new caller",
            values=["fairness", "family"], skills=["Spanish"], time_available="Tuesday evenings",
            commitment="Bring a friend to the next phone bank", commitment_due=(now + dt.timedelta(days=5)).date()))


def _check_ins(rng: random.Random, leader: Membership) -> None:
    actor = Actor.for_user(leader.user)
    now = timezone.now()
    members = Membership.objects.filter(team=leader.team).exclude(user=leader.user).select_related("user")
    for i, member in enumerate(members.order_by("id")[:8]):
        days_ago = 12 if i == 1 else rng.randint(1, 6)  # one is overdue for a check-in
        check_in_record(actor=actor, team=leader.team, member=member.user,
                        held_at=now - dt.timedelta(days=days_ago, hours=rng.randint(0, 8)),
                        went_well=rng.choice(["Made 40 calls", "Brought a friend", "Led the warm-up"]),
                        blockers=rng.choice(["", "Busy with work this week", "Needs a walk list for his block"]),
                        numbers=f"{rng.randint(10, 60)} calls, {rng.randint(0, 3)} recruits",
                        next_steps="Saturday's canvass")
