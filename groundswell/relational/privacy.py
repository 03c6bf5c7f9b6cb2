"""Relational data in a person's privacy rights (people.privacy): what volunteers' contact records linked to
the person say about them (subject access), their removal (erasure is a real purge: a volunteer's copy of
someone who asked to be forgotten goes too), and moving the links when duplicates are merged."""

from groundswell.people.models import Person
from groundswell.people.privacy import PersonData, register
from groundswell.relational.models import CaptainPerson, Conversation, MatchCandidate, Relationship


def export(person: Person) -> dict:
    contacts = Relationship.objects.filter(person=person)
    return {
        "known_by_volunteers": contacts.count(),
        "conversations": [
            {"at": c.created_at.isoformat(), "channel": c.channel, "outcome": c.outcome, "commitment": c.commitment}
            for c in Conversation.objects.filter(relationship__in=contacts).order_by("created_at")
        ],
        "programs": [
            {"program": e.captain.program.name, "prediction": e.prediction, "arm": e.arm}
            for e in CaptainPerson.objects.filter(person=person).select_related("captain__program")
        ],
    }


def erase(person: Person) -> None:
    Relationship.objects.filter(person=person).delete()  # with their points, conversations and list entries
    CaptainPerson.objects.filter(person=person).delete()


def merge(keep: Person, other: Person) -> None:
    Relationship.objects.filter(person=other).update(person=keep)
    CaptainPerson.objects.filter(person=other).update(person=keep)
    both = MatchCandidate.objects.filter(person=keep).values("relationship_id")
    MatchCandidate.objects.filter(person=other, relationship_id__in=both).delete()
    MatchCandidate.objects.filter(person=other).update(person=keep)


def register_privacy() -> None:
    register(PersonData("relational", export=export, erase=erase, merge=merge))
