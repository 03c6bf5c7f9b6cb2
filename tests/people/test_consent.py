import pytest

from groundswell.audit.models import AuditEntry
from groundswell.people import consent
from groundswell.people.models import ConsentEvent, Person, Phone, Suppression
from tests import factories


@pytest.fixture
def maria(org_tree):
    return factories.person(org_tree.north, first_name="Maria", phones=["+15125550123"], emails=["maria@example.org"])


def test_opt_out_records_state_history_suppression_timeline_and_audit(maria, personas):
    consent.opt_out(actor=personas.organizer, person=maria, channel="text", source="STOP reply", value="+15125550123")

    maria.refresh_from_db()
    assert maria.text_opt_out_at is not None and maria.call_opt_out_at is None
    event = ConsentEvent.objects.get(person=maria)
    assert (event.channel, event.action, event.source) == ("text", "opt_out", "STOP reply")
    assert event.actor == personas.organizer
    assert Suppression.objects.filter(org=maria.org, channel="text", value="+15125550123").exists()
    assert maria.timeline.filter(kind="people.opted_out").exists()
    assert AuditEntry.objects.filter(action="people.consent.opt_out", target_id=str(maria.pk)).exists()


def test_a_second_opt_out_keeps_the_first_time(maria):
    consent.opt_out(actor=None, person=maria, channel="call", source="call result")
    first = Person.objects.get(pk=maria.pk).call_opt_out_at
    consent.opt_out(actor=None, person=maria, channel="call", source="import")
    assert Person.objects.get(pk=maria.pk).call_opt_out_at == first
    assert ConsentEvent.objects.filter(person=maria, channel="call").count() == 2


def test_may_contact_reads_the_database_not_a_stale_object(maria):
    stale = Person.objects.get(pk=maria.pk)
    consent.opt_out(actor=None, person=maria, channel="call", source="call result")
    assert consent.may_contact(stale, "call") is False
    assert consent.may_contact(stale, "text") is True


def test_a_suppressed_number_is_refused_on_any_record(org_tree, maria):
    consent.opt_out(actor=None, person=maria, channel="text", source="STOP reply", value="+15125550123")
    sister = factories.person(org_tree.north, first_name="Rosa", phones=["+15125550123", "+15125550199"])
    assert consent.may_contact(sister, "text", "+15125550123") is False
    assert consent.may_contact(sister, "text", "+15125550199") is True


def test_contactable_needs_consent_and_a_usable_unsuppressed_value(org_tree, maria):
    opted_out = factories.person(org_tree.north, phones=["+15125550111"])
    consent.opt_out(actor=None, person=opted_out, channel="call", source="call result")
    no_phone = factories.person(org_tree.north)
    wrong_number = factories.person(org_tree.north, phones=["+15125550112"])
    Phone.objects.filter(person=wrong_number).update(valid=False)
    factories.person(org_tree.north, phones=["+15125550113"])  # its only number is suppressed
    Suppression.objects.create(org=org_tree.org, channel="call", value="+15125550113", source="test")
    other_org = factories.person(org_tree.other, phones=["+15125550113"])

    callable_people = set(consent.contactable(Person.objects.all(), "call"))
    assert callable_people == {maria, other_org}
    assert no_phone not in callable_people


def test_opt_in_clears_the_opt_out_and_the_persons_own_suppressions(maria):
    consent.opt_out(actor=None, person=maria, channel="text", source="STOP reply", value="+15125550123")
    consent.opt_in(actor=None, person=maria, channel="text", source="texted START")
    assert consent.may_contact(maria, "text", "+15125550123") is True
    assert list(ConsentEvent.objects.filter(person=maria).values_list("action", flat=True)) == ["opt_in", "opt_out"]


def test_people_holding_suppressed_values_are_opted_out(org_tree, maria):
    Suppression.objects.create(org=org_tree.org, channel="email", value="maria@example.org", source="unsubscribe")
    clean = factories.person(org_tree.north, emails=["other@example.org"])
    assert consent.suppress_known_values(org_id=org_tree.org.pk, person_ids=[maria.pk, clean.pk]) == 1
    assert Person.objects.get(pk=maria.pk).email_opt_out_at is not None
    assert Person.objects.get(pk=clean.pk).email_opt_out_at is None


def test_an_edit_made_with_a_stale_record_keeps_an_opt_out_stored_meanwhile(maria, personas):
    from groundswell.people import services

    stale = Person.objects.get(pk=maria.pk)  # the edit form loads the person…
    consent.opt_out(actor=None, person=Person.objects.get(pk=maria.pk), channel="text", source="STOP reply")
    services.person_update(actor=personas.steward, person=stale, city="Austin")  # …and saves after the STOP
    saved = Person.objects.get(pk=maria.pk)
    assert saved.text_opt_out_at is not None
    assert saved.city == "Austin"
