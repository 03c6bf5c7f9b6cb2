from groundswell.people.models.consent import ConsentEvent, Suppression
from groundswell.people.models.duplicates import DuplicateCandidate
from groundswell.people.models.elections import MASK_BITS, Election
from groundswell.people.models.imports import ImportJob, ImportMapping, ImportRowError
from groundswell.people.models.lists import ListMember, PeopleList
from groundswell.people.models.person import (
    ACTIVE,
    Channel,
    CustomField,
    Email,
    ExternalId,
    Note,
    Person,
    PersonTag,
    Phone,
    Tag,
    TimelineEntry,
    Vote,
)

__all__ = [
    "ACTIVE", "MASK_BITS", "Channel", "ConsentEvent", "CustomField", "DuplicateCandidate", "Election", "Email",
    "ExternalId", "ImportJob", "ImportMapping", "ImportRowError", "ListMember", "Note", "PeopleList", "Person",
    "PersonTag", "Phone", "Suppression", "Tag", "TimelineEntry", "Vote",
]
