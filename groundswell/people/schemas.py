"""Request and response shapes of the people API (/api/v1/people)."""

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from groundswell.common.pagination import PageIn
from groundswell.common.schemas import InSchema
from groundswell.people.models import Channel, Person

# A custom field's value as sent: text, a number, a date as YYYY-MM-DD, or null to clear it.
CustomValue = str | float | None


class PhoneOut(Schema):
    number: str = Field(description="E.164")
    display: str = Field(description="As written in the number's country")
    kind: str
    valid: bool
    primary: bool


class EmailOut(Schema):
    address: str
    valid: bool
    primary: bool


class ExternalIdOut(Schema):
    system: str
    value: str


class ConsentOut(Schema):
    """When the person opted out of each channel; null means they may be contacted on it."""

    call_opted_out_at: datetime | None
    text_opted_out_at: datetime | None
    email_opted_out_at: datetime | None


class PersonOut(Schema):
    id: int
    org_id: int
    team_id: int
    full_name: str
    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    birth_date: date | None
    address1: str
    address2: str
    city: str
    state: str
    zip: str
    country: str
    latitude: float | None
    longitude: float | None
    time_zone: str
    time_zone_source: str = Field(description='"stated", "address", "phone", or "" when unknown')
    language: str
    registration_status: str
    party: str
    county: str
    precinct: str
    congressional_district: str
    state_senate_district: str
    state_house_district: str
    phones: list[PhoneOut]
    emails: list[EmailOut]
    external_ids: list[ExternalIdOut]
    tags: list[str]
    custom: dict[str, Any]
    consent: ConsentOut
    created_at: datetime
    updated_at: datetime


class PersonFieldsIn(InSchema):
    first_name: str = Field("", max_length=80)
    middle_name: str = Field("", max_length=80)
    last_name: str = Field("", max_length=80)
    suffix: str = Field("", max_length=20)
    birth_date: date | None = None
    address1: str = Field("", max_length=200)
    address2: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    state: str = Field("", max_length=40)
    zip: str = Field("", max_length=20)
    country: str = Field("US", min_length=2, max_length=2)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    time_zone: str = Field("", max_length=64, description="IANA name; derived from the state or phone when empty")
    language: str = Field("", max_length=16)
    registration_status: Person.Registration = Person.Registration.UNKNOWN
    party: str = Field("", max_length=40)
    county: str = Field("", max_length=80)
    precinct: str = Field("", max_length=80)
    congressional_district: str = Field("", max_length=20)
    state_senate_district: str = Field("", max_length=20)
    state_house_district: str = Field("", max_length=20)


class PersonCreateIn(PersonFieldsIn):
    team_id: int = Field(description="The team whose subtree may see this person")
    phones: list[str] = Field(default_factory=list, max_length=20, description="Any format; stored as E.164")
    emails: list[str] = Field(default_factory=list, max_length=20)
    tags: list[str] = Field(default_factory=list, max_length=50)
    custom: dict[str, CustomValue] = Field(default_factory=dict, description="Custom field values by key")


class PersonPatchIn(InSchema):
    """Only the fields sent change. `phones`/`emails` replace the whole list; `custom` values are merged
    (null removes one)."""

    first_name: str | None = Field(None, max_length=80)
    middle_name: str | None = Field(None, max_length=80)
    last_name: str | None = Field(None, max_length=80)
    suffix: str | None = Field(None, max_length=20)
    birth_date: date | None = None
    address1: str | None = Field(None, max_length=200)
    address2: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    state: str | None = Field(None, max_length=40)
    zip: str | None = Field(None, max_length=20)
    country: str | None = Field(None, min_length=2, max_length=2)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    time_zone: str | None = Field(None, max_length=64)
    language: str | None = Field(None, max_length=16)
    registration_status: Person.Registration | None = None
    party: str | None = Field(None, max_length=40)
    county: str | None = Field(None, max_length=80)
    precinct: str | None = Field(None, max_length=80)
    congressional_district: str | None = Field(None, max_length=20)
    state_senate_district: str | None = Field(None, max_length=20)
    state_house_district: str | None = Field(None, max_length=20)
    phones: list[str] | None = Field(None, max_length=20)
    emails: list[str] | None = Field(None, max_length=20)
    custom: dict[str, CustomValue] | None = None


class PeopleQueryIn(PageIn):
    q: str = Field("", max_length=200, description="Name words, a phone number in any format, or an email")
    tag: str = Field("", max_length=60)
    list_id: int | None = Field(None, alias="list", description="Only the people of this list")
    team_id: int | None = Field(None, description="Only people of this team and the teams below it")


class TagsIn(InSchema):
    names: list[str] = Field(min_length=1, max_length=50, description="Tags to add; created on first use")


class OptOutIn(InSchema):
    channel: Channel
    source: str = Field(min_length=1, max_length=60, description='How we learned it: "asked on a call"…')
    note: str = Field("", max_length=300)
