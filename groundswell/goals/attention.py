"""Who needs attention on a team: hooks that other apps register (the leadership app will add "no recent
check-in" and "overdue commitments"). A hook takes (actor, team) and returns a list of short sentences;
with none registered the dashboard shows nothing for them."""

from collections.abc import Callable

from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team

Hook = Callable[[Actor, Team], list[str]]
HOOKS: dict[str, Hook] = {}


def register_attention(name: str, hook: Hook) -> None:
    HOOKS[name] = hook


def attention_items(actor: Actor, team: Team) -> list[tuple[str, list[str]]]:
    return [(name, items) for name, hook in HOOKS.items() if (items := hook(actor, team))]
