"""Request and response shapes of the relational API: a volunteer's own contacts (/api/v1/relationships) and
captain programs with their report (/api/v1/programs).

A candidate is shown as the card a volunteer sees on the web (first name, last initial, age, city): no more of
the voter file than needed to say "yes, that's my friend"."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from groundswell.common.ids import MAX_ID
from groundswell.common.pagination import PageIn
from groundswell.common.schemas import InSchema
from groundswell.relational.models import Program, Relationship, RelationshipPoint

# Literals rather than the models' enums: OpenAPI names enum components by class name, and "Kind", "Status"
# and "Match" are taken or too vague (see outreach/schemas.py).
RelationshipKind = Literal[*Relationship.Kind.values]
Closeness = Literal[*Relationship.Closeness.values]
MatchStatus = Literal[*Relationship.Match.values]
PointKind = Literal[*RelationshipPoint.Kind.values]
ProgramStatus = Literal[*Program.Status.values]
MatchAction = Literal["confirm", "reject", "none", "undo"]

MAX_POINTS = 10


class RelationshipQueryIn(PageIn):
    q: str = Field("", max_length=100, description="Words found in the first name, last name or city")
    match_status: MatchStatus | None = Field(None, description="Only contacts in this matching state")


class PointIn(InSchema):
    value: str = Field(max_length=254, description="A phone number (whole, or the last 7+ digits) or an email")
    shared: bool = Field(False, description="Shared with the campaign; otherwise only the volunteer sees it")


class RelationshipIn(InSchema):
    first_name: str = Field("", max_length=80, description="A first or a last name is required")
    last_name: str = Field("", max_length=80)
    city: str = Field("", max_length=100)
    state: str = Field("", max_length=40)
    zip: str = Field("", max_length=20)
    address: str = Field("", max_length=200)
    birthday: str = Field("", max_length=10, description="YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD")
    kind: RelationshipKind = Field(Relationship.Kind.FRIEND.value, description="How we know each other")
    closeness: Closeness = Field(Relationship.Closeness.WELL.value,
                                 description="3 very close, 2 know well, 1 acquaintance")
    notes: str = Field("", max_length=5_000)
    phones: list[PointIn] = Field(default_factory=list, max_length=MAX_POINTS)
    emails: list[PointIn] = Field(default_factory=list, max_length=MAX_POINTS)
    client_uuid: UUID | None = Field(
        None, description="Made by the device once per contact; posting it again answers the stored contact (200)")


class MatchIn(InSchema):
    action: MatchAction = Field(description="confirm or reject a candidate (person_id), none of them, or undo a match")
    person_id: int | None = Field(None, ge=1, le=MAX_ID, description="The candidate; required to confirm or reject")


class PointOut(Schema):
    id: int
    kind: PointKind
    value: str = Field(description="E.164 for a whole phone number, the digits of a partial one, or the email")
    shared: bool


class CandidateOut(Schema):
    person_id: int
    probability: float
    agreements: dict[str, str] = Field(description='Which fields agreed and how, e.g. {"first_name": "nickname"}')
    first_name: str
    last_initial: str
    age: int | None
    city: str


class RelationshipOut(Schema):
    id: int
    first_name: str
    last_name: str
    city: str
    state: str
    zip: str
    address: str
    birthday: str
    kind: RelationshipKind
    closeness: Closeness
    notes: str
    match_status: MatchStatus
    person_id: int | None = Field(description="The voter-file person, once the volunteer confirmed the match")
    points: list[PointOut]
    candidates: list[CandidateOut] = Field(description="Open candidates, most likely first")
    created_at: datetime


class ProgramOut(Schema):
    id: int
    name: str
    team_id: int
    team_name: str
    status: ProgramStatus
    election: str
    goal_min: int
    goal_max: int
    evaluate: bool = Field(description="Evaluated with a randomized trial (half of each list held out)")
    captains: int
    is_captain: bool = Field(description="The caller is enrolled as a captain")


class ReportCountsOut(Schema):
    captains: int
    people: int = Field(description="People on the captains' lists, both arms")
    contacted: int = Field(description="People the captains logged talking to")
    voted: int


class CaptainLineOut(Schema):
    captain_id: int
    name: str | None = Field(description="Null when the caller may not see that member's name")
    listed: int
    treated: int
    contacted: int
    voted: int
    committed: bool
    predictions: int = Field(description="Yes/no predictions on matched people, once turnout is known")
    predictions_right: int


class EvaluationOut(Schema):
    n_treated: int
    n_control: int
    turnout_treated: float
    turnout_control: float
    itt: float = Field(description="Intention-to-treat effect on turnout (treated minus control)")
    se: float = Field(description="Cluster-robust (CR1, by captain) standard error of the ITT")
    ci_low: float
    ci_high: float
    p_value: float
    cace: float | None = Field(description="Complier effect, when contact was logged and differs between arms")
    cace_se: float | None
    n_clusters: int


class ProgramReportOut(Schema):
    program_id: int
    turnout_known: bool
    counts: ReportCountsOut
    captains: list[CaptainLineOut]
    evaluation: EvaluationOut | None
    evaluation_problem: str = Field(description="Why there is no estimate yet; empty when there is one")
