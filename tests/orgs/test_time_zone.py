"""Pages show a signed-in person's times in their own zone: their profile's, else their nearest team's."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.people.models import TimelineEntry
from groundswell.people.timeline import timeline_add
from tests import factories

# 18:00 UTC on 15 January: 12:00 in Chicago (CST), 10:00 in Los Angeles (PST), 18:00 in London.
WHEN = dt.datetime(2026, 1, 15, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def entry(org_tree, personas):
    person = factories.person(org_tree.north_team, first_name="Rosa", last_name="Parks")
    made = timeline_add(person=person, kind="people.note", summary="Called about the rally")
    TimelineEntry.objects.filter(pk=made.pk).update(created_at=WHEN)
    return person


def shown_time(client, person) -> str:
    page = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    assert "Called about the rally" in page
    for hour in ("12:00", "10:00", "18:00", "13:00"):
        if f"Jan 15, 2026 {hour}" in page:
            return hour
    raise AssertionError("the entry's time is not on the page")


def test_times_are_in_the_zone_of_the_readers_profile(entry, personas, client_for):
    personas.organizer.time_zone = "America/Chicago"
    personas.organizer.save(update_fields=["time_zone"])
    assert shown_time(client_for(personas.organizer), entry) == "12:00"


def test_without_one_they_are_in_the_zone_of_the_nearest_team(org_tree, entry, personas, client_for):
    Team.objects.filter(pk=org_tree.north.pk).update(time_zone="America/Los_Angeles")
    factories.membership(org_tree.org, "analyst", user_obj=personas.organizer)  # higher up, New York
    assert personas.organizer.time_zone == ""
    assert shown_time(client_for(personas.organizer), entry) == "10:00"


def test_a_zone_that_no_longer_exists_falls_back_to_utc(entry, personas, client_for):
    personas.organizer.time_zone = "Mars/Olympus_Mons"  # stored before it was checked
    personas.organizer.save(update_fields=["time_zone"])
    assert shown_time(client_for(personas.organizer), entry) == "18:00"


def test_a_visitor_or_someone_in_no_team_has_no_zone_of_their_own(personas):
    assert Actor.for_user(AnonymousUser()).time_zone == ""
    assert Actor.for_user(factories.user(email="alone@example.test")).time_zone == ""
