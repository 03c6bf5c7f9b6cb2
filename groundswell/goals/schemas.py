import datetime as dt

from ninja import Schema
from pydantic import Field

from groundswell.common.schemas import InSchema


class GoalOut(Schema):
    id: int
    team_id: int
    member_id: int | None
    parent_id: int | None
    metric: str
    start: dt.date
    end: dt.date
    target: int


class GoalIn(InSchema):
    team_id: int
    metric: str = Field(max_length=40)
    start: dt.date
    end: dt.date
    target: int
    member_id: int | None = None


class MetricOut(Schema):
    key: str
    label: str
    unit: str
    total: int
    has_data: bool
    note: str
    rows_url: str


class GoalProgressOut(Schema):
    goal: GoalOut
    actual: int
    expected: int
    on_track: bool


class ChildOut(Schema):
    team_id: int
    name: str
    counts: dict[str, int]


class PointOut(Schema):
    day: dt.date
    total: int


class DashboardOut(Schema):
    team_id: int
    start: dt.date
    end: dt.date
    metrics: list[MetricOut]
    goals: list[GoalProgressOut]
    children: list[ChildOut]
    series: dict[str, list[PointOut]]
