"""Writes to campaigns: create and edit, survey questions, going live (which makes the targets), pausing,
finishing, and keeping targets in step with the list. Validation lives here so pages and API agree."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groundswell.audit.services import audit_log
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.outreach import scripts
from groundswell.outreach.models import EARLIEST, LATEST, Campaign, Question, Target
from groundswell.outreach.parking import park
from groundswell.outreach.result_codes import ensure_result_codes
from groundswell.people.selectors_lists import list_members
from groundswell.people.services import org_of

EDITABLE = ("name", "channel", "people_list", "script", "training", "event_link", "window_start", "window_end",
            "max_attempts", "claim_minutes", "max_open_claims", "finish_open_first")
SYNC_CHUNK = 5_000


def _check(campaign: Campaign) -> None:
    errors: dict[str, list[str]] = {}
    try:
        campaign.full_clean(exclude=["org", "team", "created_by"], validate_unique=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    unknown = scripts.unknown_fields(campaign.script)
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in scripts.FIELDS)
        named = ", ".join(f"{{{name}}}" for name in unknown)
        errors.setdefault("script", []).append(f"unknown merge field {named}; use {known}")
    if campaign.window_start < EARLIEST:
        errors.setdefault("window_start", []).append("calls may not start before 09:00 in the contact's time zone")
    if campaign.window_end > LATEST:
        errors.setdefault("window_end", []).append("calls may not go on after 21:00 in the contact's time zone")
    if campaign.window_start >= campaign.window_end:
        errors.setdefault("window_end", []).append("the window must end after it starts")
    if campaign.people_list_id and campaign.people_list.team.path[: len(campaign.team.path)] != campaign.team.path:
        errors.setdefault("people_list", []).append("the list must belong to this team or a team below it")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def campaign_create(*, actor: Actor, team: Team, **fields) -> Campaign:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    campaign = Campaign(org=org_of(team), team=team, created_by=actor.user if actor.is_authenticated else None,
                        **fields)
    _check(campaign)
    campaign.save()
    ensure_result_codes(campaign.org)
    audit_log(actor=actor, action="outreach.campaign.created", target=campaign, team_path=team.path,
              data={"name": campaign.name, "channel": campaign.channel})
    return campaign


@transaction.atomic
def campaign_update(*, actor: Actor, campaign: Campaign, **fields) -> Campaign:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if campaign.status != Campaign.Status.DRAFT and fields.get("channel", campaign.channel) != campaign.channel:
        raise ValidationError({"channel": ["the channel cannot change once the campaign has gone live"]})
    for name, value in fields.items():
        setattr(campaign, name, value)
    _check(campaign)
    campaign.updated_at = timezone.now()
    campaign.save()
    audit_log(actor=actor, action="outreach.campaign.updated", target=campaign, team_path=campaign.team.path,
              data={"fields": sorted(fields)})
    if "people_list" in fields and campaign.status in (Campaign.Status.LIVE, Campaign.Status.PAUSED):
        sync_targets(campaign)
    return campaign


def clean_choices(kind: str, choices: list) -> list[dict]:
    """Normalise a question's choices to [{"value", "label", "next"}] and report what is wrong."""
    if kind == Question.Kind.TEXT:
        return []
    cleaned, seen = [], set()
    for raw in choices:
        item = {"value": raw, "label": raw} if isinstance(raw, str) else dict(raw)
        value = str(item.get("value", "")).strip()
        if not value:
            raise ValidationError({"choices": ["every choice needs a value"]})
        if value in seen:
            raise ValidationError({"choices": [f"the choice {value!r} appears twice"]})
        seen.add(value)
        nxt = item.get("next")
        cleaned.append({"value": value, "label": str(item.get("label") or value).strip(),
                        "next": int(nxt) if nxt not in (None, "") else None})
    if not cleaned:
        raise ValidationError({"choices": ["a choice question needs at least one choice"]})
    return cleaned


@transaction.atomic
def question_save(*, actor: Actor, campaign: Campaign, question: Question | None = None, key: str, prompt: str,
                  kind: str, choices: list | None = None, required: bool = False,
                  position: int | None = None) -> Question:
    """Add a survey question, or change `question`. `choices[i]["next"]` is the position asked next."""
    question = question or Question(campaign=campaign)
    question.key, question.prompt, question.kind, question.required = key, prompt, kind, required
    question.choices = clean_choices(kind, choices or [])
    if position is not None:
        question.position = position
    elif question.pk is None:
        question.position = (campaign.questions.count() + 1)
    try:
        question.full_clean(exclude=["campaign"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    if campaign.questions.filter(key=question.key).exclude(pk=question.pk).exists():
        raise ValidationError({"key": [f"another question already uses the key {question.key!r}"]})
    positions = set(campaign.questions.exclude(pk=question.pk).values_list("position", flat=True))
    for choice in question.choices:
        if choice["next"] is not None and choice["next"] not in positions:
            raise ValidationError({"choices": [f"{choice['value']!r} goes to question {choice['next']}, "
                                               "which does not exist"]})
    question.save()
    audit_log(actor=actor, action="outreach.question.saved", target=campaign, team_path=campaign.team.path,
              data={"key": question.key})
    return question


@transaction.atomic
def question_delete(*, actor: Actor, question: Question) -> None:
    campaign = question.campaign
    question.delete()
    audit_log(actor=actor, action="outreach.question.deleted", target=campaign, team_path=campaign.team.path,
              data={"key": question.key})


def _live_problems(campaign: Campaign) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not campaign.script.strip():
        problems["script"] = ["write a script before going live: callers need to know what to say"]
    if campaign.people_list_id is None:
        problems["people_list"] = ["choose the list of people to contact"]
    return problems


@transaction.atomic
def campaign_go_live(*, actor: Actor, campaign: Campaign) -> int:
    """Make the targets from the list (or bring them up to date) and open the queue; also resumes a paused
    campaign. A campaign with no script or an empty list cannot go live and says why. Returns targets added."""
    problems = _live_problems(campaign)
    if problems:
        raise ValidationError(problems)
    added = sync_targets(campaign)
    if not Target.objects.filter(campaign=campaign, removed_at__isnull=True).exists():
        raise ValidationError({"people_list": ["the list has nobody in it: add people or choose another list"]})
    now = timezone.now()
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.LIVE, went_live_at=campaign.went_live_at
                                                   or now, updated_at=now)
    campaign.status = Campaign.Status.LIVE
    campaign.went_live_at = campaign.went_live_at or now
    audit_log(actor=actor, action="outreach.campaign.live", target=campaign, team_path=campaign.team.path,
              data={"targets_added": added})
    return added


@transaction.atomic
def campaign_set_status(*, actor: Actor, campaign: Campaign, status: str) -> Campaign:
    """Pause, resume (through campaign_go_live) or finish. Pausing or finishing frees every claim."""
    if status not in (Campaign.Status.PAUSED, Campaign.Status.DONE):
        raise ValidationError({"status": ["use go live to start or resume a campaign"]})
    if campaign.status == Campaign.Status.DRAFT and status == Campaign.Status.PAUSED:
        raise ValidationError({"status": ["a draft has not gone live, so it cannot be paused"]})
    Campaign.objects.filter(pk=campaign.pk).update(status=status, updated_at=timezone.now())
    campaign.status = status
    Target.objects.filter(campaign=campaign, claimed_by__isnull=False).update(claimed_by=None, claimed_until=None)
    audit_log(actor=actor, action=f"outreach.campaign.{status}", target=campaign, team_path=campaign.team.path)
    return campaign


def sync_targets(campaign: Campaign, *, people=None, now: dt.datetime | None = None) -> int:
    """Keep targets in step with the list: add people who joined it, mark those who left (`removed_at`),
    bring back those who returned, and park those who cannot be reached now (parking). History (attempts,
    results) stays on the target. Returns how many were added.
    `people` defaults to the list's people (list_people_of)."""
    now = now or timezone.now()
    if people is None:
        people = list_people_of(campaign)
    if people is None:
        return 0
    person_ids = people.values("pk")
    added = 0
    with transaction.atomic():
        known = Target.objects.filter(campaign=campaign)
        known.filter(removed_at__isnull=True).exclude(person_id__in=person_ids).update(removed_at=now)
        known.filter(removed_at__isnull=False, person_id__in=person_ids).update(removed_at=None)
        new_ids = people.exclude(pk__in=known.values("person_id")).values_list("pk", flat=True).order_by("pk")
        batch: list[Target] = []
        for person_id in new_ids.iterator(chunk_size=SYNC_CHUNK):
            batch.append(Target(campaign=campaign, person_id=person_id, added_at=now))
            if len(batch) >= SYNC_CHUNK:
                added += len(Target.objects.bulk_create(batch, ignore_conflicts=True))
                batch = []
        if batch:
            added += len(Target.objects.bulk_create(batch, ignore_conflicts=True))
        zones = sorted(set(Target.objects.filter(campaign=campaign, removed_at__isnull=True)
                           .values_list("person__time_zone", flat=True).distinct()) - {""})
        Campaign.objects.filter(pk=campaign.pk).update(targets_synced_at=now, zones=zones)
        campaign.targets_synced_at, campaign.zones = now, zones
        park(campaign, now)
    return added


def list_people_of(campaign: Campaign):
    """The people of the campaign's list (all of the list's team subtree), or None without a list."""
    return list_members(campaign.people_list) if campaign.people_list_id else None
