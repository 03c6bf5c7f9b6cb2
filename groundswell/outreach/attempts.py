"""Recording a contact attempt: idempotent by the device's `client_uuid`, validated against the campaign's
result codes and survey, and applied to the queue, the person and their consent in one transaction.

A phone may post the same attempt twice (a dropped connection, a retried save): the second post finds the
first by `client_uuid` and answers the same. An attempt for a contact someone else holds now is kept — as
an unapplied attempt and a note on the person — and refused with AttemptConflict (409).

On PostgreSQL the attempt is stored and applied by one statement (attempt_statement); a result that changes
consent (do not contact, wrong number) adds those writes in the same transaction. On SQLite (one writer)
the same writes are made one by one."""

import datetime as dt
import uuid
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from groundswell.common.errors import Conflict
from groundswell.orgs.access import Actor
from groundswell.outreach import attempt_statement
from groundswell.outreach.answers import clean_answers
from groundswell.outreach.attempt_rules import AttemptRules, rules_for
from groundswell.outreach.attempt_statement import Applied, RulesChanged
from groundswell.outreach.contacts import number_to_dial
from groundswell.outreach.models import Campaign, ContactAttempt, ResultCode, Target
from groundswell.people import consent
from groundswell.people.models import Note, Person, Phone
from groundswell.people.services import phone_mark_invalid, timeline_add
from groundswell.people.timeline import timeline_values

MAX_NOTES = 5_000
_TRIES = 3
_CONSENT_CATEGORIES = {ResultCode.Category.DO_NOT_CONTACT, ResultCode.Category.WRONG_NUMBER}


class AttemptConflict(Conflict):
    def __init__(self, message: str, attempt: ContactAttempt) -> None:
        super().__init__(message)
        self.attempt = attempt


def record_attempt(
    *, actor: Actor, campaign: Campaign, target_id: int, result: str, client_uuid: uuid.UUID | str,
    answers: dict | None = None, notes: str = "", duration_seconds: int | None = None, phone_number: str = "",
    now: dt.datetime | None = None,
) -> tuple[ContactAttempt, bool]:
    """Store one attempt and apply it. Returns (attempt, created); a replay returns the stored attempt."""
    attempt = ContactAttempt(
        org_id=campaign.org_id, campaign=campaign, target_id=target_id, caller_id=actor.user_id,
        channel=campaign.channel, result=result, answers=answers or {}, notes=notes, phone_number=phone_number,
        duration_seconds=duration_seconds, client_uuid=_uuid(client_uuid), created_at=now or timezone.now(),
    )
    try:
        stored = _record(actor, campaign, attempt)
    except ValidationError:
        # A retry of an attempt already stored answers as the first post did, even if the codes changed since.
        stored = None
        if not ContactAttempt.objects.filter(client_uuid=attempt.client_uuid).exists():
            raise
    if stored is None:  # this client_uuid is stored already
        return _replay(actor, campaign, ContactAttempt.objects.get(client_uuid=attempt.client_uuid))
    # An attempt kept only as a note is committed first, then refused: nothing the caller typed is lost.
    return check_applied(stored), True


def _record(actor: Actor, campaign: Campaign, attempt: ContactAttempt) -> ContactAttempt | None:
    """Check and store; None when the uuid is stored already. Checked against the kept codes and questions
    (attempt_rules) and, should the statement find those out of date, again against fresh ones."""
    posted = attempt.answers
    rules = rules_for(campaign)
    for _ in range(_TRIES):
        attempt.answers = posted
        try:
            return _checked_and_stored(actor, campaign, attempt, rules)
        except RulesChanged:
            rules = rules_for(campaign, fresh=True)
    raise Conflict("the campaign's result codes or questions are being changed right now: save again")


def _checked_and_stored(actor: Actor, campaign: Campaign, attempt: ContactAttempt,
                        rules: AttemptRules) -> ContactAttempt | None:
    code = rules.codes.get(attempt.result)
    if code is None and rules.fingerprint:  # perhaps a code added since the kept ones were read
        rules = rules_for(campaign, fresh=True)
        code = rules.codes.get(attempt.result)
    if code is None:
        raise ValidationError({"result": [f"{attempt.result!r} is not a result code of this campaign"]})
    attempt.answers = clean_answers(rules.questions, attempt.answers, reached=code.reached)
    if len(attempt.notes) > MAX_NOTES:
        raise ValidationError({"notes": [f"notes may be at most {MAX_NOTES} characters"]})
    if attempt.duration_seconds is not None and not 0 <= attempt.duration_seconds <= 24 * 3600:
        raise ValidationError({"duration_seconds": ["a duration between 0 and 86400 seconds"]})
    applied = _applied(actor, campaign, code, attempt)
    try:
        if connection.vendor == "postgresql":
            return _store_in_one_statement(actor, campaign, code, attempt, applied, rules.fingerprint)
        with transaction.atomic():
            return _store_step_by_step(actor, campaign, code, attempt, applied)
    except Target.DoesNotExist:
        raise ValidationError({"target_id": ["this contact is not part of the campaign"]}) from None
    except IntegrityError:
        # SQLite: the same uuid was stored by a concurrent retry between the caller's first post and ours.
        if not ContactAttempt.objects.filter(client_uuid=attempt.client_uuid).exists():
            raise
        return None


def _applied(actor: Actor, campaign: Campaign, code: ResultCode, attempt: ContactAttempt) -> Applied:
    now = attempt.created_at
    summary = f"{campaign.get_channel_display()} — {code.label} ({campaign.name})"
    data = {"campaign": campaign.pk, "result": code.code, "answers": attempt.answers}
    return Applied(
        result=code.code, done=code.final,
        next_attempt_at=None if code.final else now + dt.timedelta(minutes=code.retry_after_minutes),
        timeline=timeline_values(kind="outreach.attempt", summary=summary, actor=actor, data=data),
        note=_note_text(campaign, code, attempt.answers, attempt.notes),
        note_author_id=actor.user_id if actor.is_authenticated else None,
    )


def _store_in_one_statement(actor, campaign, code, attempt, applied: Applied,
                            fingerprint: str) -> ContactAttempt | None:
    changes_consent = code.category in _CONSENT_CATEGORIES
    with transaction.atomic() if changes_consent else nullcontext():
        stored = attempt_statement.store(attempt, applied, held_by=actor.user_id, fingerprint=fingerprint)
        if stored is not None and stored.applied and changes_consent:
            _consent_effects(actor, campaign, code, Person.objects.get(pk=stored.person_id), stored.phone_number)
    return stored


def _store_step_by_step(actor, campaign, code, attempt, applied: Applied) -> ContactAttempt:
    target = Target.objects.select_related("person").get(pk=attempt.target_id, campaign=campaign)
    now = attempt.created_at
    attempt.applied = not (target.claimed_by_id not in (None, actor.user_id) and target.claimed_until is not None
                           and target.claimed_until > now)
    attempt.person_id = target.person_id
    attempt.phone_number = attempt.phone_number or number_to_dial(target.person_id, campaign.channel)
    attempt.save(force_insert=True)
    if not attempt.applied:
        Note.objects.create(person_id=target.person_id, author_id=applied.note_author_id, body=applied.note,
                            created_at=now)
        return attempt
    Target.objects.filter(pk=target.pk).update(
        attempts=target.attempts + 1, last_result=applied.result, last_attempt_at=now, done=applied.done,
        next_attempt_at=applied.next_attempt_at, claimed_by=None, claimed_until=None,
    )
    person = target.person
    Person.objects.filter(pk=person.pk).update(last_contacted_at=now, last_result=applied.result, updated_at=now)
    _consent_effects(actor, campaign, code, person, attempt.phone_number)
    timeline = applied.timeline
    timeline_add(person=person, kind=timeline["kind"], summary=timeline["summary"], actor=actor,
                 data=timeline["data"])
    return attempt


def _consent_effects(actor: Actor, campaign: Campaign, code: ResultCode, person: Person, phone_number: str) -> None:
    """"Do not contact" opts the person out of the campaign's channel (and suppresses the number); "wrong
    number" marks that number invalid."""
    channel = campaign.consent_channel
    if code.category == ResultCode.Category.DO_NOT_CONTACT and channel:
        consent.opt_out(actor=actor, person=person, channel=channel, source=f"{campaign.name}: do not contact",
                        value=phone_number)
    if code.category == ResultCode.Category.WRONG_NUMBER and phone_number:
        for phone in Phone.objects.filter(person=person, number=phone_number, valid=True):
            phone.person = person
            phone_mark_invalid(actor=actor, phone=phone, reason=f"{campaign.name}: wrong number")


def _replay(actor: Actor, campaign: Campaign, attempt: ContactAttempt) -> tuple[ContactAttempt, bool]:
    if attempt.caller_id != actor.user_id or attempt.campaign_id != campaign.pk:
        raise Conflict("this client_uuid belongs to another attempt; make a new one for each attempt")
    return check_applied(attempt), False


def _held_message() -> str:
    return ("another caller has this contact now; your notes and answers were saved on the person's record, "
            "and the queue was not changed")


def check_applied(attempt: ContactAttempt) -> ContactAttempt:
    """Raise AttemptConflict for an attempt kept only as a note (the API's and the page's 409)."""
    if not attempt.applied:
        raise AttemptConflict(_held_message(), attempt)
    return attempt


def _note_text(campaign: Campaign, code: ResultCode, answers: dict, notes: str) -> str:
    lines = [f"Attempt not applied ({campaign.name}): {code.label}."]
    lines += [f"{key}: {value}" for key, value in answers.items()]
    if notes:
        lines.append(notes)
    return "\n".join(lines)


def _uuid(value) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        example = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        raise ValidationError({"client_uuid": [f"a UUID made by the device, e.g. {example}"]}) from None
