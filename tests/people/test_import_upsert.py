"""Who a row is: matching by voter-file id, email, or phone with the same first name; updates, skips,
consent, ownership, and the audit trail."""

from groundswell.audit.models import AuditEntry
from groundswell.people import consent
from groundswell.people.models import Channel, ExternalId, ImportJob, Person, Suppression
from tests import factories

from .import_helpers import do_import, snapshot, write_csv

HEADER = "voter_id,first_name,last_name,phone,landline,email,city,state,party,tags,voted_2024_general"


def people(org):
    return Person.objects.filter(org=org)


def test_a_reimport_updates_and_never_duplicates(org_tree, tmp_path):
    first = write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,512-555-0101,,ann@x.org,Austin,TX,DEM,donor,Y\n"
                                f"V2,Bo,Ek,512-555-0102,,,Austin,TX,REP,,N\n")
    do_import(org_tree.north, first)
    second = write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee-Smith,512-555-0199,,,,,,volunteer,A\nV2,Bo,Ek,,,,,,GRN,,\n",
                       name="second.csv")
    job = do_import(org_tree.north, second)
    assert (job.imported, job.updated, job.rejected) == (0, 2, 0)
    ann = people(org_tree.org).get(external_ids__value="V1")
    assert ann.last_name == "Lee-Smith"
    assert ann.city == "Austin"  # an empty cell does not erase what the CRM has
    assert ann.party == "DEM"
    assert sorted(ann.phones.values_list("number", "primary")) == [("+15125550101", True), ("+15125550199", False)]
    assert sorted(ann.tags.values_list("name", flat=True)) == ["donor", "volunteer"]
    assert list(ann.votes.values_list("election", "method")) == [("2024-general", "absentee")]
    assert people(org_tree.org).get(external_ids__value="V2").party == "GRN"
    assert people(org_tree.org).count() == 2


def test_without_update_people_already_in_the_crm_are_skipped_and_counted(org_tree, tmp_path):
    do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,,,,Austin,,,,\n"))
    job = do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\nV1,Ann,Other,,,,,,,,\nV3,Cy,Oh,,,,,,,,\n",
                                              name="b.csv"), update=False)
    assert (job.imported, job.updated, job.rejected, job.skipped) == (1, 0, 0, 1)
    assert people(org_tree.org).get(external_ids__value="V1").last_name == "Lee"


def test_without_a_voter_id_it_matches_by_normalised_email(org_tree, tmp_path):
    known = factories.person(org_tree.north, first_name="Ann", emails=["ann@x.org"])
    job = do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\n,Annie,Lee,,,  ANN@X.org ,,,,,\n"))
    assert (job.imported, job.updated) == (0, 1)
    known.refresh_from_db()
    assert known.first_name == "Annie"


def test_it_matches_a_shared_phone_only_with_the_same_first_name(org_tree, tmp_path):
    dad = factories.person(org_tree.north, first_name="Raj", last_name="Patel", phones=["+15125550100"])
    text = f"{HEADER}\n,RAJ,Patel,,(512) 555-0100,,,,,,\n,Priya,Patel,,(512) 555-0100,,,,,,\n"
    job = do_import(org_tree.north, write_csv(tmp_path, text))
    assert (job.imported, job.updated) == (1, 1)
    assert people(org_tree.org).filter(phones__number="+15125550100").count() == 2
    assert dad.phones.get().kind == "unknown"  # the factory's phone is left as it was
    priya = people(org_tree.org).get(first_name="Priya")
    assert list(priya.phones.values_list("kind", flat=True)) == ["landline"]


def test_an_email_match_never_joins_two_voter_ids(org_tree, tmp_path):
    text = f"{HEADER}\nV1,Ann,Lee,,,home@x.org,,,,,\nV2,Bo,Lee,,,home@x.org,,,,,\n"
    job = do_import(org_tree.north, write_csv(tmp_path, text))
    assert (job.imported, job.updated) == (2, 0)


def test_a_person_without_a_voter_id_gets_the_one_from_the_file(org_tree, tmp_path):
    known = factories.person(org_tree.north, first_name="Ann", emails=["ann@x.org"])
    do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\nV7,Ann,Lee,,,ann@x.org,,,,,\n"))
    assert list(ExternalId.objects.filter(person=known).values_list("system", "value")) == [("voter_file", "V7")]


def test_rows_matching_an_earlier_row_of_the_file_update_it(org_tree, tmp_path):
    text = f"{HEADER}\n,Ann,Lee,,,ann@x.org,,,,,\n,Ann,Lee,512-555-0101,,ANN@x.org,Austin,,,,\n"
    job = do_import(org_tree.north, write_csv(tmp_path, text))
    assert (job.imported, job.updated) == (1, 1)
    ann = people(org_tree.org).get()
    assert (ann.city, ann.last_import_line) == ("Austin", 3)


def test_imported_people_belong_to_the_jobs_team_and_its_organization(org_tree, tmp_path):
    do_import(org_tree.north_team, write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,,,,,,,,\n"))
    person = people(org_tree.org).get()
    assert (person.team, person.org) == (org_tree.north_team, org_tree.org)


def test_the_same_voter_id_in_another_organization_is_another_person(org_tree, tmp_path):
    path = write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,,,,,,,,\n")
    do_import(org_tree.north, path)
    do_import(org_tree.other, path)
    assert Person.objects.filter(external_ids__value="V1").count() == 2


def test_an_import_never_clears_an_opt_out(org_tree, tmp_path):
    do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,512-555-0101,,,,,,,\n"))
    ann = people(org_tree.org).get()
    consent.opt_out(actor=None, person=ann, channel=Channel.TEXT, source="STOP reply")
    do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,512-555-0102,,,,,,,\n", name="b.csv"))
    ann.refresh_from_db()
    assert ann.text_opt_out_at is not None


def test_numbers_and_addresses_on_the_suppression_list_opt_the_person_out(org_tree, tmp_path):
    Suppression.objects.create(org=org_tree.org, channel=Channel.TEXT, value="+15125550101", source="STOP")
    Suppression.objects.create(org=org_tree.org, channel=Channel.EMAIL, value="bo@x.org", source="unsubscribe")
    text = f"{HEADER}\nV1,Ann,Lee,512-555-0101,,,,,,,\nV2,Bo,Ek,,,BO@x.org,,,,,\nV3,Cy,Oh,512-555-0103,,,,,,,\n"
    do_import(org_tree.north, write_csv(tmp_path, text))
    ann, bo, cy = (people(org_tree.org).get(external_ids__value=v) for v in ("V1", "V2", "V3"))
    assert (ann.text_opt_out_at is not None, ann.call_opt_out_at is None) == (True, True)
    assert bo.email_opt_out_at is not None
    assert (cy.text_opt_out_at, cy.call_opt_out_at, cy.email_opt_out_at) == (None, None, None)


def test_time_zone_comes_from_the_state_else_the_phone(org_tree, tmp_path):
    text = f"{HEADER}\nV1,Ann,Lee,212-555-0101,,,,CO,,,\nV2,Bo,Ek,212-555-0102,,,,TX,,,\nV3,Cy,Oh,,,,,,,,\n"
    do_import(org_tree.north, write_csv(tmp_path, text))
    zones = dict(people(org_tree.org).values_list("external_ids__value", "time_zone"))
    assert zones == {"V1": "America/Denver", "V2": "America/New_York", "V3": ""}


def test_creating_and_finishing_an_import_are_audited(org_tree, personas, tmp_path):
    job = do_import(org_tree.north, write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,,,,,,,,\n"), actor=personas.admin)
    entries = AuditEntry.objects.filter(target_type="people.importjob", target_id=str(job.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["people.import.created", "people.import.finished"]
    assert set(entries.values_list("actor", flat=True)) == {personas.admin.pk}
    assert entries.get(action="people.import.finished").data["imported"] == 1


def test_the_same_csv_gives_the_same_people_whatever_the_order_of_imports(org_tree, tmp_path):
    path = write_csv(tmp_path, f"{HEADER}\nV1,Ann,Lee,512-555-0101,,ann@x.org,,TX,,a;b,Y\n")
    do_import(org_tree.north, path)
    do_import(org_tree.other, path)
    assert snapshot(org_tree.org) == snapshot(org_tree.other)
    assert ImportJob.objects.filter(status=ImportJob.Status.DONE).count() == 2
