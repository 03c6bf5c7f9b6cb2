"""Calling sessions: start, keep alive, end (which frees the caller's claims at once), and the supervisor's
pause and message. A paused caller is refused new contacts by the claim guard registered in apps.py."""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, Q, QuerySet
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import Conflict
from groundswell.events.services_attendance import check_in_worker
from groundswell.orgs.access import Actor
from groundswell.outreach.claims import CALLER, ClaimGuard, release_all
from groundswell.outreach.models import Campaign
from groundswell.phonebank.models import CallingSession

# A session not heard from for this long counts as gone: not "calling now", and its claims may be freed.
QUIET_AFTER = dt.timedelta(minutes=3)


def open_session(campaign: Campaign, user_id: int) -> CallingSession | None:
    return CallingSession.objects.filter(campaign=campaign, caller_id=user_id, ended_at__isnull=True).first()


@transaction.atomic
def session_start(*, actor: Actor, campaign: Campaign, shift=None, now: dt.datetime | None = None) -> CallingSession:
    """The caller's open session on `campaign`, or a new one (pressing "Start calling" twice makes one)."""
    now = now or timezone.now()
    session = open_session(campaign, actor.user_id)
    if session is not None:
        CallingSession.objects.filter(pk=session.pk).update(last_seen_at=now)
        return session
    session = CallingSession.objects.create(campaign=campaign, caller_id=actor.user_id, shift=shift, started_at=now,
                                            last_seen_at=now)
    check_in_worker(user=actor.user, campaign=campaign, now=now)  # their shift of a phone bank event, if any
    return session


def session_seen(*, session: CallingSession, now: dt.datetime | None = None) -> None:
    CallingSession.objects.filter(pk=session.pk).update(last_seen_at=now or timezone.now())


@transaction.atomic
def session_end(*, actor: Actor, campaign: Campaign, now: dt.datetime | None = None) -> int:
    """End the caller's session and give back every contact they hold on the campaign. Returns how many."""
    now = now or timezone.now()
    CallingSession.objects.filter(campaign=campaign, caller_id=actor.user_id, ended_at__isnull=True).update(
        ended_at=now, last_seen_at=now)
    return release_all(user_id=actor.user_id, campaign=campaign)


@transaction.atomic
def caller_pause(*, actor: Actor, session: CallingSession, message: str = "",
                 now: dt.datetime | None = None) -> CallingSession:
    """A supervisor pauses a caller: no new contacts until resumed; their held contacts go back to the queue."""
    now = now or timezone.now()
    session.paused_at, session.paused_by = now, actor.user
    if message:
        session.message, session.message_at = message[:500], now
    session.save(update_fields=["paused_at", "paused_by", "message", "message_at"])
    release_all(user_id=session.caller_id, campaign=session.campaign)
    audit_log(actor=actor, action="phonebank.caller.paused", target=session.campaign,
              team_path=session.campaign.team.path, data={"caller": session.caller_id})
    return session


@transaction.atomic
def caller_resume(*, actor: Actor, session: CallingSession) -> CallingSession:
    session.paused_at, session.paused_by = None, None
    session.save(update_fields=["paused_at", "paused_by"])
    audit_log(actor=actor, action="phonebank.caller.resumed", target=session.campaign,
              team_path=session.campaign.team.path, data={"caller": session.caller_id})
    return session


def caller_message(*, actor: Actor, session: CallingSession, message: str,
                   now: dt.datetime | None = None) -> CallingSession:
    """Leave the caller a message; their calling page shows it at its next refresh."""
    session.message, session.message_at = message.strip()[:500], now or timezone.now()
    session.save(update_fields=["message", "message_at"])
    return session


def _paused(campaign_id: int, caller) -> QuerySet[CallingSession]:
    """The caller's open sessions on the campaign that a supervisor paused (`caller`: a user id, or CALLER)."""
    return CallingSession.objects.filter(campaign_id=campaign_id, caller_id=caller, ended_at__isnull=True,
                                         paused_at__isnull=False)


def refuse_paused_caller(actor: Actor, campaign: Campaign) -> None:
    """Claim guard: a caller whose supervisor paused them gets no new contacts."""
    if campaign.channel != Campaign.Channel.CALL or not actor.is_authenticated:
        return
    session = _paused(campaign.pk, actor.user_id).first()
    if session is not None:
        reason = f": {session.message}" if session.message else ""
        raise Conflict(f"a supervisor paused your calling{reason}")


def not_paused(campaign: Campaign) -> Q | None:
    """The same rule inside the claim statement: no paused session of the caller on a call campaign."""
    if campaign.channel != Campaign.Channel.CALL:
        return None
    return ~Q(Exists(_paused(campaign.pk, CALLER)))


PAUSED_CALLER = ClaimGuard(check=refuse_paused_caller, condition=not_paused)


def live_sessions(campaign: Campaign, now: dt.datetime | None = None):
    """Sessions of callers calling now: open and heard from within QUIET_AFTER."""
    now = now or timezone.now()
    return CallingSession.objects.filter(campaign=campaign, ended_at__isnull=True,
                                         last_seen_at__gte=now - QUIET_AFTER).select_related("caller")
