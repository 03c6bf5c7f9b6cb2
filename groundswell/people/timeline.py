"""The person's timeline and the audit entry of a change to a person: what every people write records."""

from groundswell.audit.services import audit_log
from groundswell.people.models import Person, TimelineEntry


def timeline_add(*, person: Person, kind: str, summary: str, actor=None, data: dict | None = None) -> TimelineEntry:
    """Record something that happened to a person. Any app may call this; `kind` is "<app>.<event>"."""
    return TimelineEntry.objects.create(person=person, **timeline_values(kind=kind, summary=summary, actor=actor,
                                                                         data=data))


def timeline_values(*, kind: str, summary: str, actor=None, data: dict | None = None) -> dict:
    """The columns of a timeline entry, apart from its person: for a writer that inserts the entry inside its
    own statement (outreach's attempt statement) instead of calling timeline_add."""
    user = getattr(actor, "user", actor)
    return {"kind": kind, "summary": summary[:300], "data": data or {},
            "actor_id": user.pk if getattr(user, "pk", None) else None}


def audit_person(actor, action: str, person: Person, data: dict | None = None) -> None:
    audit_log(actor=actor, action=action, target=person, team_path=person.team.path, data=data)
