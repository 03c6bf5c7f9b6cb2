"""The one place that knows who may see and do what. Every selector, view, API route and task that reads
teams, people or activity starts here.

The rule: a role held on a team applies to that team and everything below it (its materialized path is a
prefix of theirs), and nowhere else. Volunteers see the team structure they belong to, themselves, their
assignments and their own contacts — never other members' personal data. Anything outside the actor's
scope is reported as NotFound, exactly like something that does not exist.
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q, QuerySet

from groundswell.accounts.models import User
from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.roles import AUTONOMY_SETTING, GRANTABLE_ROLES, ROLE_CAPS, ROLE_ORDER, Cap, Role

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Grant:
    """One membership seen as a grant: `role` over every team whose path starts with `path`."""

    team_id: int
    path: str
    role: str
    time_zone: str = ""  # the team's

    def covers(self, path: str) -> bool:
        return path.startswith(self.path)


@dataclass
class Actor:
    """The signed-in user with all their roles, resolved once per request."""

    user: User | AnonymousUser
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @classmethod
    def for_user(cls, user: User | AnonymousUser) -> "Actor":
        if not user.is_authenticated or not user.is_active:
            return cls(user=user)
        rows = Membership.objects.filter(user=user).values_list("team_id", "team__path", "role", "team__time_zone")
        return cls(user=user, grants=tuple(Grant(*row) for row in rows))

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated)

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.is_authenticated else None

    @property
    def time_zone(self) -> str:
        """The zone the actor reads times in: their profile's, else that of the team nearest them (the deepest
        of their memberships); "" for a visitor or someone in no team."""
        if self.is_authenticated and self.user.time_zone:
            return self.user.time_zone
        nearest = max(self.grants, key=lambda g: len(g.path), default=None)
        return nearest.time_zone if nearest else ""

    def paths_with(self, cap: Cap) -> list[str]:
        """Top-most paths where the actor holds `cap`; a path already covered by another is dropped."""
        paths = sorted({g.path for g in self.grants if cap in ROLE_CAPS[g.role]})
        kept: list[str] = []
        for path in paths:
            if not any(path.startswith(top) for top in kept):
                kept.append(path)
        return kept

    def grants_over(self, team: Team) -> list[Grant]:
        return [g for g in self.grants if g.covers(team.path)]

    def can(self, cap: Cap, team: Team) -> bool:
        """May the actor do `cap` on `team`? Honours the team's autonomy settings (roles.AUTONOMY_SETTING)."""
        setting = AUTONOMY_SETTING.get(cap)
        for grant in self.grants_over(team):
            if cap not in ROLE_CAPS[grant.role]:
                continue
            # A team that switches a power off takes it from its own members only; roles held above
            # (and admins anywhere above or on it) keep it.
            if setting and grant.path == team.path and grant.role != Role.ADMIN:
                if not getattr(team, setting):
                    continue
            return True
        return False

    def role_on(self, team: Team) -> str | None:
        """The strongest role that applies to `team`, for navigation and home pages."""
        roles = {g.role for g in self.grants_over(team)}
        return next((role for role in ROLE_ORDER if role in roles), None)

    def may_grant(self, role: str, team: Team) -> bool:
        """May the actor hand out `role` on `team` (directly or through an invitation)?"""
        return any(role in GRANTABLE_ROLES.get(g.role, ()) for g in self.grants_over(team))

    @cached_property
    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    @property
    def is_volunteer_only(self) -> bool:
        return bool(self.grants) and self.roles == {Role.VOLUNTEER}


def subtree_q(paths: list[str], *, field_name: str = "path") -> Q:
    """Q matching any row whose team path lies in one of `paths`' subtrees; matches nothing when empty."""
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{field_name}__startswith": path})
    return q


def visible_teams(actor: Actor, cap: Cap = Cap.VIEW_TEAM) -> QuerySet[Team]:
    """Teams where the actor holds `cap`: every team they have such a role on, and everything below."""
    return Team.objects.filter(subtree_q(actor.paths_with(cap)))


def reachable_teams(actor: Actor, cap: Cap) -> QuerySet[Team]:
    """Teams where the actor holds `cap` and everything below them, plus the teams *above* them: where a
    member may take part in work organised higher up their own branch (a regional or national phone bank).
    Never a sibling branch. Used for contact work only; what they may *see* stays `visible_teams`."""
    paths = actor.paths_with(cap)
    above = {prefix for path in paths for prefix in Team.path_prefixes(path, include_self=False)}
    return Team.objects.filter(subtree_q(paths) | Q(path__in=above))


def scoped(qs: QuerySet[M], actor: Actor, *, cap: Cap = Cap.VIEW_MEMBERS, via: str = "team") -> QuerySet[M]:
    """Narrow any team-owned queryset to the subtrees where the actor holds `cap`.

    Written as `<via> IN (teams in scope)` so an index on the owning team serves it at any table size
    (a million people cost one index scan per team, not a join on every row)."""
    return qs.filter(**{f"{via}__in": visible_teams(actor, cap)})


def visible_memberships(actor: Actor) -> QuerySet[Membership]:
    """Memberships whose personal details the actor may see: their subtree's (by role), and always their own."""
    own = Q(user_id=actor.user_id) if actor.is_authenticated else Q(pk__in=[])
    members = subtree_q(actor.paths_with(Cap.VIEW_MEMBERS), field_name="team__path")
    return Membership.objects.filter(own | members)


def visible_users(actor: Actor) -> QuerySet[User]:
    """Users the actor may see personal details of: members of their subtree, and themselves."""
    return User.objects.filter(pk__in=visible_memberships(actor).values("user_id")) | User.objects.filter(
        pk=actor.user_id or 0
    )


def get_team_for(actor: Actor, team_id: int, cap: Cap = Cap.VIEW_TEAM) -> Team:
    """The team if the actor can see it (else NotFound) and may do `cap` on it (else PermissionDenied)."""
    team = visible_teams(actor).filter(pk=team_id).first()
    if team is None:
        raise NotFound("team")
    if not actor.can(cap, team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} on this team")
    return team


def get_team_by_slug_for(actor: Actor, slug: str, cap: Cap = Cap.VIEW_TEAM) -> Team:
    team = visible_teams(actor).filter(slug=slug).only("pk").first()
    if team is None:
        raise NotFound("team")
    return get_team_for(actor, team.pk, cap)


def get_membership_for(actor: Actor, membership_id: int, cap: Cap = Cap.VIEW_MEMBERS) -> Membership:
    """A membership the actor may see; for anything but viewing, they need `cap` on its team."""
    membership = visible_memberships(actor).select_related("team", "user").filter(pk=membership_id).first()
    if membership is None:
        raise NotFound("membership")
    if cap != Cap.VIEW_MEMBERS and not actor.can(cap, membership.team):
        raise PermissionDenied("you may not change this membership")
    return membership


def visible_invitations(actor: Actor) -> QuerySet[Invitation]:
    return scoped(Invitation.objects.all(), actor, cap=Cap.INVITE)
