"""Plain factory functions with sensible defaults; no randomness unless a test asks for it."""

from itertools import count

from groundswell.accounts.models import User
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.services import team_create
from groundswell.people.models import Email, ImportJob, PeopleList, Person, Phone

PASSWORD = "correct-horse-battery"
_seq = count(1)


def user(**overrides) -> User:
    n = next(_seq)
    fields = {"email": f"user{n}@example.test", "full_name": f"Test Person {n}"}
    fields.update(overrides)
    password = fields.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **fields)


def team(parent: Team | None = None, **overrides) -> Team:
    n = next(_seq)
    fields = {"name": f"Team {n}", "kind": Team.Kind.TEAM if parent else Team.Kind.NATIONAL}
    fields.update(overrides)
    return team_create(actor=None, parent=parent, **fields)


def membership(team: Team, role: str = Membership.Role.ORGANIZER, user_obj: User | None = None, **fields) -> Membership:
    return Membership.objects.create(user=user_obj or user(), team=team, role=role, **fields)


def invitation(team: Team, **fields) -> Invitation:
    n = next(_seq)
    fields.setdefault("token", f"invite-token-{n}")
    return Invitation.objects.create(team=team, **fields)


def person(team: Team, **fields) -> Person:
    """A person owned by `team` (and its organization), with optional phones=[...] and emails=[...]."""
    n = next(_seq)
    phones = fields.pop("phones", [])
    emails = fields.pop("emails", [])
    org = team if team.depth == 1 else Team.objects.get(path=team.org_path)
    values = {"first_name": f"First{n}", "last_name": f"Last{n}"}
    values.update(fields)
    record = Person.objects.create(org=org, team=team, **values)
    for i, number in enumerate(phones):
        Phone.objects.create(person=record, org=org, number=number, primary=i == 0)
    for i, address in enumerate(emails):
        Email.objects.create(person=record, org=org, address=address, primary=i == 0)
    return record


def people_list(team: Team, **fields) -> PeopleList:
    n = next(_seq)
    org = team if team.depth == 1 else Team.objects.get(path=team.org_path)
    values = {"name": f"List {n}", "filters": {}}
    values.update(fields)
    return PeopleList.objects.create(org=org, team=team, **values)


def import_job(team: Team, **fields) -> ImportJob:
    n = next(_seq)
    org = team if team.depth == 1 else Team.objects.get(path=team.org_path)
    values = {"file_name": f"voters-{n}.csv", "source_path": f"/tmp/voters-{n}.csv", "file_sha256": f"{n:064d}"}
    values.update(fields)
    return ImportJob.objects.create(org=org, team=team, **values)


def campaign(team: Team, *, people: list[Person] | None = None, live: bool = False, **fields):
    """A call campaign of `team` over a static list of `people` (a new list); `live=True` makes its targets."""
    from groundswell.outreach.models import Campaign
    from groundswell.outreach.result_codes import ensure_result_codes
    from groundswell.outreach.services import sync_targets
    from groundswell.people.models import ListMember

    n = next(_seq)
    org = team if team.depth == 1 else Team.objects.get(path=team.org_path)
    source = people_list(team, kind="static")
    ListMember.objects.bulk_create([ListMember(list=source, person=p) for p in people or []])
    values = {"name": f"Campaign {n}", "script": "Hi {first_name}, this is {volunteer_first_name}.",
              "people_list": source}
    values.update(fields)
    record = Campaign.objects.create(org=org, team=team, **values)
    record.refresh_from_db()  # fields given as text ("09:00") read back as the values they are
    ensure_result_codes(org)
    if live:
        sync_targets(record)
        record.status = Campaign.Status.LIVE
        record.save(update_fields=["status"])
    return record
