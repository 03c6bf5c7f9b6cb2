"""A volunteer's own view: their personal goals with progress, and their counts per metric (referrals too)."""

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from groundswell.goals.metrics import all_metrics
from groundswell.goals.models import Goal, LeaderboardOptOut, UserDayCount
from groundswell.goals.selectors import goal_lines
from groundswell.orgs.access import Actor


def my_goal_lines(actor: Actor) -> dict:
    today = timezone.now().date()
    goals = Goal.objects.filter(member=actor.user_id, end__gte=today - dt.timedelta(days=30)).select_related("team")
    since = today - dt.timedelta(days=29)
    sums = dict(UserDayCount.objects.filter(user=actor.user_id, day__gte=since).values_list("metric")
                .annotate(n=Sum("count")).order_by())
    return {
        "goals": goal_lines(list(goals), today),
        "counts": [(metric, sums.get(metric.key, 0)) for metric in all_metrics()],
        "hidden": LeaderboardOptOut.objects.filter(user=actor.user_id).exists(),
    }


def set_leaderboard_opt_out(*, user, hidden: bool) -> None:
    """A volunteer's choice not to appear by name on leaderboards (their counts still add up in totals)."""
    if hidden:
        LeaderboardOptOut.objects.get_or_create(user=user)
    else:
        LeaderboardOptOut.objects.filter(user=user).delete()
