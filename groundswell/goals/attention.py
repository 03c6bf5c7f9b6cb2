"""Who needs attention on a team: hooks that take (actor, team) and return short sentences, shown on the
dashboard and in the weekly digest. Goals reads every app, so the hooks of other apps are registered here;
with none returning anything the dashboard shows nothing for them."""

from collections.abc import Callable

from groundswell.leadership.selectors import overdue_commitment_lines
from groundswell.leadership.selectors_checkins import overdue_check_in_lines
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team

Hook = Callable[[Actor, Team], list[str]]
HOOKS: dict[str, Hook] = {}


def register_attention(name: str, hook: Hook) -> None:
    HOOKS[name] = hook


def attention_items(actor: Actor, team: Team) -> list[tuple[str, list[str]]]:
    return [(name, items) for name, hook in HOOKS.items() if (items := hook(actor, team))]


register_attention("Overdue commitments", overdue_commitment_lines)
register_attention("No recent check-in", overdue_check_in_lines)
