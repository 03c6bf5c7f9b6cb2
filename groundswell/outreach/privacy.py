"""Outreach data in a person's privacy rights (people.privacy): the contact attempts made to them (subject
access; erasure removes them with the person), and moving attempts and queue places when duplicates merge —
without this a merge would delete the duplicate's whole calling history with it."""

from groundswell.outreach.models import ContactAttempt, Target
from groundswell.people.models import Person
from groundswell.people.privacy import PersonData, register


def export(person: Person) -> list[dict]:
    return [
        {"at": a.created_at.isoformat(), "campaign": a.campaign.name, "channel": a.channel, "result": a.result,
         "answers": a.answers, "notes": a.notes}
        for a in ContactAttempt.objects.filter(person=person).select_related("campaign").order_by("created_at")
    ]


def merge(keep: Person, other: Person) -> None:
    ContactAttempt.objects.filter(person=other).update(person=keep)
    both = Target.objects.filter(person=keep).values("campaign_id")
    Target.objects.filter(person=other, campaign_id__in=both).delete()  # keep's place in that queue stays
    Target.objects.filter(person=other).update(person=keep)


def register_privacy() -> None:
    register(PersonData("outreach", export=export, merge=merge))
