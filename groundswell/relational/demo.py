"""The demo's relational organizing: Chicago volunteers' own people (typed the way people type them into
phones, most of them in the voter file), matches confirmed and some waiting, conversations, personal join
links; a finished, randomized 2026 captain program with its turnout imported (so the evaluation report has
numbers) and a 2027 program taking captains. Made through the real services, so the demo exercises them."""

import datetime as dt
import random
import uuid

from django.utils import timezone

from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.people.models import ExternalId, Person, Vote
from groundswell.relational.matcher import train_org_weights
from groundswell.relational.matching import name_variants
from groundswell.relational.models import Captain, CaptainCheckIn, Program, ProgramDate, Relationship
from groundswell.relational.services_ballots import ballot_import
from groundswell.relational.services_contacts import relationship_create
from groundswell.relational.services_conversations import conversation_log, relationship_invite
from groundswell.relational.services_match import match_confirm
from groundswell.relational.services_programs import (
    captain_commit,
    captain_enrol,
    captain_list_add,
    captain_predict,
    program_create,
)

PROGRAM_2026 = "Chicago turnout captains 2026"
PROGRAM_2027 = "Chicago municipal captains 2027"
SCRIPT = (
    "You know these people, so talk the way you always do. Ask if they have a plan to vote: when, where, "
    "how they'll get there. Offer a ride or a reminder. Don't argue; listen, and share why you're voting."
)
KINDS = [kind for kind, _ in Relationship.Kind.choices]
STRANGERS = [("Jordan", "Ellison"), ("Keisha", "Marlow"), ("Tomasz", "Wren"), ("Aaliyah", "Brock"),
             ("Dmitri", "Soto"), ("Hana", "Kowal"), ("Luis", "Abara"), ("Greta", "Nakamura")]


def relational_demo_load(org: Team, *, seed: int = 2026) -> int:
    """Once (by program name); returns how many contacts the demo volunteers have."""
    chicago = Team.objects.filter(path__startswith=org.path, name="Chicago").first()
    if chicago is None or Program.objects.filter(team=chicago, name=PROGRAM_2026).exists():
        return Relationship.objects.filter(org=org).count()
    rng = random.Random(seed)
    voters = list(Person.objects.filter(team=chicago, deleted_at__isnull=True).prefetch_related("phones")
                  .order_by("id")[:4000])
    # About fifteen voters per volunteer's list: a small demo (and the test suite's) makes fewer lists.
    volunteers = _volunteers(chicago)[: max(2, len(voters) // 15)]
    if not voters or not volunteers:
        return 0
    rng.shuffle(voters)
    pool = iter(voters)
    contacts: dict[int, list[Relationship]] = {}
    for member in volunteers:
        actor = Actor.for_user(member.user)
        own = contacts[member.user_id] = []
        for _ in range(rng.randint(14, 20)):
            voter = next(pool, None) if rng.random() < 0.8 else None
            if voter is not None:
                own.append(_known_voter(actor, voter, rng))
            else:
                first, last = rng.choice(STRANGERS)
                own.append(relationship_create(actor=actor, first_name=first, last_name=last, city="Chicago",
                                               kind=rng.choice(KINDS))[0])
        _answer_matches(actor, own, rng, leave_waiting=3 if member.user.email == "volunteer@example.org" else 1)
        for contact in [c for c in own if c.person_id is None][:1]:  # a personal join link for a friend
            relationship_invite(actor=actor, relationship=contact)
    organizer = _organizer(chicago)
    _program_2026(organizer, chicago, volunteers, contacts, rng)
    _program_2027(organizer, chicago)
    train_org_weights(org.pk)
    return sum(len(v) for v in contacts.values())


def _volunteers(chicago: Team) -> list[Membership]:
    """Volunteers and leaders of the Chicago branch, the demo logins first, one membership each."""
    members = (Membership.objects.filter(team__path__startswith=chicago.path, role__in=["volunteer", "leader"])
               .select_related("user").order_by("id"))
    seen, chosen = set(), []
    for m in sorted(members, key=lambda m: (not m.user.email.startswith(("volunteer@", "leader@")), m.pk)):
        if m.user_id not in seen:
            seen.add(m.user_id)
            chosen.append(m)
    return chosen[:24]


def _known_voter(actor: Actor, voter: Person, rng: random.Random) -> Relationship:
    """A voter as a friend types them: a nickname, a typo, no birth date, part of a phone, an old city."""
    first, last = voter.first_name.title(), voter.last_name.title()
    nick = sorted(name_variants(first) - {first.lower()})
    if nick and rng.random() < 0.35:
        first = rng.choice(nick).title()
    if len(last) > 3 and rng.random() < 0.15:
        i = rng.randrange(1, len(last) - 1)
        last = last[:i] + last[i + 1] + last[i] + last[i + 2:]
    phones = []
    voter_phones = list(voter.phones.all())
    if voter_phones and rng.random() < 0.6:
        number = voter_phones[0].number
        phones.append((number[-7:] if rng.random() < 0.2 else number, rng.random() < 0.4))
    birthday = voter.birth_date.strftime("%Y") if voter.birth_date and rng.random() < 0.3 else ""
    city = voter.city.title() if rng.random() < 0.8 else rng.choice(["Evanston", "Oak Park", ""])
    contact, _ = relationship_create(
        actor=actor, first_name=first, last_name=last if rng.random() < 0.9 else "", city=city,
        birthday=birthday, phones=phones, kind=rng.choice(KINDS), closeness=rng.choice([1, 2, 2, 3]),
    )
    contact._demo_truth = voter.pk  # the demo knows who it meant; the volunteer confirms it
    return contact


def _answer_matches(actor: Actor, contacts: list[Relationship], rng: random.Random, *, leave_waiting: int) -> None:
    waiting = 0
    for contact in contacts:
        contact.refresh_from_db()
        truth = getattr(contact, "_demo_truth", None)
        if contact.match_status != Relationship.Match.CANDIDATES or truth is None:
            continue
        if not contact.candidates.filter(person_id=truth).exists():
            continue
        if waiting < leave_waiting:
            waiting += 1  # for the demo login to confirm by hand
            continue
        match_confirm(actor=actor, relationship=contact, person_id=truth)


def _organizer(team: Team) -> Actor:
    membership = (Membership.objects.filter(team__path__in=[team.path[:n] for n in range(4, len(team.path) + 1, 4)],
                                            role=Membership.Role.ORGANIZER).select_related("user").first())
    return Actor.for_user(membership.user)


def _program_2026(organizer: Actor, chicago: Team, volunteers, contacts, rng: random.Random) -> Program:
    program = program_create(actor=organizer, team=chicago, name=PROGRAM_2026, election="2026-general",
                             goal_min=8, goal_max=20, evaluate=True, script=SCRIPT,
                             description="Talk to 8–20 people you know about voting on November 3.",
                             materials="Voting locations: https://example.org/where-to-vote\n"
                                       "Early voting hours: https://example.org/early-voting")
    Program.objects.filter(pk=program.pk).update(status=Program.Status.RUNNING)
    for kind, day in [("registration", dt.date(2026, 10, 6)), ("early_voting", dt.date(2026, 10, 19)),
                      ("election", dt.date(2026, 11, 3))]:
        ProgramDate.objects.create(program=program, kind=kind, date=day, reminded_at=timezone.now())
    enrolled = dt.datetime(2026, 9, 20, 18, tzinfo=dt.UTC)
    program.status = Program.Status.RUNNING
    captains = []
    for member in volunteers[:14]:
        actor = Actor.for_user(member.user)
        matched = [c for c in contacts[member.user_id] if Relationship.objects.filter(
            pk=c.pk, match_status=Relationship.Match.CONFIRMED).exists()]
        if len(matched) < 8:
            continue
        captain = captain_enrol(actor=actor, program=program)
        for contact in matched[:16]:
            entry = captain_list_add(actor=actor, captain=captain, relationship=contact)
            captain_predict(actor=actor, entry=entry, prediction=rng.choice(["yes", "yes", "maybe", "no"]))
        captain_commit(actor=actor, captain=captain, now=enrolled + dt.timedelta(days=rng.randint(1, 10)))
        Captain.objects.filter(pk=captain.pk).update(enrolled_at=enrolled)
        captains.append((actor, captain))
    turnout = _campaign_and_turnout(program, captains, rng)
    ballot_import(actor=organizer, program=program, kind="early", file_name="chicago-ballot-returns-2026-10-30.csv",
                  data=_csv(turnout[: len(turnout) // 2]), now=dt.datetime(2026, 10, 30, 14, tzinfo=dt.UTC))
    ballot_import(actor=organizer, program=program, kind="final", file_name="chicago-turnout-2026-general.csv",
                  data=_csv(turnout, final=True), now=dt.datetime(2026, 11, 18, 16, tzinfo=dt.UTC))
    for _, captain in captains[:6]:
        CaptainCheckIn.objects.create(captain=captain, organizer=organizer.user,
                                      scheduled_for=dt.datetime(2026, 10, 14, 23, tzinfo=dt.UTC),
                                      held_at=dt.datetime(2026, 10, 14, 23, 30, tzinfo=dt.UTC),
                                      notes="Talked to half the list; two need rides on election day.")
    Program.objects.filter(pk=program.pk).update(status=Program.Status.FINISHED)
    return program


def _campaign_and_turnout(program: Program, captains, rng: random.Random) -> list[tuple[str, int]]:
    """Captains talk to most of their treatment half in October; who voted follows each person's past
    turnout, a little higher when a captain they know talked to them (what the evaluation should find)."""
    rows = []
    for actor, captain in captains:
        for entry in captain.people.select_related("relationship", "person"):
            talked = False
            if entry.arm != "control" and rng.random() < 0.75:
                when = dt.datetime(2026, 10, rng.randint(8, 31), rng.randint(14, 23), tzinfo=dt.UTC)
                conversation_log(
                    actor=actor, relationship=entry.relationship, client_uuid=uuid.UUID(int=rng.getrandbits(128)),
                    program=program, channel=rng.choice(["in_person", "call", "text"]),
                    commitment=rng.choice(["vote", "vote_plan", ""]), now=when,
                )
                talked = True
            if entry.person is None:
                continue
            voted_before = Vote.objects.filter(person=entry.person, election="2024-general").exists()
            chance = (0.72 if voted_before else 0.38) + (0.12 if talked else 0.0)
            voter_id = ExternalId.objects.filter(person=entry.person, system=ExternalId.VOTER_FILE).first()
            if voter_id is not None:
                rows.append((voter_id.value, int(rng.random() < chance)))
    return rows


def _csv(rows: list[tuple[str, int]], *, final: bool = False) -> bytes:
    if final:
        return ("voter_id,voted\n" + "".join(f"{v},{voted}\n" for v, voted in rows)).encode()
    return ("voter_id,method\n" + "".join(f"{v},early\n" for v, voted in rows if voted)).encode()


def _program_2027(organizer: Actor, chicago: Team) -> Program:
    program = program_create(actor=organizer, team=chicago, name=PROGRAM_2027, election="2027-municipal",
                             goal_min=10, goal_max=20, evaluate=True, script=SCRIPT,
                             description="The February municipal election is decided by a few thousand votes.")
    Program.objects.filter(pk=program.pk).update(status=Program.Status.ENROLLING)
    for kind, day in [("registration", dt.date(2027, 1, 26)), ("early_voting", dt.date(2027, 2, 10)),
                      ("election", dt.date(2027, 2, 23))]:
        ProgramDate.objects.create(program=program, kind=kind, date=day)
    return program
