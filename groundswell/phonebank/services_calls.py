"""Calls placed through a voice provider (optional): start a bridged call for the contact the caller holds,
take the provider's status reports, drop a recorded voicemail.

Without a provider account (the default) none of this runs: the calling page shows a `tel:` link and the
caller dials from their own phone. Phone numbers are never written to the audit log.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.common.errors import Conflict, NotFound
from groundswell.orgs.access import Actor
from groundswell.outreach.contacts import number_to_dial
from groundswell.outreach.models import Campaign, ContactAttempt, Target
from groundswell.outreach.selectors import get_held_target
from groundswell.people.contact_points import InvalidContactPoint, parse_phone
from groundswell.phonebank.models import ProviderCall
from groundswell.phonebank.providers import NoProviderConfigured, VoiceProvider, get_provider
from groundswell.phonebank.providers.base import FINAL_STATUSES, CallNotLive, CallReport
from groundswell.phonebank.providers.twiml import absolute
from groundswell.phonebank.sessions import open_session


def _provider_with_account(provider: VoiceProvider | None) -> VoiceProvider:
    provider = provider or get_provider()
    if not provider.needs_account:
        raise NoProviderConfigured()
    return provider


def clean_caller_number(raw: str) -> str:
    """The caller's own phone in E.164, or a field error on `caller_number`."""
    if not raw.strip():
        raise ValidationError({"caller_number": ["enter the phone number we should ring you on"]})
    try:
        return parse_phone(raw).number
    except InvalidContactPoint:
        raise ValidationError({"caller_number": [f"{raw.strip()[:40]!r} is not a phone number we can ring"]}) from None


def call_start(*, actor: Actor, campaign: Campaign, target_id: int, caller_number: str,
               provider: VoiceProvider | None = None, now: dt.datetime | None = None) -> ProviderCall:
    """Ring the caller's own phone, then connect them to the contact they hold, showing the campaign's
    number. The caller must have an open, unpaused calling session and hold the contact now."""
    provider = _provider_with_account(provider)
    now = now or timezone.now()
    if campaign.channel != Campaign.Channel.CALL:
        raise Conflict("this campaign does not make calls")
    target = get_held_target(actor, campaign, target_id, now)
    session = open_session(campaign, actor.user_id)
    if session is None:
        raise Conflict("press “Start calling” first")
    if session.paused_at is not None:
        raise Conflict("a supervisor paused your calling")
    contact_number = number_to_dial(target.person_id, campaign.channel)
    if not contact_number:
        raise Conflict("this contact has no number we may call")
    caller_number = clean_caller_number(caller_number)
    call_id = provider.place_call(
        to=contact_number, caller_number=caller_number,
        callback_url=absolute(reverse("phonebank:provider-status")),
        twiml_url=absolute(reverse("phonebank:provider-bridge", args=[target.pk])))
    # Committed at once (no enclosing transaction): the provider asks for the bridge and reports status
    # within seconds, from other requests.
    call = ProviderCall.objects.create(session=session, target=target, provider=provider.name,
                                       provider_call_id=call_id, created_at=now, updated_at=now)
    audit_log(actor=actor, action="phonebank.call.placed", target=campaign, team_path=campaign.team.path,
              data={"provider": provider.name, "provider_call": call.pk, "target": target.pk})
    return call


def get_provider_call_for(actor: Actor, campaign: Campaign, call_pk: int) -> ProviderCall:
    """A call the actor placed on `campaign` (NotFound for anyone else's)."""
    call = ProviderCall.objects.select_related("session").filter(
        pk=call_pk, session__campaign=campaign, session__caller_id=actor.user_id).first()
    if call is None:
        raise NotFound("call")
    return call


def bridge_number(target_id: int, now: dt.datetime | None = None) -> str:
    """The number the bridged call should dial for `target_id`: "" when the contact is no longer held by
    anyone, is done, or has no number we may call (consent is checked again now)."""
    now = now or timezone.now()
    target = Target.objects.select_related("campaign").filter(pk=target_id).first()
    if target is None or target.done or target.claimed_until is None or target.claimed_until <= now:
        return ""
    return number_to_dial(target.person_id, target.campaign.channel)


def _apply(call: ProviderCall, report: CallReport) -> list[str]:
    """Fold one report into the call; returns the fields changed. The contact's leg decides the status once
    it reports; the caller's leg only fills a status that is not final yet (their phone rang out, they
    hung up before the contact answered). A final status never goes back to a passing one."""
    changed = []
    status = report.status
    if status and status != call.status:
        if report.leg == "contact":
            accept = not (call.status in FINAL_STATUSES and status not in FINAL_STATUSES)
        else:
            accept = call.status not in FINAL_STATUSES
        if accept:
            call.status = status
            changed.append("status")
    if report.duration_seconds is not None and report.duration_seconds != call.duration_seconds:
        call.duration_seconds = report.duration_seconds
        changed.append("duration_seconds")
    if report.answered_by and report.answered_by != call.answered_by:
        call.answered_by = report.answered_by
        changed.append("answered_by")
    return changed


@transaction.atomic
def call_status(*, provider: VoiceProvider, request: HttpRequest,
                now: dt.datetime | None = None) -> ProviderCall | None:
    """Apply a verified status webhook. None for a call we did not place (nothing to update).
    ValueError for a request that is not a status report."""
    report = provider.parse_status(request)
    call = ProviderCall.objects.select_for_update().filter(provider=provider.name,
                                                           provider_call_id=report.call_id).first()
    if call is None:
        return None
    changed = _apply(call, report)
    if changed:
        call.updated_at = now or timezone.now()
        call.save(update_fields=[*changed, "updated_at"])
    attempt_duration_fill(call)
    return call


def attempt_duration_fill(call: ProviderCall) -> ContactAttempt | None:
    """Give the caller's saved attempt for this call the provider's duration when the caller left it empty.
    The attempt is the caller's first one on the same contact made after the call was placed."""
    if call.duration_seconds is None:
        return None
    attempt = _attempt_of(call)
    if attempt is None:
        return None
    if call.attempt_id != attempt.pk:
        ProviderCall.objects.filter(pk=call.pk).update(attempt=attempt)
        call.attempt = attempt
    if attempt.duration_seconds is None:
        ContactAttempt.objects.filter(pk=attempt.pk, duration_seconds__isnull=True).update(
            duration_seconds=call.duration_seconds)
        attempt.duration_seconds = call.duration_seconds
    return attempt


def _attempt_of(call: ProviderCall) -> ContactAttempt | None:
    if call.attempt_id is not None:
        return ContactAttempt.objects.filter(pk=call.attempt_id).first()
    if call.target_id is None:
        return None
    return ContactAttempt.objects.filter(
        target_id=call.target_id, caller_id=call.session.caller_id, created_at__gte=call.created_at,
    ).order_by("created_at", "id").first()


def attempt_link(*, attempt: ContactAttempt) -> ProviderCall | None:
    """After the page saves an attempt: tie it to the caller's latest provider call on that contact and fill
    its duration if the provider already reported one. None when the attempt was not a provider call."""
    call = ProviderCall.objects.select_related("session").filter(
        target_id=attempt.target_id, session__caller_id=attempt.caller_id, attempt__isnull=True,
        created_at__lte=attempt.created_at).order_by("-created_at", "-id").first()
    if call is None:
        return None
    ProviderCall.objects.filter(pk=call.pk).update(attempt=attempt)
    call.attempt = attempt
    attempt_duration_fill(call)
    return call


def voicemail_drop(*, actor: Actor, provider_call: ProviderCall, provider: VoiceProvider | None = None,
                   now: dt.datetime | None = None) -> ProviderCall:
    """Play the campaign's recorded message into the contact's voicemail and hang up. Pressing it twice
    drops one message."""
    provider = _provider_with_account(provider)
    if provider_call.voicemail_dropped:
        return provider_call
    if not provider.can_drop_voicemail:
        raise Conflict("no recorded voicemail message is configured")
    if provider_call.provider != provider.name or provider_call.status in FINAL_STATUSES:
        raise CallNotLive("this call has ended")
    if provider_call.answered_by == "human":
        raise Conflict("a person answered: talk to them, or hang up")
    provider.drop_voicemail(provider_call.provider_call_id)
    provider_call.voicemail_dropped = True
    provider_call.updated_at = now or timezone.now()
    provider_call.save(update_fields=["voicemail_dropped", "updated_at"])
    campaign = provider_call.session.campaign
    audit_log(actor=actor, action="phonebank.call.voicemail_dropped", target=campaign,
              team_path=campaign.team.path, data={"provider_call": provider_call.pk})
    return provider_call
