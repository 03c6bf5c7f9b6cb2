"""The weekly digest: each leader, organizer and admin gets, for each team they hold that role on, the week's
numbers beside last week's, their goals and pace, and who needs attention — the feedback loop that makes a
dashboard something people act on. Sent by `send_goal_digests` (cron, weekly) or its task."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from groundswell.goals import selectors
from groundswell.goals.dashboard import Dashboard, dashboard_for
from groundswell.goals.selectors import Period
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team

Role = Membership.Role
DIGEST_ROLES = (Role.ADMIN, Role.ORGANIZER, Role.LEADER)


def digest_text(actor: Actor, team: Team) -> str:
    """The digest's body for one reader and one team (a team they may see reports for)."""
    board = dashboard_for(actor, team, "week")
    before = Period(board.period.start - dt.timedelta(days=7), board.period.end - dt.timedelta(days=7))
    last_week = {line.metric.key: line.total for line in selectors.metric_lines(team, before)}
    lines = [f"{team.name}: the week of {board.period.start:%b %-d} – {board.period.end:%b %-d}", ""]
    lines += _numbers(board, last_week) + [""] + _goals(board) + [""] + _attention(board)
    lines += ["", f"The dashboard: {settings.SITE_URL}{reverse('goals:dashboard', args=[team.slug])}"]
    return "\n".join(lines) + "\n"


def _numbers(board: Dashboard, last_week: dict[str, int]) -> list[str]:
    rows = [(line.metric.label, line.total, last_week.get(line.metric.key, 0)) for line in board.metrics]
    rows = [row for row in rows if row[1] or row[2]]
    if not rows:
        return ["No activity recorded this week or last."]
    return ["This week (last week):"] + [f"  {label}: {now} ({then}, {now - then:+d})" for label, now, then in rows]


def _goals(board: Dashboard) -> list[str]:
    if not board.goals:
        return ["No goals set for this week."]
    out = ["Goals:"]
    for line in board.goals:
        pace = "on track" if line.on_track else f"behind: {line.expected} expected by today"
        out.append(f"  {line.goal.metric_label}: {line.actual} of {line.goal.target} ({pace})")
    return out


def _attention(board: Dashboard) -> list[str]:
    items = [f"  {line.goal.team.name} is behind on {line.goal.metric_label.lower()}: {line.actual} of "
             f"{line.expected} expected" for line in board.behind]
    items += [f"  {name}: {item}" for name, entries in board.attention for item in entries]
    return ["Needs attention:", *items] if items else ["Nothing needs attention this week."]


def send_goal_digests() -> int:
    """Send every leader's, organizer's and admin's digest; returns how many emails went out."""
    sent = 0
    memberships = Membership.objects.filter(role__in=DIGEST_ROLES, user__is_active=True).select_related(
        "team", "user").order_by("user_id", "team__path")
    for membership in memberships:
        body = digest_text(Actor.for_user(membership.user), membership.team)
        EmailMessage(f"Your week: {membership.team.name}", body, None, [membership.user.email]).send()
        sent += 1
    return sent
