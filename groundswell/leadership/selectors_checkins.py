"""Reads of check-ins: who a leader checks in with on a team, when they last did, and who is overdue."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.leadership.access import leader_teams
from groundswell.leadership.models import CheckIn, CheckInCadence
from groundswell.leadership.models.checkins import DEFAULT_EVERY_DAYS
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import Cap

LEADING_ROLES = (Membership.Role.LEADER, Membership.Role.ORGANIZER)


@dataclass
class RosterLine:
    membership: Membership
    last: dt.datetime | None
    due: dt.date

    @property
    def is_overdue(self) -> bool:
        return self.due < timezone.now().date()


def cadence_days(team: Team) -> int:
    cadence = CheckInCadence.objects.filter(team=team).first()
    return cadence.every_days if cadence else DEFAULT_EVERY_DAYS


def roster_memberships(team: Team) -> QuerySet[Membership]:
    """Who a team's leaders check in with: the team's own members, and the leaders and organizers of the teams
    directly below it (leaders supervise leaders)."""
    children = Team.objects.get_children(team).values("pk")
    return (Membership.objects.filter(Q(team=team) | Q(team__in=children, role__in=LEADING_ROLES))
            .select_related("user", "team").order_by("team__path", "user__full_name"))


def checkin_roster(actor: Actor, team: Team) -> list[RosterLine]:
    """The roster with each person's last check-in on this team and when the next is due (never checked in:
    due since they joined), most overdue first; the actor themselves is left out."""
    every = dt.timedelta(days=cadence_days(team))
    members = [m for m in roster_memberships(team) if m.user_id != actor.user_id]
    last = dict(CheckIn.objects.filter(team=team, member_id__in=[m.user_id for m in members])
                .values_list("member_id").annotate(last=Max("held_at")).order_by())
    lines = []
    for membership in members:
        held = last.get(membership.user_id)
        start = held or membership.created_at
        lines.append(RosterLine(membership, held, (start + every).date()))
    return sorted(lines, key=lambda line: (line.due, line.membership.user.full_name))


def roster_member(team: Team, user_id: int) -> User | None:
    """A member of the team's roster by user id, or None (a forged id is a field error, not a crash)."""
    membership = roster_memberships(team).filter(user_id=user_id).first()
    return membership.user if membership else None


def team_check_ins(actor: Actor, team: Team) -> QuerySet[CheckIn]:
    return (CheckIn.objects.filter(team=team, team__in=leader_teams(actor))
            .select_related("leader", "member").order_by("-held_at", "-id"))


def overdue_check_in_lines(actor: Actor, team: Team, limit: int = 5) -> list[str]:
    """The team's people whose check-in is overdue, for a dashboard's "needs attention" (named for those who
    may see members, counted for everyone else)."""
    overdue = [line for line in checkin_roster(actor, team) if line.is_overdue]
    if not overdue:
        return []
    if not actor.can(Cap.VIEW_MEMBERS, team):
        return [f"{len(overdue)} {'people' if len(overdue) != 1 else 'person'} without a recent check-in"]
    lines = [f"{line.membership.user.full_name or line.membership.user.email} ({line.membership.team.name}): "
             + (f"last check-in {line.last:%d %b}" if line.last else "no check-in yet") for line in overdue[:limit]]
    if len(overdue) > limit:
        lines.append(f"and {len(overdue) - limit} more")
    return lines
