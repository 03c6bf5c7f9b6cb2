"""Reads of person records. Every read starts from `people_for`, which goes through access.scoped."""

from django.db.models import QuerySet

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, scoped
from groundswell.orgs.roles import Cap
from groundswell.people.models import ACTIVE, Person


def people_for(actor: Actor, cap: Cap = Cap.VIEW_PEOPLE) -> QuerySet[Person]:
    """People (not soft-deleted) owned by teams where the actor holds `cap`."""
    return scoped(Person.objects.filter(ACTIVE), actor, cap=cap)


def get_person_for(actor: Actor, person_id: int, cap: Cap = Cap.VIEW_PEOPLE) -> Person:
    """A person the actor may see (else NotFound) and may do `cap` to (else PermissionDenied)."""
    person = people_for(actor).select_related("team", "org").filter(pk=person_id).first()
    if person is None:
        raise NotFound("person")
    if cap != Cap.VIEW_PEOPLE and not actor.can(cap, person.team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} for this person")
    return person
