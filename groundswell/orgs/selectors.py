"""Reads of the team tree and memberships. Every function takes the actor and goes through access.py."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

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
    return list(visible_teams(actor).filter(pk__in=[a.pk for a in team.get_ancestors()]).order_by("depth"))


def member_list(*, actor: Actor, team: Team, include_subteams: bool = False) -> QuerySet[Membership]:
    """Members of `team` (and of its sub-teams if asked) whose details the actor may see."""
    memberships = visible_memberships(actor).select_related("user", "team", "recruited_by")
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
