"""Schemas of the events API, shaped after Mobilize's public API (events with timeslots and a location; times
as Unix seconds; attendances with a person), inside our own list envelope."""

import uuid

from ninja import Schema
from pydantic import Field

from groundswell.common.pagination import PageIn
from groundswell.common.schemas import Id, InSchema

MAX_UNIX = 4_102_444_800  # 2100-01-01


class TimeslotOut(Schema):
    id: int
    start_date: int = Field(description="Unix seconds")
    end_date: int
    capacity: int | None = Field(description="None: no limit")
    places_left: int | None
    is_full: bool
    is_cancelled: bool


class LatLng(Schema):
    latitude: float
    longitude: float


class LocationOut(Schema):
    venue: str
    address_lines: list[str]
    locality: str
    region: str
    postal_code: str
    location: LatLng | None


class ContactOut(Schema):
    name: str
    email_address: str


class TeamRef(Schema):
    id: int
    name: str


class EventOut(Schema):
    id: int
    title: str
    description: str
    event_type: str
    effort: str
    status: str = Field(description="published, pending (waiting for approval) or cancelled")
    visibility: str
    timezone: str
    tags: list[str]
    is_virtual: bool
    virtual_action_url: str
    dial_in: str
    location: LocationOut | None
    contact: ContactOut
    team: TeamRef
    timeslots: list[TimeslotOut]
    cancel_reason: str
    browser_url: str
    created_date: int
    modified_date: int
    distance_miles: float | None = Field(None, description="From `zipcode`, when given")


class EventsQuery(PageIn):
    updated_since: int | None = Field(None, ge=0, le=MAX_UNIX, description="Unix seconds: events changed since then")
    timeslot_start: list[str] = Field(default_factory=list, description="gte_<unix>, gt_, lte_, lt_ (repeatable)")
    zipcode: str = Field("", max_length=10, description="Distance from this US ZIP code")
    max_dist: float | None = Field(None, gt=0, le=500, description="Miles from `zipcode`")
    event_type: list[str] = Field(default_factory=list, description="One or more event types")
    team: list[Id] = Field(default_factory=list, description="Team ids: each team and the teams under it")


class PersonIn(InSchema):
    given_name: str = Field(max_length=80)
    family_name: str = Field("", max_length=80)
    email_address: str = Field("", max_length=254)
    phone_number: str = Field("", max_length=30)
    postal_code: str = Field("", max_length=10)


class SignupIn(InSchema):
    person: PersonIn
    timeslots: list[Id] = Field(min_length=1, max_length=20, description="Shift ids of this event")
    referrer_code: str = Field("", max_length=16, description="A volunteer's share code (`?ref=` of their link)")
    consent: bool | None = Field(None, description="May we call or text them (None: not asked)")
    client_uuid: uuid.UUID | None = Field(None, description="Makes a retry safe: the same id answers the same")


class AttendanceOut(Schema):
    id: int
    timeslot_id: int
    status: str = Field(description="confirmed, waitlisted or cancelled")
    attended: bool | None = Field(description="True came, False did not come, None not marked yet")
    manage_url: str = Field("", description="The person's own link to change or cancel (only to the signer)")


class SignupOut(Schema):
    attendances: list[AttendanceOut]


class AttendancePerson(Schema):
    given_name: str
    family_name: str
    email_address: str
    phone_number: str
    postal_code: str


class ReferrerOut(Schema):
    id: int
    name: str


class HostAttendanceOut(Schema):
    id: int
    person: AttendancePerson
    person_id: int | None
    timeslot: TimeslotOut
    status: str
    attended: bool | None
    checked_in_date: int | None
    first_time: bool
    source: str
    referrer: ReferrerOut | None
    created_date: int
    modified_date: int


class AttendancesQuery(PageIn):
    status: list[str] = Field(default_factory=list, description="confirmed, waitlisted, cancelled (default: live)")
