from datetime import datetime

from ninja import Schema
from pydantic import EmailStr, Field

from groundswell.common.schemas import InSchema
from groundswell.orgs.models import Membership, Team


class TeamOut(Schema):
    id: int
    name: str
    slug: str
    kind: Team.Kind
    time_zone: str
    parent_id: int | None
    depth: int
    mission: str
    code_of_conduct: str
    can_create_events: bool
    can_edit_scripts: bool
    can_import_people: bool
    can_invite: bool


class TeamCreateIn(InSchema):
    parent_id: int = Field(description="The team to create this one under")
    name: str = Field(min_length=1, max_length=120)
    kind: Team.Kind = Team.Kind.TEAM
    time_zone: str | None = Field(None, max_length=64, description="IANA name; defaults to the parent's")
    mission: str = Field("", max_length=5000)
    code_of_conduct: str = Field("", max_length=20000)


class MemberOut(Schema):
    id: int
    user_id: int
    full_name: str
    email: str
    team_id: int
    role: Membership.Role
    recruited_by_id: int | None
    created_at: datetime
    onboarding_steps_done: int


class MemberAddIn(InSchema):
    email: EmailStr
    full_name: str = Field("", max_length=200, description="Needed when the person has no account yet")
    role: Membership.Role = Membership.Role.VOLUNTEER


class InvitationCreateIn(InSchema):
    role: Membership.Role = Membership.Role.VOLUNTEER
    email: EmailStr | None = Field(None, description="Only this address may use the link")
    expires_at: datetime | None = None
    max_uses: int | None = Field(None, ge=1)
    note: str = Field("", max_length=200)


class InvitationOut(Schema):
    id: int
    team_id: int
    role: Membership.Role
    email: str
    url: str
    expires_at: datetime | None
    max_uses: int | None
    use_count: int
