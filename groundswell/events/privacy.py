"""Events in a person's privacy rights (people.privacy): their signups and attendance (subject access), the
removal of what they typed when they are erased (the signup rows stay, anonymised, so a shift's counts stay
true), and moving signups when duplicates are merged."""

from django.utils import timezone

from groundswell.events.models import Signup
from groundswell.people.models import Person
from groundswell.people.privacy import PersonData, register


def export(person: Person) -> dict:
    return {"event_signups": [
        {"event": s.event.title, "shift_start": s.shift.starts_at.isoformat(), "status": s.status,
         "attendance": s.attendance, "signed_up_at": s.created_at.isoformat(), "source": s.source}
        for s in Signup.objects.filter(person=person).select_related("event", "shift").order_by("created_at")
    ]}


def erase(person: Person) -> None:
    Signup.objects.filter(person=person).update(person=None, first_name="", last_name="", email="", phone="", zip="",
                                                client_uuid=None)


def merge(keep: Person, other: Person) -> None:
    """Both records on one shift: the kept record's signup stays, the other's is cancelled (one live each)."""
    live = Signup.objects.exclude(status=Signup.Status.CANCELLED)
    both = live.filter(person=keep).values("shift_id")
    live.filter(person=other, shift_id__in=both).update(status=Signup.Status.CANCELLED, cancelled_at=timezone.now())
    Signup.objects.filter(person=other).update(person=keep)


def register_privacy() -> None:
    register(PersonData("events", export=export, erase=erase, merge=merge))
