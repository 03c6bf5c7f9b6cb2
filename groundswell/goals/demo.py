"""The demo's goals: a national goal for calls, the Midwest region's split across its chapters by size, the
leader's team goal for event signups and the demo volunteer's personal goal for bringing friends to events;
then the rollups are built so every dashboard has numbers and a series from the other parts' activity."""

import datetime as dt

from django.utils import timezone

from groundswell.goals.models import Goal
from groundswell.goals.rollups import rollups_rebuild
from groundswell.goals.services import goal_create, goal_split
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import Cap

Role = Membership.Role


def goals_demo_load(org: Team, *, seed: int) -> None:
    """Made through the real services; a second load finds the goals and only rebuilds the rollups."""
    if not Goal.objects.filter(org=org).exists():
        _goals(org)
    rollups_rebuild(org=org)


def _goals(org: Team) -> None:
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=14), today + dt.timedelta(days=30)
    admin = Membership.objects.filter(team=org, role=Role.ADMIN).select_related("user").first()
    if admin is None:
        return
    goal_create(actor=Actor.for_user(admin.user), team=org, metric="contacts_made", start=start, end=end,
                target=5000)
    organizer = Membership.objects.filter(user__email="organizer@example.org").select_related("team").first()
    if organizer is not None:
        actor = Actor.for_user(organizer.user)
        region_goal = goal_create(actor=actor, team=organizer.team, metric="event_signups", start=start,
                                  end=end, target=400)
        goal_split(actor=actor, goal=region_goal, rule=Goal.Split.BY_SIZE)
    _team_goals(start, end)


def _team_goals(start: dt.date, end: dt.date) -> None:
    leader = Membership.objects.filter(user__email="leader@example.org").select_related("team", "user").first()
    volunteer = Membership.objects.filter(user__email="volunteer@example.org").first()
    if leader is None:
        return
    # The leader's own role cannot set goals; the organizer above the team does it for them.
    manager = next((m.user for m in Membership.objects.filter(role__in=[Role.ORGANIZER, Role.ADMIN])
                    .select_related("user").order_by("team__depth").reverse()
                    if Actor.for_user(m.user).can(Cap.MANAGE_TEAM, leader.team)), None)
    if manager is None:
        return
    actor = Actor.for_user(manager)
    goal_create(actor=actor, team=leader.team, metric="event_signups", start=start, end=end, target=40)
    if volunteer is not None and volunteer.team_id == leader.team_id:
        goal_create(actor=actor, team=leader.team, metric="event_referrals", start=start, end=end, target=5,
                    member_id=volunteer.user_id)
