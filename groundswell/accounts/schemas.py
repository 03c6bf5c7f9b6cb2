from ninja import Schema
from pydantic import Field

from groundswell.common.schemas import InSchema


class TokenIn(InSchema):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)
    name: str = Field("API token", max_length=100, description="A label to recognise the token by")


class TokenOut(Schema):
    token: str = Field(description="The secret. It is shown only once; send it as 'Authorization: Bearer <token>'.")
    name: str
    prefix: str


class MeMembershipOut(Schema):
    team_id: int
    team_name: str
    team_slug: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    memberships: list[MeMembershipOut]
