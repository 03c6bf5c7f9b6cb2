"""Building blocks for program tests: a program, a captain with N matched contacts."""

from groundswell.people.models import ExternalId
from groundswell.relational.models import Program, Relationship
from groundswell.relational.services_contacts import relationship_create
from groundswell.relational.services_programs import captain_enrol, captain_list_add, program_create
from tests import factories
from tests.conftest import actor_for


def program(organizer, team, **fields) -> Program:
    values = {"name": "Turnout captains", "election": "2026-general", "goal_min": 4, "goal_max": 10,
              "evaluate": True}
    values.update(fields)
    made = program_create(actor=actor_for(organizer), team=team, **values)
    made.status = Program.Status.RUNNING
    made.save(update_fields=["status"])
    return made


def matched_contacts(actor, team, n: int, *, prefix: str = "V") -> list[Relationship]:
    """n contacts of `actor`, each linked to a voter-file person with voter id f"{prefix}{i}"."""
    contacts = []
    for i in range(n):
        person = factories.person(team, first_name=f"P{prefix}{i}", last_name="Voter")
        ExternalId.objects.create(person=person, org_id=person.org_id, value=f"{prefix}{i}")
        contact, _ = relationship_create(actor=actor, first_name=f"C{prefix}{i}", find_match=False)
        Relationship.objects.filter(pk=contact.pk).update(person=person, match_status=Relationship.Match.CONFIRMED)
        contact.refresh_from_db()
        contacts.append(contact)
    return contacts


def captain_with_list(actor, prog, team, n: int, *, prefix: str = "V"):
    captain = captain_enrol(actor=actor, program=prog)
    for contact in matched_contacts(actor, team, n, prefix=prefix):
        captain_list_add(actor=actor, captain=captain, relationship=contact)
    return captain
