"""Plain factory functions with sensible defaults; no randomness unless a test asks for it."""

from itertools import count

from groundswell.accounts.models import User
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.services import team_create

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
