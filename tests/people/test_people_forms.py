"""Creating and editing a person on the web: field-level errors, derived time zones, soft delete."""

import pytest
from django.urls import reverse

from groundswell.audit.models import AuditEntry
from groundswell.people.models import CustomField, Person, TimelineEntry
from tests import factories


def create_url(team) -> str:
    return reverse("people:person-create", args=[team.slug])


def good(**overrides) -> dict:
    data = {"first_name": "Ana", "last_name": "Ruiz", "country": "US", "phones": "(512) 555-0147\n+44 20 7946 0958",
            "emails": "Ana@Example.org"}
    data.update(overrides)
    return data


@pytest.fixture
def shirt(org_tree):
    return CustomField.objects.create(org=org_tree.org, key="shirt", label="Shirt size", kind="choice",
                                      choices=["S", "M", "L"])


def test_it_creates_a_person_with_several_phones_and_a_derived_zone(org_tree, personas, client_for, shirt):
    response = client_for(personas.organizer).post(create_url(org_tree.north_team), good(custom_shirt="M"))
    assert response.status_code == 302
    person = Person.objects.get(last_name="Ruiz")
    assert response["Location"] == reverse("people:person-detail", args=[person.pk])
    assert [p.number for p in person.phones.all()] == ["+15125550147", "+442079460958"]
    assert person.phones.get(number="+15125550147").primary
    assert [e.address for e in person.emails.all()] == ["ana@example.org"]
    assert person.time_zone == "America/Chicago"
    assert person.custom == {"shirt": "M"}
    assert person.team == org_tree.north_team and person.org == org_tree.org
    assert TimelineEntry.objects.filter(person=person, kind="people.created").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phones": "call me"}, "phones", "not a phone number"),
        ({"phones": "555-0000"}, "phones", "impossible phone number"),
        ({"phones": "+1 555 000 0000"}, "phones", "impossible phone number"),
        ({"emails": "ana@"}, "emails", "not an email address"),
        ({"birth_date": "1984-02-30"}, "birth_date", "valid date"),
        ({"birth_date": "2999-01-01"}, "birth_date", "between 1900 and today"),
        ({"custom_shirt": "XXL"}, "custom_shirt", "valid choice"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "unknown time zone"),
        ({"first_name": "", "last_name": ""}, "first_name", "first or last name"),
        ({"latitude": "123"}, "latitude", "between -90 and 90"),
    ],
)
def test_bad_input_shows_a_field_error_and_saves_nothing(org_tree, personas, client_for, shirt, overrides, field,
                                                         message):
    response = client_for(personas.organizer).post(create_url(org_tree.north_team), good(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Person.objects.exists()


def test_a_bad_custom_number_or_date_is_reported_on_its_field(org_tree, personas, client_for):
    CustomField.objects.create(org=org_tree.org, key="pets", label="Pets", kind="number")
    CustomField.objects.create(org=org_tree.org, key="met", label="First met", kind="date")
    response = client_for(personas.organizer).post(create_url(org_tree.north_team),
                                                   good(custom_pets="lots", custom_met="someday"))
    errors = response.context["form"].errors
    assert "is not a number" in errors["custom_pets"][0]
    assert "is not a date" in errors["custom_met"][0]


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("analyst", 403), ("outsider", 404)])
def test_it_guards_creating(org_tree, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).post(create_url(org_tree.north_team), good())
    assert response.status_code == status
    assert not Person.objects.exists()


def test_editing_keeps_what_is_unchanged_and_syncs_phones(org_tree, personas, client_for):
    person = factories.person(org_tree.north_team, first_name="Nia", last_name="North", state="MN",
                              time_zone="America/Chicago", phones=["+12185550123", "+12185550124"])
    client = client_for(personas.organizer)
    form = client.get(reverse("people:person-edit", args=[person.pk])).context["form"]
    assert form["time_zone"].value() == ""  # derived zones show empty so a new address derives again
    assert "Now America/Chicago, derived" in form.fields["time_zone"].help_text
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"city": "Duluth", "state": "CA", "phones": "+12185550124\n218 555 0199", "time_zone": ""})
    response = client.post(reverse("people:person-edit", args=[person.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert (person.city, person.first_name, person.time_zone) == ("Duluth", "Nia", "America/Los_Angeles")
    assert sorted(p.number for p in person.phones.all()) == ["+12185550124", "+12185550199"]
    assert person.phones.filter(primary=True).count() == 1
    kinds = set(TimelineEntry.objects.filter(person=person).values_list("kind", flat=True))
    assert {"people.updated", "people.phone_added", "people.phone_removed"} <= kinds


def test_editing_with_a_bad_phone_changes_nothing(org_tree, personas, client_for):
    person = factories.person(org_tree.north_team, first_name="Nia", phones=["+12185550123"])
    response = client_for(personas.organizer).post(reverse("people:person-edit", args=[person.pk]),
                                                   {"first_name": "Changed", "country": "US", "phones": "12"})
    assert response.status_code == 400
    assert "phones" in response.context["form"].errors
    person.refresh_from_db()
    assert person.first_name == "Nia"
    assert [p.number for p in person.phones.all()] == ["+12185550123"]


def test_soft_delete_hides_the_person_and_is_audited(org_tree, personas, client_for):
    person = factories.person(org_tree.north_team)
    client = client_for(personas.organizer)
    response = client.post(reverse("people:person-delete", args=[person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.deleted_at is not None
    assert AuditEntry.objects.filter(action="people.person.deleted", target_id=str(person.pk)).exists()
    assert client.get(reverse("people:person-detail", args=[person.pk])).status_code == 404


def test_delete_needs_post_and_the_right_to_edit(org_tree, personas, client_for):
    person = factories.person(org_tree.north_team)
    assert client_for(personas.organizer).get(reverse("people:person-delete", args=[person.pk])).status_code == 405
    assert client_for(personas.leader).post(reverse("people:person-delete", args=[person.pk])).status_code == 403
    person.refresh_from_db()
    assert person.deleted_at is None


def test_a_stated_zone_shows_in_the_edit_form_and_survives_an_address_change(org_tree, personas, client_for):
    person = factories.person(org_tree.north_team, first_name="Nia", state="MN", time_zone="America/Denver")
    client = client_for(personas.organizer)
    form = client.get(reverse("people:person-edit", args=[person.pk])).context["form"]
    assert form["time_zone"].value() == "America/Denver"
    data = {name: value for name, value in form.initial.items() if value is not None}
    client.post(reverse("people:person-edit", args=[person.pk]), {**data, "state": "CA"})
    person.refresh_from_db()
    assert (person.state, person.time_zone) == ("CA", "America/Denver")
