"""Schemas of the calling screen's API: campaigns as a caller sees them, claims, attempts and stats."""

from datetime import datetime, time
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from groundswell.common.schemas import InSchema
from groundswell.outreach.attempts import MAX_NOTES
from groundswell.outreach.models import Campaign, Question, ResultCode

# Literals rather than the models' enums: OpenAPI names enum components by class name, and "Status",
# "Kind" and "Category" are taken by other apps' enums (see people/schemas_lists.py).
CampaignChannel = Literal[*Campaign.Channel.values]
CampaignStatus = Literal[*Campaign.Status.values]
QuestionKind = Literal[*Question.Kind.values]
ResultCategory = Literal[*ResultCode.Category.values]


class CampaignOut(Schema):
    id: int
    team_id: int
    team_name: str
    name: str
    channel: CampaignChannel
    status: CampaignStatus
    window_start: time = Field(description="Calls start at this time in each contact's own time zone")
    window_end: time


class ChoiceOut(Schema):
    value: str
    label: str
    next: int | None = Field(None, description="Position of the question to ask after this answer")


class QuestionOut(Schema):
    key: str
    position: int
    prompt: str
    kind: QuestionKind
    required: bool
    choices: list[ChoiceOut]


class ResultCodeOut(Schema):
    code: str
    label: str
    category: ResultCategory
    final: bool = Field(description="Nobody is handed this person again after this result")


class CampaignDetailOut(CampaignOut):
    script: str = Field(description="The script as written, merge fields unfilled (a claim returns it filled)")
    training: str
    event_link: str
    max_open_claims: int
    claim_minutes: int
    finish_open_first: bool
    questions: list[QuestionOut]
    result_codes: list[ResultCodeOut]


class ClaimPersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    city: str
    time_zone: str


class ClaimOut(Schema):
    target_id: int
    person: ClaimPersonOut
    phone: str = Field(description="The number to dial (E.164); empty for channels without one")
    script: str = Field(description="The script with merge fields filled for this contact and caller")
    claimed_until: datetime


class ReleaseIn(InSchema):
    target_id: int | None = Field(None, description="Give back this contact only; all of yours when omitted")


class ReleaseOut(Schema):
    released: int


Answer = str | list[str]


class AttemptIn(InSchema):
    campaign_id: int
    target_id: int
    result: str = Field(min_length=1, max_length=40, description="A result code of the campaign's organization")
    answers: dict[str, Answer] = Field(
        default_factory=dict, description="Survey answers by question key: a value, or a list for several choices"
    )
    notes: str = Field("", max_length=MAX_NOTES)
    duration_seconds: int | None = Field(None, ge=0, le=24 * 3600)
    phone_number: str = Field("", max_length=20, description="The number dialled, when not the one handed out")
    client_uuid: UUID = Field(description="Made by the device once per attempt; a retried post sends it again")


class AttemptOut(Schema):
    id: int
    campaign_id: int
    target_id: int | None
    person_id: int
    result: str
    answers: dict[str, Answer]
    notes: str
    duration_seconds: int | None
    phone_number: str
    client_uuid: UUID
    applied: bool
    created_at: datetime


class AttemptConflictOut(Schema):
    detail: str
    attempt_id: int | None = Field(
        None, description="The attempt as kept (not applied; copied to the person's notes), when one was stored")


class ResultCountOut(Schema):
    code: str
    label: str
    category: ResultCategory
    count: int


class CallerStatsOut(Schema):
    user_id: int | None
    name: str
    attempts: int
    reached: int
    avg_seconds: float | None
    last_at: datetime | None


class TallyOut(Schema):
    label: str
    count: int


class SurveyTallyOut(Schema):
    key: str
    prompt: str
    tallies: list[TallyOut]


class StatsOut(Schema):
    targets: int
    queue: dict[str, int] = Field(description="Targets by why they are not in the queue now, plus 'eligible'")
    attempts: int
    reached: int
    contact_rate: float | None
    avg_seconds: float | None
    attempts_last_hour: int
    remaining: int
    hours_left: float | None = Field(description="At the pace of the last hour; null when nobody called")
    results: list[ResultCountOut]
    callers: list[CallerStatsOut]
    survey: list[SurveyTallyOut]

