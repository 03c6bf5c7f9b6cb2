import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field

from groundswell.common.schemas import Id, InSchema
from groundswell.leadership.models import OneOnOne


class CommitmentOut(Schema):
    id: int
    what: str
    due: dt.date
    status: str


class OneOnOnesQuery(InSchema):
    team_id: Id | None = Field(None, description="Only this team's one-on-ones")
    status: OneOnOne.Status | None = Field(None, description="scheduled, held or cancelled")
    person_id: Id | None = Field(None, description="Only one-on-ones with this person")


class OneOnOneOut(Schema):
    id: int
    team_id: int
    person_id: int | None
    organizer_id: int | None
    status: str
    medium: str
    scheduled_for: dt.datetime | None
    held_at: dt.datetime | None
    attention: str
    interest: str
    exploration: str
    values: list[str]
    interests: list[str]
    skills: list[str]
    networks: list[str]
    time_available: str
    exchange: str
    next_meeting_id: int | None
    commitments: list[CommitmentOut]

    @staticmethod
    def resolve_commitments(obj: OneOnOne) -> list:
        return list(obj.commitments.all())


class OneOnOneIn(InSchema):
    """Schedule a one-on-one (give `scheduled_for`) or record one that happened (give `held_at`)."""

    team_id: int
    person_id: int
    medium: str = Field(OneOnOne.Medium.IN_PERSON, pattern="^(in_person|phone|video)$")
    scheduled_for: dt.datetime | None = None
    place: str = Field("", max_length=200)
    held_at: dt.datetime | None = None
    attention: str = Field("", max_length=5000)
    interest: str = Field("", max_length=5000)
    exploration: str = Field("", max_length=10000)
    values: list[str] = Field(default_factory=list, max_length=50)
    interests: list[str] = Field(default_factory=list, max_length=50)
    skills: list[str] = Field(default_factory=list, max_length=50)
    networks: list[str] = Field(default_factory=list, max_length=50)
    time_available: str = Field("", max_length=200)
    exchange: str = Field("", max_length=5000)
    commitment: str = Field("", max_length=300)
    commitment_due: dt.date | None = None
    next_meeting_at: dt.datetime | None = None
    client_uuid: uuid.UUID | None = None


class StageOut(Schema):
    id: int
    name: str
    position: int
    is_leadership: bool


class PlacementOut(Schema):
    team_id: int
    team_name: str
    stage: StageOut
    since: dt.datetime


class MoveOut(Schema):
    team_id: int
    from_stage: str | None
    to_stage: str
    moved_by_id: int | None
    moved_at: dt.datetime
    note: str


class LadderOut(Schema):
    person_id: int
    stages: list[StageOut]
    placements: list[PlacementOut]
    moves: list[MoveOut]
