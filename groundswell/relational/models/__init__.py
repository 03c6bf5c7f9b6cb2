from groundswell.relational.models.contacts import (
    Conversation,
    MatchCandidate,
    MatchWeights,
    Relationship,
    RelationshipPoint,
)
from groundswell.relational.models.programs import (
    BallotImport,
    Captain,
    CaptainCheckIn,
    CaptainPerson,
    Program,
    ProgramDate,
)

__all__ = [
    "BallotImport",
    "Captain",
    "CaptainCheckIn",
    "CaptainPerson",
    "Conversation",
    "MatchCandidate",
    "MatchWeights",
    "Program",
    "ProgramDate",
    "Relationship",
    "RelationshipPoint",
]
