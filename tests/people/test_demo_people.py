"""The demo CRM: voter-file people imported into every chapter through the real import path, once."""

import csv
from collections import Counter

import pytest

from groundswell.orgs.demo import demo_load
from groundswell.orgs.models import Team
from groundswell.people.demo import CITIES, CUSTOM_FIELDS, HEADER, people_demo_load, write_demo_file
from groundswell.people.filters import validate_filters
from groundswell.people.models import (
    ConsentEvent,
    CustomField,
    DuplicateCandidate,
    ImportJob,
    ImportRowError,
    ListMember,
    PeopleList,
    Person,
    Suppression,
    Tag,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DEMO_PARTS = ("people",)  # what these tests look at (the demo loads faster)


@pytest.fixture
def demo(db, settings):
    settings.DEMO_PEOPLE = 600
    return demo_load()


def _snapshot(org: Team) -> dict:
    return {
        "people": Person.objects.filter(org=org).count(),
        "jobs": ImportJob.objects.filter(org=org).count(),
        "fields": CustomField.objects.filter(org=org).count(),
        "tags": Tag.objects.filter(org=org).count(),
        "consent": ConsentEvent.objects.filter(org=org).count(),
        "lists": PeopleList.objects.filter(org=org).count(),
        "members": ListMember.objects.filter(list__org=org).count(),
        "duplicates": DuplicateCandidate.objects.filter(org=org).count(),
    }


def test_every_chapter_owns_the_people_of_its_city(demo):
    chapters = Team.objects.filter(path__startswith=demo.org.path, kind=Team.Kind.CHAPTER)
    jobs = ImportJob.objects.filter(org=demo.org)
    assert jobs.count() == chapters.count() == 20
    assert set(jobs.values_list("status", flat=True)) == {ImportJob.Status.DONE}
    assert {job.created_by.email for job in jobs} == {"admin@example.org"}
    for chapter in chapters:
        # The voter file's people (event signups of the demo are there too, from their ZIP codes).
        cities = set(Person.objects.filter(team=chapter, last_import__isnull=False).values_list("city", flat=True))
        assert cities == {chapter.name}, chapter
        assert Person.objects.filter(team=chapter, state=CITIES[chapter.name][0]).exists()
    total = Person.objects.filter(org=demo.org, last_import__isnull=False).count()
    rejected = sum(jobs.values_list("rejected", flat=True))
    assert total + rejected <= 600 and total >= 560
    assert ImportRowError.objects.filter(job__org=demo.org).count() == rejected


def test_it_imports_voter_fields_custom_fields_and_tags(demo):
    people = Person.objects.filter(org=demo.org, last_import__isnull=False)
    assert {f.key for f in CustomField.objects.filter(org=demo.org)} == {key for key, *_ in CUSTOM_FIELDS}
    assert people.exclude(custom={}).count() > 100
    assert people.filter(custom__has_key="top_issue").exists()
    assert people.filter(phones__isnull=False).distinct().count() > 400
    assert people.filter(votes__election="2024-general").exists()
    assert people.exclude(precinct="").count() == people.count()
    assert people.filter(latitude__isnull=False).count() == people.count()
    assert people.filter(tags__isnull=False).exists() and Tag.objects.filter(org=demo.org).count() >= 3
    assert people.exclude(time_zone="").count() == people.count()


def test_some_people_opted_out_through_the_consent_rules(demo):
    events = ConsentEvent.objects.filter(org=demo.org)
    assert events.count() >= 3
    for event in events.select_related("person"):
        field = Person.OPT_OUT_FIELD[event.channel]
        assert getattr(event.person, field) is not None
    assert Suppression.objects.filter(org=demo.org).exists()


def test_look_alikes_wait_in_the_duplicates_queue(db, settings):
    settings.DEMO_PEOPLE = 3000
    org = demo_load().org
    reasons = list(DuplicateCandidate.objects.filter(org=org).values_list("reason", flat=True))
    assert any("similar name and address" in reason for reason in reasons)


def test_the_saved_lists_have_valid_filters_and_the_frozen_one_has_members(demo):
    lists = PeopleList.objects.filter(org=demo.org)
    assert lists.count() == 4
    for people_list in lists:
        assert validate_filters(people_list.filters, demo.org) == people_list.filters
    frozen = lists.get(kind=PeopleList.Kind.STATIC)
    assert ListMember.objects.filter(list=frozen).count() > 0


def test_loading_again_changes_nothing(demo, settings):
    before = _snapshot(demo.org)
    again = people_demo_load(demo.org, people=600)
    assert again.imports == 0
    assert _snapshot(demo.org) == before
    assert demo_load().created is False
    assert _snapshot(demo.org) == before


def test_an_unfinished_demo_import_is_resumed_not_repeated(demo):
    job = ImportJob.objects.filter(org=demo.org).order_by("pk").first()
    people = Person.objects.filter(team=job.team).count()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error="killed")
    summary = people_demo_load(demo.org, people=600)
    assert summary.imports == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert ImportJob.objects.filter(org=demo.org).count() == 20
    assert Person.objects.filter(team=job.team).count() == people


def test_the_demo_file_has_look_alikes_and_a_few_mistakes(tmp_path):
    path = write_demo_file(tmp_path / "chicago.csv", "Chicago", "312", 3000, seed=5)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == HEADER and len(rows) == 3000
    assert len({r["Voter ID"] for r in rows}) == 3000
    assert {r["City"] for r in rows} == {"Chicago"} and {r["Zip"][:3] for r in rows} == {"606"}
    assert all(r["Phone"].startswith("(312)") for r in rows if r["Phone"] not in ("", "555-12"))
    same_person = Counter((r["First Name"], r["Last Name"], r["Address"], r["Phone"]) for r in rows if r["Phone"])
    assert sum(1 for n in same_person.values() if n > 1) >= 3
    assert any(r["DOB"] == "31/31/1990" or r["Phone"] == "555-12" for r in rows)
    assert write_demo_file(tmp_path / "again.csv", "Chicago", "312", 3000, seed=5).read_bytes() == path.read_bytes()
