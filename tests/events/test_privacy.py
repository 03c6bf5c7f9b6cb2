"""Event signups in a person's privacy rights: in their subject-access file, anonymised on erasure (the shift's
counts stay true), and moved on a duplicate merge without two live signups on one shift."""

from django.contrib.auth.models import AnonymousUser

from groundswell.events.models import Signup
from groundswell.events.services_signups import Contact, signup_create
from groundswell.orgs.access import Actor
from groundswell.people.dedupe_merge import person_merge
from groundswell.people.models import Person
from groundswell.people.privacy import person_erase, person_subject_access
from tests import factories
from tests.conftest import actor_for


def sign(event, email, name="Ana"):
    return signup_create(actor=Actor.for_user(AnonymousUser()), shift=event.shifts.get(), notify=False,
                         contact=Contact(first_name=name, last_name="Ruiz", email=email, phone="3125550150"))


def test_subject_access_lists_signups_and_erasure_anonymises_them(event, personas):
    signup = sign(event, "ana@example.test")
    admin = actor_for(personas.admin)
    person = Person.objects.get(pk=signup.person_id)
    access = person_subject_access(actor=admin, person=person)
    assert access["events"]["event_signups"][0]["event"] == "Canvass launch"
    person_erase(actor=admin, person=person, reason="asked to be forgotten")
    signup.refresh_from_db()
    assert signup.person_id is None and signup.email == "" and signup.phone == "" and signup.first_name == ""
    assert event.shifts.get().signups.filter(status="confirmed").count() == 1  # the count stays true


def test_merge_moves_signups_and_cancels_the_twin_on_the_same_shift(event, personas, org_tree):
    first = sign(event, "ana@example.test")
    other = factories.person(org_tree.north_team, first_name="Ana", last_name="Ruiz", emails=["ana.r@example.test"])
    second = sign(event, "ana.r@example.test")
    assert second.person_id == other.pk
    person_merge(actor=actor_for(personas.admin), keep=Person.objects.get(pk=first.person_id), other=other)
    assert set(Signup.objects.values_list("person_id", flat=True)) == {first.person_id}
    assert Signup.objects.get(pk=second.pk).status == "cancelled"
    assert Signup.objects.get(pk=first.pk).status == "confirmed"
