"""Writes: setting, splitting, editing and deleting goals. Callers pass a team fetched with MANAGE_TEAM."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from groundswell.audit.services import audit_log
from groundswell.goals.metrics import get_metric
from groundswell.goals.models import Goal
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership, Team
from groundswell.orgs.roles import Cap
from groundswell.people.services import org_of


def _check(*, actor: Actor, team: Team, metric: str, start: dt.date, end: dt.date, target, member_id) -> None:
    errors: dict[str, str] = {}
    if not actor.can(Cap.MANAGE_TEAM, team):
        errors["team"] = "You may set goals only for teams you manage."
    if get_metric(metric) is None:
        errors["metric"] = f"Unknown metric {metric!r}."
    if end < start:
        errors["end"] = "The period ends before it starts."
    if not isinstance(target, int) or isinstance(target, bool) or target < 1:
        errors["target"] = "The target must be a whole number of at least 1."
    if member_id is not None and not Membership.objects.filter(team=team, user_id=member_id).exists():
        errors["member"] = "A personal goal is for a member of the team."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def goal_create(*, actor: Actor, team: Team, metric: str, start: dt.date, end: dt.date, target: int,
                member_id: int | None = None, parent: Goal | None = None) -> Goal:
    """Set a goal for a team (or one of its members): the actor must manage the team."""
    _check(actor=actor, team=team, metric=metric, start=start, end=end, target=target, member_id=member_id)
    goal = Goal.objects.create(org=org_of(team), team=team, member_id=member_id, parent=parent, metric=metric,
                               start=start, end=end, target=target, created_by=actor.user)
    audit_log(actor=actor, action="goals.goal.created", target=goal, team_path=team.path)
    return goal


@transaction.atomic
def goal_update(*, actor: Actor, goal: Goal, start: dt.date, end: dt.date, target: int) -> Goal:
    _check(actor=actor, team=goal.team, metric=goal.metric, start=start, end=end, target=target,
           member_id=goal.member_id)
    goal.start, goal.end, goal.target = start, end, target
    goal.save(update_fields=["start", "end", "target"])
    audit_log(actor=actor, action="goals.goal.updated", target=goal, team_path=goal.team.path)
    return goal


@transaction.atomic
def goal_delete(*, actor: Actor, goal: Goal) -> None:
    if not actor.can(Cap.MANAGE_TEAM, goal.team):
        raise ValidationError({"team": "You may delete goals only on teams you manage."})
    audit_log(actor=actor, action="goals.goal.deleted", target=goal, team_path=goal.team.path)
    goal.delete()


def split_preview(goal: Goal, rule: str, by_hand: dict[int, int] | None = None) -> list[tuple[Team, int]]:
    """How a parent goal's target would be shared among its child teams. Evenly and by size hand out the
    remainder one each to the first teams (largest first by size) so the parts always add up exactly."""
    children = list(Team.objects.get_children(goal.team))
    if not children:
        raise ValidationError({"rule": "This team has no child teams to split the goal across."})
    if rule == Goal.Split.BY_HAND:
        parts = [(child, (by_hand or {}).get(child.pk, 0)) for child in children]
        if any(not isinstance(n, int) or n < 0 for _, n in parts):
            raise ValidationError({"parts": "Each part must be a whole number, 0 or more."})
        if sum(n for _, n in parts) != goal.target:
            raise ValidationError({"parts": f"The parts add up to {sum(n for _, n in parts)}, "
                                            f"not the goal's {goal.target}."})
        return parts
    if rule == Goal.Split.BY_SIZE:
        sizes = {c.pk: Membership.objects.filter(team__path__startswith=c.path).count() for c in children}
        total = sum(sizes.values())
        if total == 0:
            raise ValidationError({"rule": "The child teams have no members yet; split evenly or by hand."})
        weights = [sizes[c.pk] / total for c in children]
    elif rule == Goal.Split.EVENLY:
        weights = [1 / len(children)] * len(children)
    else:
        raise ValidationError({"rule": f"Unknown split rule {rule!r}."})
    shares = [int(goal.target * w) for w in weights]
    order = sorted(range(len(children)), key=lambda i: -(goal.target * weights[i] - shares[i]))
    for i in order[: goal.target - sum(shares)]:
        shares[i] += 1
    return list(zip(children, shares, strict=True))


@transaction.atomic
def goal_split(*, actor: Actor, goal: Goal, rule: str, by_hand: dict[int, int] | None = None) -> list[Goal]:
    """Replace the goal's parts with one goal per child team (parts of 0 are skipped)."""
    parts = split_preview(goal, rule, by_hand)
    goal.parts.all().delete()
    return [goal_create(actor=actor, team=child, metric=goal.metric, start=goal.start, end=goal.end,
                        target=n, parent=goal) for child, n in parts if n > 0]
