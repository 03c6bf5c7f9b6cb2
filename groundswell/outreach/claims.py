"""The claim queue: hand each caller the next eligible target, never the same one to two callers.

On PostgreSQL the claim is one statement (claim_statement): the queue's first eligible target is taken with
`SELECT … FOR UPDATE SKIP LOCKED` (callers never wait on each other's rows, and a row another caller just
took fails the re-checked WHERE); on SQLite the transaction is IMMEDIATE (settings), so claims are serialised
by the single writer. A claim lasts `campaign.claim_minutes`; after that the target is free again
(eligibility's HELD check), no sweeper needed.

Other apps may refuse a claim (a supervisor paused the caller): `claim_guards`. Targets follow the list:
every SYNC_EVERY, and when the calling window opens or closes somewhere, a claim enqueues
outreach.tasks.sync_targets_task (which also parks the unreachable: outreach.parking).
"""

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from groundswell.common.errors import Conflict
from groundswell.orgs.access import Actor
from groundswell.outreach import claim_statement, eligibility
from groundswell.outreach.claim_statement import CALLER
from groundswell.outreach.models import Campaign, Target
from groundswell.outreach.selectors import held_targets

__all__ = ["CALLER", "ClaimGuard", "claim_guards", "claim_next", "release", "release_all", "skip"]

SYNC_EVERY = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class ClaimGuard:
    """Another app's rule for refusing a claim. `check(actor, campaign)` raises Conflict or PermissionDenied
    to refuse. `condition(campaign)`, when given, is the same rule as a Q on Target (None: it does not apply to
    this campaign), with `CALLER` standing for the caller's user id: the PostgreSQL claim statement applies
    it itself, and `check` runs only to say why nothing was handed out."""

    check: Callable[[Actor, Campaign], None]
    condition: Callable[[Campaign], Q | None] | None = None


# Apps register their guards in ready(): a ClaimGuard, or a plain check(actor, campaign) (checked before every claim).
claim_guards: list[ClaimGuard | Callable[[Actor, Campaign], None]] = []


def claim_next(*, actor: Actor, campaign: Campaign, now: dt.datetime | None = None,
               exclude: Collection[int] = ()) -> Target | None:
    """The target the caller should contact next, held for them; None when nobody is eligible now.

    With "finish your open ones first" a caller who already holds a target gets that one back (a reloaded
    page must not lose it); otherwise they may hold up to `max_open_claims` at once. `exclude`: target ids
    not to hand this time (the one just skipped)."""
    now = now or timezone.now()
    if campaign.status != Campaign.Status.LIVE:
        raise Conflict(f"{campaign.name} is {campaign.get_status_display().lower()}: no contacts are handed out")
    in_statement = connection.vendor == "postgresql"
    guards = [g if isinstance(g, ClaimGuard) else ClaimGuard(check=g) for g in claim_guards]
    _check_guards(actor, campaign, [g for g in guards if not (in_statement and g.condition)])
    _keep_in_step(campaign, now)
    until = now + dt.timedelta(minutes=campaign.claim_minutes)
    if in_statement:
        room = 1 if campaign.finish_open_first else campaign.max_open_claims
        target, held = claim_statement.take_next(
            caller_id=actor.user_id, campaign=campaign, now=now, until=until, room=room, exclude=exclude,
            conditions=[g.condition for g in guards if g.condition])
        if target is not None:
            return target
        # Nothing taken: a guard refused (say why), the caller holds contacts already, or the queue is empty.
        _check_guards(actor, campaign, [g for g in guards if g.condition])
        if not held:
            return None
    return _claim_held_or_next(actor, campaign, now, until, exclude)


def _check_guards(actor: Actor, campaign: Campaign, guards: list[ClaimGuard]) -> None:
    for guard in guards:
        guard.check(actor, campaign)


def _claim_held_or_next(actor: Actor, campaign: Campaign, now: dt.datetime, until: dt.datetime,
                        exclude: Collection[int]) -> Target | None:
    with transaction.atomic():
        held = list(held_targets(campaign, actor.user_id, now)[: campaign.max_open_claims])
        if held and campaign.finish_open_first:
            Target.objects.filter(pk=held[0].pk).update(claimed_until=until)
            return Target.objects.select_related("person").get(pk=held[0].pk)
        if len(held) >= campaign.max_open_claims:
            raise Conflict(f"you already hold {len(held)} contact(s): save or skip one before taking another")
        queue = eligibility.queue(campaign, now).exclude(pk__in=list(exclude))
        target_id = _take(queue, actor.user_id, now, until)
        if target_id is None:
            return None
    return Target.objects.select_related("person").get(pk=target_id)


def _take(queue, user_id: int, now: dt.datetime, until: dt.datetime) -> int | None:
    """Hold the first target of `queue` for the user; its id, or None when the queue is empty.

    PostgreSQL: `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id`, with the
    SELECT compiled from the eligibility queryset itself, so the rule stays in one place."""
    if connection.vendor != "postgresql":
        target_id = queue.values_list("pk", flat=True).first()
        if target_id is not None:
            Target.objects.filter(pk=target_id).update(claimed_by_id=user_id, claimed_at=now, claimed_until=until)
        return target_id
    locked = queue.select_for_update(skip_locked=True, of=("self",)).values("pk")[:1]
    try:
        select, params = locked.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:  # a condition that matches nothing (no zone is inside the window now)
        return None
    table = connection.ops.quote_name(Target._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET claimed_by_id = %s, claimed_at = %s, claimed_until = %s "  # noqa: S608 - compiled
            f"WHERE id = ({select}) RETURNING id",
            [user_id, now, until, *params],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _keep_in_step(campaign: Campaign, now: dt.datetime) -> None:
    """Every SYNC_EVERY, and whenever the calling window has opened or closed somewhere since the targets
    were parked (parking), the first claim asks a worker to bring the targets in step with the list (people
    added to or removed from it) and park them again. The conditional update makes exactly one caller
    enqueue it."""
    stale = now - SYNC_EVERY
    window = eligibility.window_key(campaign, now)
    synced = campaign.targets_synced_at is not None and campaign.targets_synced_at > stale
    if synced and campaign.parked_for == window:
        return
    due = Q(targets_synced_at__isnull=True) | Q(targets_synced_at__lte=stale) | ~Q(parked_for=window)
    if Campaign.objects.filter(pk=campaign.pk).filter(due).update(targets_synced_at=now, parked_for=window):
        from groundswell.outreach.tasks import sync_targets_task

        sync_targets_task.enqueue(campaign.pk, now.isoformat())
    campaign.parked_for = window  # asked for now, by this caller or another


def release(*, actor: Actor, campaign: Campaign, target_id: int | None = None) -> int:
    """Give back the caller's claims on `campaign` (one target, or all of them): skip, or leaving the session.
    Returns how many were released."""
    mine = Target.objects.filter(campaign=campaign, claimed_by_id=actor.user_id)
    if target_id is not None:
        mine = mine.filter(pk=target_id)
    return mine.update(claimed_by=None, claimed_until=None)


def skip(*, actor: Actor, campaign: Campaign, target_id: int, now: dt.datetime | None = None) -> Target | None:
    """Give back one contact and take the next, never the one just skipped (the queue runs in id order, so a
    plain release-then-claim would hand the same person straight back)."""
    with transaction.atomic():
        release(actor=actor, campaign=campaign, target_id=target_id)
        return claim_next(actor=actor, campaign=campaign, now=now, exclude=[target_id])


def release_all(*, user_id: int, campaign: Campaign | None = None) -> int:
    """Free every claim a user holds (no-show, removed from the team, session ended by a supervisor)."""
    mine = Target.objects.filter(claimed_by_id=user_id, claimed_until__isnull=False)
    if campaign is not None:
        mine = mine.filter(campaign=campaign)
    return mine.update(claimed_by=None, claimed_until=None)
