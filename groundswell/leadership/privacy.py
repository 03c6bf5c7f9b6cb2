"""Leadership in a person's privacy rights (people.privacy): their ladder, one-on-ones and commitments in the
subject-access file; on erasure what was written about them is wiped (the meetings and kept commitments stay,
anonymised, so goal counts stay true; ladder rows go with the person); on a merge everything moves."""

from groundswell.leadership.models import Commitment, LadderMove, LadderPlacement, OneOnOne
from groundswell.people.models import Person
from groundswell.people.privacy import PersonData, register

ACT_FIELDS = ["attention", "interest", "exploration", "exchange", "time_available", "place"]
LIST_FIELDS = ["values", "interests", "skills", "networks"]


def _iso(value):
    return value.isoformat() if value else None


def export(person: Person) -> dict:
    meetings = OneOnOne.objects.filter(person=person).select_related("team", "organizer").order_by("created_at")
    return {
        "ladder": [{"team": p.team.name, "stage": p.stage.name, "since": _iso(p.since)}
                   for p in LadderPlacement.objects.filter(person=person).select_related("team", "stage")],
        "ladder_moves": [{"team": m.team.name, "from": m.from_stage.name if m.from_stage else None,
                          "to": m.to_stage.name, "at": _iso(m.moved_at), "note": m.note}
                         for m in LadderMove.objects.filter(person=person).select_related("team", "from_stage",
                                                                                          "to_stage")],
        "one_on_ones": [{"team": m.team.name, "status": m.status, "scheduled_for": _iso(m.scheduled_for),
                         "held_at": _iso(m.held_at), "organizer": m.organizer.full_name if m.organizer else None,
                         **{name: getattr(m, name) for name in ACT_FIELDS + LIST_FIELDS}} for m in meetings],
        "commitments": [{"what": c.what, "due": _iso(c.due), "status": c.status}
                        for c in Commitment.objects.filter(person=person).order_by("created_at")],
    }


def erase(person: Person) -> None:
    OneOnOne.objects.filter(person=person).update(
        person=None, **{name: "" for name in ACT_FIELDS}, **{name: [] for name in LIST_FIELDS})
    Commitment.objects.filter(person=person).update(person=None, what="(erased)")


def merge(keep: Person, other: Person) -> None:
    """The kept record's place on a team's ladder wins where both stood on it; the history moves whole."""
    held = LadderPlacement.objects.filter(person=keep).values("team_id")
    LadderPlacement.objects.filter(person=other, team_id__in=held).delete()
    for model in (LadderPlacement, LadderMove, OneOnOne, Commitment):
        model.objects.filter(person=other).update(person=keep)


def register_privacy() -> None:
    register(PersonData("leadership", export=export, erase=erase, merge=merge))
