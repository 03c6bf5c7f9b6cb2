"""Captain programs: organizers create and schedule them; captains enrol, build their list from their own
people, guess who will vote, and commit. Committing locks the list; in an evaluated program that is the moment
the list is split at random within the captain (relational.randomize, from the program's recorded seed)."""

import datetime as dt
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import Conflict, NotFound, PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import ROLE_CAPS, Cap
from groundswell.people.services import org_of
from groundswell.relational import randomize
from groundswell.relational.models import Captain, CaptainCheckIn, CaptainPerson, Program, ProgramDate, Relationship

PROGRAM_FIELDS = ("name", "description", "goal_min", "goal_max", "script", "materials", "election", "evaluate")
_ELECTION = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,39}$")
MAX_LIST = 100


def _require(actor: Actor, program_team: Team) -> None:
    if not actor.can(Cap.RUN_PROGRAMS, program_team):
        raise PermissionDenied("you may not run captain programs for this team")


def _check(program: Program) -> None:
    errors: dict[str, list[str]] = {}
    program.election = (program.election or "").strip().lower()
    if not _ELECTION.match(program.election):
        errors["election"] = ['Use the election code of the vote history, e.g. "2026-general".']
    if program.goal_min < 1:
        errors["goal_min"] = ["At least one person per captain."]
    if program.goal_max < program.goal_min:
        errors["goal_max"] = ["Must be at least the fewest people per captain."]
    if program.goal_max > MAX_LIST:
        errors["goal_max"] = [f"At most {MAX_LIST}: a captain talks to people they know."]
    try:
        program.full_clean(exclude=["org", "team", "created_by", "seed", "election", "goal_min", "goal_max"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def program_create(*, actor: Actor, team: Team, **fields) -> Program:
    _require(actor, team)
    program = Program(org=org_of(team), team=team, created_by=actor.user,
                      **{k: v for k, v in fields.items() if k in PROGRAM_FIELDS})
    _check(program)
    if program.evaluate:
        program.seed = secrets.randbelow(2**31)
    program.save()
    audit_log(actor=actor, action="relational.program.created", target=program, team_path=team.path,
              data={"evaluate": program.evaluate, "seed": program.seed})
    return program


@transaction.atomic
def program_update(*, actor: Actor, program: Program, **fields) -> Program:
    _require(actor, program.team)
    evaluate = fields.get("evaluate", program.evaluate)
    if evaluate != program.evaluate and program.captains.filter(locked_at__isnull=False).exists():
        raise ValidationError({"evaluate": ["Captains have already locked their lists; the design cannot change."]})
    for name, value in fields.items():
        if name in PROGRAM_FIELDS:
            setattr(program, name, value.strip() if isinstance(value, str) else value)
    _check(program)
    if program.evaluate and program.seed is None:
        program.seed = secrets.randbelow(2**31)
    program.save()
    return program


_NEXT = {
    Program.Status.DRAFT: {Program.Status.ENROLLING},
    Program.Status.ENROLLING: {Program.Status.RUNNING, Program.Status.DRAFT},
    Program.Status.RUNNING: {Program.Status.FINISHED, Program.Status.ENROLLING},
    Program.Status.FINISHED: {Program.Status.RUNNING},
}


@transaction.atomic
def program_set_status(*, actor: Actor, program: Program, status: str) -> Program:
    _require(actor, program.team)
    if status not in _NEXT.get(program.status, set()):
        raise ValidationError({"status": [f"A {program.get_status_display().lower()} program cannot become {status}."]})
    program.status = status
    program.save(update_fields=["status"])
    audit_log(actor=actor, action="relational.program.status", target=program, team_path=program.team.path,
              data={"status": status})
    return program


def program_date_add(*, actor: Actor, program: Program, kind: str, date: dt.date, label: str = "") -> ProgramDate:
    _require(actor, program.team)
    key_date = ProgramDate(program=program, kind=kind, date=date, label=label.strip())
    key_date.full_clean(exclude=["program"])
    key_date.save()
    return key_date


def program_date_remove(*, actor: Actor, key_date: ProgramDate) -> None:
    _require(actor, key_date.program.team)
    key_date.delete()


def _captain_team(actor: Actor, program: Program) -> Team:
    """The actor's team within the program's branch: below or on the program's team, or above it."""
    for membership in Membership.objects.filter(user_id=actor.user_id).select_related("team").order_by("-team__depth"):
        if Cap.MAKE_CONTACTS not in ROLE_CAPS[membership.role]:
            continue
        path = membership.team.path
        if path.startswith(program.team.path) or program.team.path.startswith(path):
            return membership.team
    raise PermissionDenied("join this program's team to be a captain")


@transaction.atomic
def captain_enrol(*, actor: Actor, program: Program) -> Captain:
    if program.status not in (Program.Status.ENROLLING, Program.Status.RUNNING):
        raise Conflict(f"{program.name} is not taking captains ({program.get_status_display().lower()})")
    team = _captain_team(actor, program)
    captain, created = Captain.objects.get_or_create(program=program, user=actor.user, defaults={"team": team})
    if created:
        audit_log(actor=actor, action="relational.captain.enrolled", target=captain, team_path=team.path)
    return captain


def _own_captain(actor: Actor, captain: Captain) -> None:
    if captain.user_id != actor.user_id:
        raise NotFound("captain")


def _unlocked(captain: Captain) -> None:
    """Read the lock from the database, under a row lock: a stale object must not slip past a commit."""
    if Captain.objects.select_for_update().filter(pk=captain.pk, locked_at__isnull=False).exists():
        raise Conflict("your list is locked: you committed to these people")


@transaction.atomic
def captain_list_add(*, actor: Actor, captain: Captain, relationship: Relationship) -> CaptainPerson:
    _own_captain(actor, captain)
    _unlocked(captain)
    if relationship.owner_id != actor.user_id:
        raise NotFound("contact")
    entry = captain.people.filter(relationship=relationship).first()
    if entry is not None:
        return entry
    if captain.people.count() >= captain.program.goal_max:
        raise ValidationError({"relationship": [f"Your list is full ({captain.program.goal_max} people)."]})
    return CaptainPerson.objects.create(captain=captain, relationship=relationship, person=relationship.person)


@transaction.atomic
def captain_list_remove(*, actor: Actor, entry: CaptainPerson) -> None:
    _own_captain(actor, entry.captain)
    _unlocked(entry.captain)
    entry.delete()


def captain_predict(*, actor: Actor, entry: CaptainPerson, prediction: str) -> CaptainPerson:
    """The captain's guess whether this person will vote; it may change until the election."""
    _own_captain(actor, entry.captain)
    if prediction not in CaptainPerson.Prediction.values:
        raise ValidationError({"prediction": [f"{prediction!r} is not yes, maybe or no."]})
    entry.prediction = prediction
    entry.save(update_fields=["prediction"])
    return entry


@transaction.atomic
def captain_commit(*, actor: Actor, captain: Captain, now: dt.datetime | None = None) -> Captain:
    """"I will talk to each of them": lock the list. In an evaluated program, split the matched people at random
    within this captain (blocked randomisation); the captain sees only the treatment half from then on."""
    _own_captain(actor, captain)
    captain = Captain.objects.select_for_update().select_related("program").get(pk=captain.pk)
    if captain.locked_at is not None:
        return captain
    program = captain.program
    entries = list(captain.people.select_related("relationship"))
    if len(entries) < program.goal_min:
        raise ValidationError({"people": [f"Add at least {program.goal_min} people before you commit "
                                          f"(you have {len(entries)})."]})
    now = now or timezone.now()
    for entry in entries:
        entry.person_id = entry.relationship.person_id  # the voter-file link as it stands at the lock
    if program.evaluate:
        matched = [str(e.pk) for e in entries if e.person_id]
        arms = randomize.split({str(captain.pk): matched}, seed=program.seed)
        for entry in entries:
            treated = arms.get(str(entry.pk))
            arm = CaptainPerson.Arm.TREATMENT if treated else CaptainPerson.Arm.CONTROL
            entry.arm = "" if treated is None else arm
    CaptainPerson.objects.bulk_update(entries, ["person", "arm"])
    captain.committed_at = captain.locked_at = now
    captain.save(update_fields=["committed_at", "locked_at"])
    audit_log(actor=actor, action="relational.captain.committed", target=captain, team_path=captain.team.path,
              data={"people": len(entries), "seed": program.seed})
    return captain


def checkin_schedule(*, actor: Actor, captain: Captain, when: dt.datetime) -> CaptainCheckIn:
    _require(actor, captain.program.team)
    return CaptainCheckIn.objects.create(captain=captain, organizer=actor.user, scheduled_for=when)


def checkin_record(
    *, actor: Actor, check_in: CaptainCheckIn, notes: str, now: dt.datetime | None = None
) -> CaptainCheckIn:
    _require(actor, check_in.captain.program.team)
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": ["Write a line about how it went."]})
    check_in.notes = notes
    check_in.held_at = now or timezone.now()
    check_in.save(update_fields=["notes", "held_at"])
    return check_in
