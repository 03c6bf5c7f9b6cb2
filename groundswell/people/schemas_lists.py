from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from groundswell.common.schemas import InSchema
from groundswell.people.models import PeopleList

# A Literal rather than the model's enum: OpenAPI names enum components by class name, and Team.Kind is
# also called "Kind", so the two would collide in the spec.
ListKind = Literal[*PeopleList.Kind.values]


class ListOut(Schema):
    id: int
    team_id: int
    name: str
    description: str
    kind: ListKind
    filters: dict[str, Any] = Field(description="The filter spec (see groundswell/people/filters)")
    frozen_from_id: int | None
    created_at: datetime
    updated_at: datetime
    frozen_at: datetime | None


class ListDetailOut(ListOut):
    count: int = Field(description="How many people the list holds for you now")


class ListCreateIn(InSchema):
    team_id: int = Field(description="The team that owns the list; its people are drawn from that team's subtree")
    name: str = Field(min_length=1, max_length=120)
    kind: ListKind = "dynamic"
    filters: dict[str, Any] = Field(default_factory=dict, description="A filter spec; a static list is filled now")
    description: str = Field("", max_length=2000)


class ListTeamQuery(InSchema):
    team_id: int | None = Field(None, description="Only lists of this team and its sub-teams")


class ListPersonOut(Schema):
    id: int
    team_id: int
    first_name: str
    last_name: str
    city: str
    state: str
    zip: str
    party: str
    registration_status: str
