"""Recording a contact attempt: idempotent by the device's `client_uuid`, validated against the campaign's
result codes and survey, and applied to the queue, the person and their consent in one transaction.

A phone may post the same attempt twice (a dropped connection, a retried save): the second post finds the
first by `client_uuid` and answers the same. An attempt for a contact someone else holds now is kept — as
an unapplied attempt and a note on the person — and refused with AttemptConflict (409)."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from groundswell.common.errors import Conflict
from groundswell.orgs.access import Actor
from groundswell.outreach.contacts import number_to_dial
from groundswell.outreach.models import Campaign, ContactAttempt, Question, ResultCode, Target
from groundswell.outreach.result_codes import codes_by_name
from groundswell.people import consent
from groundswell.people.models import Note, Person, Phone
from groundswell.people.services import phone_mark_invalid, timeline_add

MAX_TEXT_ANSWER = 2_000
MAX_NOTES = 5_000


class AttemptConflict(Conflict):
    def __init__(self, message: str, attempt: ContactAttempt) -> None:
        super().__init__(message)
        self.attempt = attempt


def clean_answers(campaign: Campaign, answers: dict, *, reached: bool) -> dict:
    """Survey answers keyed by question key, checked against the campaign's questions (field-level errors
    named `answers.<key>`). Required questions are only required when the person was reached."""
    if not answers and not reached:
        return {}  # nothing to check: required questions only apply when the person was reached
    questions = {q.key: q for q in campaign.questions.all()}
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    for key, value in (answers or {}).items():
        question = questions.get(str(key))
        if question is None:
            errors[f"answers.{key}"] = [f"this campaign has no question {key!r}"]
            continue
        if value in (None, "", []):
            continue
        if question.kind == Question.Kind.TEXT:
            if not isinstance(value, str) or len(value) > MAX_TEXT_ANSWER:
                errors[f"answers.{key}"] = [f"a text answer of at most {MAX_TEXT_ANSWER} characters"]
                continue
            cleaned[key] = value.strip()
        elif question.kind == Question.Kind.SINGLE:
            if str(value) not in question.choice_values():
                errors[f"answers.{key}"] = [f"{value!r} is not one of {', '.join(question.choice_values())}"]
                continue
            cleaned[key] = str(value)
        else:
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if str(v) not in question.choice_values()]
            if bad:
                errors[f"answers.{key}"] = [f"{bad[0]!r} is not one of {', '.join(question.choice_values())}"]
                continue
            cleaned[key] = [str(v) for v in values]
    if reached:
        for key in asked(list(questions.values()), cleaned):
            question = questions[key]
            if question.required and key not in cleaned and f"answers.{key}" not in errors:
                errors[f"answers.{key}"] = ["this question must be answered when you reached the person"]
    if errors:
        raise ValidationError(errors)
    return cleaned


def asked(questions: list[Question], answers: dict) -> list[str]:
    """Keys of the questions on the path these answers take: in order, except where a single-choice answer
    says which question comes next (branching). A branch that points backwards is ignored (no loops)."""
    ordered = sorted(questions, key=lambda q: (q.position, q.pk or 0))
    index_of = {q.position: i for i, q in reversed(list(enumerate(ordered)))}
    path, i = [], 0
    while i < len(ordered):
        question = ordered[i]
        path.append(question.key)
        jump = None
        if question.kind == Question.Kind.SINGLE:
            jump = next((c.get("next") for c in question.choices if c["value"] == answers.get(question.key)), None)
        target = index_of.get(jump) if jump is not None else None
        i = target if target is not None and target > i else i + 1
    return path


def record_attempt(
    *, actor: Actor, campaign: Campaign, target_id: int, result: str, client_uuid: uuid.UUID | str,
    answers: dict | None = None, notes: str = "", duration_seconds: int | None = None, phone_number: str = "",
    now: dt.datetime | None = None,
) -> tuple[ContactAttempt, bool]:
    """Store one attempt and apply it. Returns (attempt, created); a replay returns the stored attempt."""
    now = now or timezone.now()
    client_uuid = _uuid(client_uuid)
    existing = ContactAttempt.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        return _replay(actor, campaign, existing)
    code = codes_by_name(campaign.org).get(result)
    if code is None:
        raise ValidationError({"result": [f"{result!r} is not a result code of this campaign"]})
    cleaned = clean_answers(campaign, answers or {}, reached=code.reached)
    if len(notes) > MAX_NOTES:
        raise ValidationError({"notes": [f"notes may be at most {MAX_NOTES} characters"]})
    if duration_seconds is not None and not 0 <= duration_seconds <= 24 * 3600:
        raise ValidationError({"duration_seconds": ["a duration between 0 and 86400 seconds"]})
    try:
        with transaction.atomic():
            attempt = _store(actor, campaign, target_id, code, cleaned, notes, duration_seconds, phone_number,
                             client_uuid, now)
    except IntegrityError:
        # The same uuid was stored by a concurrent retry between our check and our insert.
        existing = ContactAttempt.objects.filter(client_uuid=client_uuid).first()
        if existing is None:
            raise
        return _replay(actor, campaign, existing)
    # An attempt kept only as a note is committed first, then refused: nothing the caller typed is lost.
    return check_applied(attempt), True


def _store(actor, campaign, target_id, code: ResultCode, answers, notes, duration, phone_number, client_uuid, now):
    locked = Target.objects.filter(pk=target_id, campaign=campaign)
    if connection.vendor == "postgresql":
        locked = locked.select_for_update(of=("self",))
    target = locked.select_related("person").first()
    if target is None:
        raise ValidationError({"target_id": ["this contact is not part of the campaign"]})
    held_by_other = (target.claimed_by_id not in (None, actor.user_id) and target.claimed_until is not None
                     and target.claimed_until > now)
    attempt = ContactAttempt.objects.create(
        org_id=campaign.org_id, campaign=campaign, target=target, person_id=target.person_id,
        caller_id=actor.user_id, channel=campaign.channel, result=code.code, answers=answers, notes=notes,
        phone_number=phone_number or number_to_dial(target.person_id, campaign.channel), duration_seconds=duration,
        client_uuid=client_uuid, applied=not held_by_other, created_at=now,
    )
    if held_by_other:
        Note.objects.create(person_id=target.person_id, author=actor.user if actor.is_authenticated else None,
                            body=_note_text(campaign, code, answers, notes), created_at=now)
        return attempt
    _apply(actor, campaign, target, code, attempt, now)
    return attempt


def _apply(actor, campaign: Campaign, target: Target, code: ResultCode, attempt: ContactAttempt, now) -> None:
    attempts = target.attempts + 1
    final = code.final
    Target.objects.filter(pk=target.pk).update(
        attempts=attempts, last_result=code.code, last_attempt_at=now, done=final,
        next_attempt_at=None if final else now + dt.timedelta(minutes=code.retry_after_minutes),
        claimed_by=None, claimed_until=None,
    )
    person = target.person
    Person.objects.filter(pk=person.pk).update(last_contacted_at=now, last_result=code.code, updated_at=now)
    channel = campaign.consent_channel
    if code.category == ResultCode.Category.DO_NOT_CONTACT and channel:
        consent.opt_out(actor=actor, person=person, channel=channel, source=f"{campaign.name}: do not contact",
                        value=attempt.phone_number)
    if code.category == ResultCode.Category.WRONG_NUMBER and attempt.phone_number:
        for phone in Phone.objects.filter(person=person, number=attempt.phone_number, valid=True):
            phone.person = person
            phone_mark_invalid(actor=actor, phone=phone, reason=f"{campaign.name}: wrong number")
    summary = f"{campaign.get_channel_display()} — {code.label} ({campaign.name})"
    timeline_add(person=person, kind="outreach.attempt", summary=summary, actor=actor,
                 data={"campaign": campaign.pk, "result": code.code, "answers": attempt.answers})


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
