"""Erasure: a real purge of the person everywhere, anonymised counts kept, the audit log scrubbed."""

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from groundswell.audit.models import AuditEntry
from groundswell.orgs.access import Actor
from groundswell.people import consent, privacy, services
from groundswell.people.models import (
    ConsentEvent,
    DuplicateCandidate,
    ExternalId,
    ImportRowError,
    ListMember,
    Person,
    Suppression,
    Vote,
)
from tests import factories

NAME, PHONE, EMAIL, VOTER_ID = "Maria Zapatero", "+15125550123", "maria.zapatero@example.org", "TX98765"


def mentions(value: str) -> list[str]:
    """Every row of every people and audit table that holds `value` in a text or JSON column."""
    found = []
    for model in [*apps.get_app_config("people").get_models(), *apps.get_app_config("audit").get_models()]:
        fields = [f.name for f in model._meta.fields if isinstance(f, models.CharField | models.TextField
                                                                     | models.JSONField)]
        match = Q()
        for name in fields:
            match |= Q(**{f"_{name}__icontains": value})
        casts = {f"_{name}": Cast(name, TextField()) for name in fields}
        for pk in model.objects.annotate(**casts).filter(match).values_list("pk", flat=True):
            found.append(f"{model._meta.label}#{pk}")
    return found


@pytest.fixture
def maria(org_tree, personas):
    steward = personas.steward
    person = services.person_create(actor=steward, team=org_tree.north, first_name="Maria", last_name="Zapatero",
                                    phones=["512-555-0123"], emails=[EMAIL], tags=["volunteer"])
    ExternalId.objects.create(person=person, org=org_tree.org, system="voter_file", value=VOTER_ID)
    Vote.objects.create(person=person, election="2024-general")
    services.note_add(actor=steward, person=person, body="Lives with her sister")
    consent.opt_out(actor=steward, person=person, channel="text", source="STOP reply", note="said STOP to Maria")
    ListMember.objects.create(list=factories.people_list(org_tree.north, kind="static"), person=person)
    twin = factories.person(org_tree.north, first_name="Mary", last_name="Zapatero")
    DuplicateCandidate.objects.create(org=org_tree.org, first=person, second=twin, reason=f"same phone {PHONE}")
    job = factories.import_job(org_tree.north)
    ImportRowError.objects.create(job=job, line=7, reason="unparseable date: '31/31/1980'",
                                  row={"name": "M. Zapatero", "phone": "(512) 555-0123", "dob": "31/31/1980"})
    ImportRowError.objects.create(job=job, line=8, reason="missing name", row={"voter_id": VOTER_ID, "name": ""})
    ImportRowError.objects.create(job=job, line=9, reason="missing name", row={"email": EMAIL.upper()})
    ImportRowError.objects.create(job=job, line=10, reason="missing name", row={"phone": "(512) 555-0999"})
    return person


def erase(person, user, reason="Erasure request by email"):
    return privacy.person_erase(actor=Actor.for_user(user), person=person, reason=reason)


def test_no_table_holds_the_person_after_erasure(maria, personas):
    for value in (NAME, PHONE, EMAIL, VOTER_ID, "Lives with her sister"):
        assert mentions(value), f"the fixture should have spread {value!r} around"
    erase(maria, personas.steward)
    assert not Person.objects.filter(pk=maria.pk).exists()
    # The number stays only on the suppression list: she said STOP, so it is never texted again.
    assert mentions(PHONE) == [f"people.Suppression#{s.pk}" for s in Suppression.objects.filter(value=PHONE)]
    for value in (NAME, EMAIL, VOTER_ID, "Lives with her sister", "said STOP to Maria"):
        assert mentions(value) == [], value


def test_anonymised_counts_stay(maria, personas):
    erase(maria, personas.steward)
    event = ConsentEvent.objects.get(source="STOP reply")
    assert (event.person, event.channel, event.action, event.note) == (None, "text", "opt_out", "")
    assert Suppression.objects.filter(org=maria.org, channel="text", value=PHONE).exists()
    assert ImportRowError.objects.filter(job__org=maria.org).count() == 4


def test_an_erased_stopper_is_never_texted_again(maria, personas, org_tree):
    erase(maria, personas.steward)
    again = factories.person(org_tree.north, first_name="Maria", phones=[PHONE])
    assert consent.may_contact(again, "text", PHONE) is False


def test_import_errors_that_hold_her_contact_points_are_scrubbed(maria, personas):
    erase(maria, personas.steward)
    rows = {e.line: e for e in ImportRowError.objects.all()}
    assert rows[7].row == {} and rows[7].reason == "unparseable date: '[erased]'"
    assert rows[8].row == {} and rows[9].row == {}
    assert rows[10].row == {"phone": "(512) 555-0999"}  # someone else's number


def test_the_audit_log_names_her_only_by_id(maria, personas):
    erase(maria, personas.steward, reason="Maria Zapatero asked by phone +15125550123")
    about = AuditEntry.objects.filter(target_type="people.person", target_id=str(maria.pk))
    assert about.exclude(action="people.person.erased").count() >= 3
    assert set(about.values_list("target_repr", flat=True)) == {f"erased person #{maria.pk}"}
    entry = AuditEntry.objects.get(action="people.person.erased")
    assert entry.actor == personas.steward
    assert entry.data["reason"] == "[erased] asked by phone [erased]"
    assert entry.data["phones"] == 1 and entry.data["import_rows_scrubbed"] == 3


def test_a_soft_deleted_person_can_be_erased(maria, personas, client_for):
    services.person_soft_delete(actor=personas.steward, person=maria)
    response = client_for(personas.steward).post(reverse("people:person-erase", args=[maria.pk]), {
        "reason": "request", "confirm_name": "maria  zapatero",
    })
    assert response.status_code == 302
    assert not Person.objects.filter(pk=maria.pk).exists()


def test_other_people_are_untouched(maria, personas, org_tree):
    other = factories.person(org_tree.north, first_name="Rosa", phones=["+15125550199"])
    erase(maria, personas.steward)
    assert Person.objects.get(pk=other.pk).phones.get().number == "+15125550199"
    assert Person.objects.filter(first_name="Mary").exists()


def test_the_confirm_page_explains_what_is_kept(maria, personas, client_for):
    page = client_for(personas.admin).get(reverse("people:person-erase", args=[maria.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "suppression list" in text and "opted out of texts" in text and "cannot be undone" in text


@pytest.mark.parametrize(("data", "field"), [
    ({"reason": "", "confirm_name": NAME}, "reason"),
    ({"reason": "request", "confirm_name": "Maria Lopez"}, "confirm_name"),
    ({"reason": "request", "confirm_name": ""}, "confirm_name"),
])
def test_bad_confirmation_erases_nothing(maria, personas, client_for, data, field):
    response = client_for(personas.steward).post(reverse("people:person-erase", args=[maria.pk]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Person.objects.filter(pk=maria.pk).exists()


@pytest.mark.parametrize(("persona", "status"), [
    ("organizer", 403), ("analyst", 403), ("leader", 404), ("volunteer", 404), ("outsider", 404),
])
def test_only_erasers_may_erase(maria, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).post(reverse("people:person-erase", args=[maria.pk]), {
        "reason": "request", "confirm_name": NAME,
    })
    assert response.status_code == status
    assert Person.objects.filter(pk=maria.pk).exists()


def test_other_apps_erase_their_rows_first(maria, personas, monkeypatch):
    seen = []
    monkeypatch.setattr(privacy, "CONTRIBUTORS", {})
    privacy.register(privacy.PersonData("calls", erase=lambda person: seen.append(person.pk)))
    erase(maria, personas.steward)
    assert seen == [maria.pk]


def test_erasure_time_is_recent(maria, personas):
    before = timezone.now()
    erase(maria, personas.steward)
    assert AuditEntry.objects.get(action="people.person.erased").created_at >= before


def test_records_merged_into_hers_are_scrubbed_too(maria, personas, org_tree):
    from groundswell.people.dedupe import person_merge

    steward = Actor.for_user(personas.steward)
    old = services.person_create(actor=steward, team=org_tree.north, first_name="Mariah", last_name="Zapatero-Ruiz")
    old_id = old.pk
    person_merge(actor=steward, keep=maria, other=old)
    erase(Person.objects.get(pk=maria.pk), personas.steward)
    assert set(AuditEntry.objects.filter(target_id=str(old_id), target_type="people.person")
               .values_list("target_repr", flat=True)) == {f"erased person #{maria.pk}"}
    assert mentions("Mariah") == []


def test_deleted_records_wait_for_a_steward(org_tree, personas, client_for):
    kept = factories.person(org_tree.north, first_name="Kept")
    gone = factories.person(org_tree.north_chapter, first_name="Gone", deleted_at=timezone.now())
    factories.person(org_tree.south, first_name="Southern", deleted_at=timezone.now())
    page = client_for(personas.steward).get(reverse("people:deleted-list", args=[org_tree.north.slug]))
    assert page.status_code == 200
    assert [p.pk for p in page.context["page"]] == [gone.pk]
    assert reverse("people:person-erase", args=[gone.pk]) in page.content.decode()
    assert kept.pk not in [p.pk for p in page.context["page"]]


@pytest.mark.parametrize(("persona", "status"), [("organizer", 403), ("leader", 404), ("outsider", 404)])
def test_only_erasers_see_deleted_records(org_tree, personas, client_for, persona, status):
    url = reverse("people:deleted-list", args=[org_tree.north.slug])
    assert client_for(getattr(personas, persona)).get(url).status_code == status
