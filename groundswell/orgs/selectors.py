"""Reads of the team tree and memberships. Every function takes the actor and goes through access.py."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from groundswell.common.errors import NotFound
from groundswell.orgs.access import (
    Actor,
    scoped,
    visible_invitations,
    visible_memberships,
    visible_teams,
)
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.roles import Cap


def team_list(*, actor: Actor) -> QuerySet[Team]:
    return visible_teams(actor).order_by("path")


def team_children(*, actor: Actor, team: Team) -> QuerySet[Team]:
    return visible_teams(actor).filter(path__startswith=team.path, depth=team.depth + 1).order_by("name")


def team_parent_ids(*, actor: Actor, teams: list[Team]) -> dict[str, int]:
    """Map parent path → id for the given teams' parents, leaving out parents the actor cannot see."""
    parent_paths = {t.path[: -Team.steplen] for t in teams if t.depth > 1}
    return dict(visible_teams(actor).filter(path__in=parent_paths).values_list("path", "pk"))


def team_ancestors(*, actor: Actor, team: Team) -> list[Team]:
    """The visible teams above `team`, root first (for breadcrumbs)."""
    ancestor_ids = [a.pk for a in Team.objects.get_ancestors(team)]
    return list(visible_teams(actor).filter(pk__in=ancestor_ids).order_by("depth"))


def member_list(
    *,
    actor: Actor,
    team: Team,
    include_subteams: bool = False,
    onboarding_incomplete: bool = False,
    joined_since: datetime | None = None,
) -> QuerySet[Membership]:
    """Members of `team` (and of its sub-teams if asked) whose details the actor may see.

    The filters match the counts of team_report(), so every number on a dashboard links to its rows.
    """
    memberships = visible_memberships(actor).select_related("user", "team", "recruited_by")
    if onboarding_incomplete:
        memberships = memberships.exclude(onboarded_at__isnull=False, conduct_accepted_at__isnull=False)
    if joined_since is not None:
        memberships = memberships.filter(created_at__gte=joined_since)
    if include_subteams:
        return memberships.filter(team__path__startswith=team.path).order_by("team__path", "user__full_name")
    return memberships.filter(team=team).order_by("user__full_name")


def member_count(*, actor: Actor, team: Team) -> int:
    """Number of memberships in the team's subtree: an aggregate, visible to analysts too."""
    if not actor.can(Cap.VIEW_REPORTS, team) and not actor.can(Cap.VIEW_MEMBERS, team):
        return 0
    return Membership.objects.filter(team__path__startswith=team.path).count()


def invitation_list(*, actor: Actor, team: Team) -> QuerySet[Invitation]:
    return visible_invitations(actor).filter(team=team).select_related("created_by").order_by("-created_at")


def my_memberships(*, actor: Actor) -> QuerySet[Membership]:
    return Membership.objects.filter(user_id=actor.user_id).select_related("team").order_by("team__path")


@dataclass(frozen=True)
class OnboardingProgress:
    membership: Membership
    steps_done: int
    steps_total: int

    @property
    def is_complete(self) -> bool:
        return self.steps_done >= self.steps_total


def onboarding_progress(*, actor: Actor, team: Team) -> list[OnboardingProgress]:
    return [
        OnboardingProgress(m, m.onboarding_steps_done, Membership.ONBOARDING_STEPS)
        for m in member_list(actor=actor, team=team, include_subteams=True)
    ]


@dataclass(frozen=True)
class RecruitStats:
    user_id: int
    full_name: str
    recruits: int


def top_recruiters(*, actor: Actor, team: Team, limit: int = 10) -> list[RecruitStats]:
    """Who brought the most people into this subtree (counted from visible memberships only)."""
    rows = (
        scoped(Membership.objects.all(), actor)
        .filter(team__path__startswith=team.path, recruited_by__isnull=False)
        .values("recruited_by", "recruited_by__full_name")
        .annotate(n=Count("id"))
        .order_by("-n", "recruited_by__full_name")[:limit]
    )
    return [RecruitStats(r["recruited_by"], r["recruited_by__full_name"], r["n"]) for r in rows]


@dataclass(frozen=True)
class TeamReport:
    """Aggregates for a team's subtree: no personal data, so analysts may read it."""

    by_role: list[tuple[str, int]]
    total: int
    onboarded: int
    new_this_week: int
    onboarding_incomplete: int

    @property
    def onboarding_percent(self) -> int:
        return round(100 * self.onboarded / self.total) if self.total else 0


def week_ago() -> datetime:
    """Start of "this week" on dashboards: the last seven days."""
    return timezone.now() - timedelta(days=7)


def team_report(*, actor: Actor, team: Team) -> TeamReport | None:
    """Member counts by role and onboarding completion for the subtree; None when the actor may not see reports."""
    if not actor.can(Cap.VIEW_REPORTS, team):
        return None
    # Counted without visible_memberships(): these are aggregates, which VIEW_REPORTS allows on this subtree.
    memberships = Membership.objects.filter(team__path__startswith=team.path)
    counts = dict(memberships.values_list("role").annotate(n=Count("id")).order_by())
    by_role = [(label, counts[value]) for value, label in Membership.Role.choices if counts.get(value)]
    total = sum(counts.values())
    onboarded = memberships.filter(onboarded_at__isnull=False, conduct_accepted_at__isnull=False).count()
    return TeamReport(
        by_role=by_role, total=total, onboarded=onboarded,
        new_this_week=memberships.filter(created_at__gte=week_ago()).count(),
        onboarding_incomplete=total - onboarded,
    )


def team_move_targets(*, actor: Actor, team: Team) -> QuerySet[Team]:
    """Teams `team` may be moved under: where the actor may move teams, outside the team's own subtree."""
    current_parent = team.path[: -Team.steplen]
    return (
        visible_teams(actor, Cap.MOVE_TEAM)
        .exclude(path__startswith=team.path)
        .exclude(path=current_parent)
        .order_by("path")
    )


def conduct_for(*, team: Team) -> tuple[Team, str] | None:
    """The code of conduct that applies to a team: its own, or the nearest ancestor's. Not personal data."""
    for candidate in [team, *reversed(Team.objects.get_ancestors(team))]:
        if candidate.code_of_conduct.strip():
            return candidate, candidate.code_of_conduct
    return None


def team_leader_names(*, team: Team) -> list[str]:
    """Who runs a team, for its own members: the leaders on it, else organizers on it or the nearest above."""
    for role in (Membership.Role.LEADER, Membership.Role.ORGANIZER):
        names = list(
            Membership.objects.filter(team=team, role=role).order_by("user__full_name")
            .values_list("user__full_name", flat=True)
        )
        if names:
            return names
    for ancestor in reversed(Team.objects.get_ancestors(team)):
        names = list(
            Membership.objects.filter(team=ancestor, role=Membership.Role.ORGANIZER)
            .order_by("user__full_name").values_list("user__full_name", flat=True)
        )
        if names:
            return names
    return []


INVITATION_STATUS = {
    "withdrawn": "Withdrawn",
    "expired": "Expired",
    "used_up": "Used up",
    "active": "Active",
}


def invitation_status(invitation: Invitation, now: datetime | None = None) -> str:
    return invitation.status(now)


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation behind a join link. The token is the secret, so anyone holding it may read the invitation."""
    if not token or len(token) > 64:
        return None
    return Invitation.objects.select_related("team", "created_by").filter(token=token).first()


def membership_of(*, actor: Actor, team: Team) -> Membership | None:
    """The actor's own membership on exactly this team."""
    if not actor.is_authenticated:
        return None
    return Membership.objects.select_related("team").filter(user_id=actor.user_id, team=team).first()


@dataclass(frozen=True)
class TeamCard:
    team: Team
    role: str
    report: TeamReport | None
    pending_invitations: int | None
    can_view_members: bool


def home_team_cards(*, actor: Actor) -> list[TeamCard]:
    """Overview cards for the teams where the actor holds a role above volunteer."""
    cards = []
    for membership in my_memberships(actor=actor).exclude(role=Membership.Role.VOLUNTEER):
        team = membership.team
        pending = None
        if actor.can(Cap.INVITE, team):
            active = [i for i in invitation_list(actor=actor, team=team) if invitation_status(i) == "active"]
            pending = len(active)
        cards.append(TeamCard(team, membership.get_role_display(), team_report(actor=actor, team=team), pending,
                              actor.can(Cap.VIEW_MEMBERS, team)))
    return cards


def grantable_roles(*, actor: Actor, team: Team) -> list[str]:
    """Roles the actor may hand out on `team`, strongest first."""
    return [role for role in Membership.Role.values if actor.may_grant(role, team)]


def caps_on(*, actor: Actor, team: Team) -> dict[str, bool]:
    """What the actor may do on `team`, keyed by capability name, for showing only the allowed buttons."""
    return {cap.value: actor.can(cap, team) for cap in Cap}


def team_member_get(*, actor: Actor, team: Team, membership_id: int) -> Membership:
    """A membership in `team`'s subtree that the actor may see, or NotFound."""
    membership = member_list(actor=actor, team=team, include_subteams=True).filter(pk=membership_id).first()
    if membership is None:
        raise NotFound("membership")
    return membership


def team_invitation_get(*, actor: Actor, team: Team, invitation_id: int) -> Invitation:
    invitation = invitation_list(actor=actor, team=team).filter(pk=invitation_id).first()
    if invitation is None:
        raise NotFound("invitation")
    return invitation


def org_recruits(org: Team) -> QuerySet[Membership]:
    """Memberships in the organization that someone recruited (for goal rollups)."""
    return Membership.objects.filter(team__path__startswith=org.path, recruited_by__isnull=False)


def subtree_paths(team: Team) -> dict[int, str]:
    """Team id → path of `team` and every team below it (for summing counts up the tree in memory)."""
    return dict(Team.objects.filter(path__startswith=team.path).values_list("id", "path"))


def recruiters() -> QuerySet:
    """Ids of the users who recruited at least one membership (anywhere), as a subquery."""
    return Membership.objects.filter(recruited_by__isnull=False).values("recruited_by_id")


def recruit_counts(user_ids: list[int]) -> dict[int, int]:
    """How many memberships each of these users recruited (anywhere), for the leadership pipeline."""
    rows = (Membership.objects.filter(recruited_by_id__in=user_ids).values_list("recruited_by_id")
            .annotate(n=Count("id")).order_by())
    return dict(rows)
