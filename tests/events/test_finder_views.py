"""Finding events as a newcomer would: the public list (what it shows and hides), a member's wider view,
distance from a ZIP, the other filters, pagination, the embed for other websites and the map's data."""

import datetime as dt
import html
import re
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.events import views_finder
from groundswell.events.display import when
from groundswell.events.models import Event, Shift
from groundswell.events.services_events import event_cancel
from tests.conftest import actor_for
from tests.events.helpers import make_event


def titles(response) -> list[str]:
    """The event titles on a finder page or embed, in order."""
    found = re.findall(r'<h2><a href="/events/\d+/"[^>]*>([^<]+)</a></h2>', response.content.decode())
    return [html.unescape(title) for title in found]


def find(client=None, **query):
    return (client or Client()).get(reverse("events:finder"), query)


@pytest.fixture
def south_host(personas):
    return actor_for(personas.admin)


@pytest.fixture
def places(org_tree, organizer):
    """Public in-person events in Chicago (60614), Evanston (60201, ~9 mi north) and Madison (53703, ~120 mi)."""
    return {
        "chicago": make_event(organizer, org_tree.north_team, title="Lincoln Park canvass"),
        "evanston": make_event(organizer, org_tree.north_team, title="Evanston canvass", zip="60201",
                               address1="1 Davis St"),
        "madison": make_event(organizer, org_tree.north_team, title="Madison canvass", zip="53703",
                              address1="1 Capitol Sq"),
    }


def test_anonymous_visitor_sees_public_upcoming_events_only(org_tree, organizer, personas):
    make_event(organizer, org_tree.north_team, title="Public canvass")
    make_event(organizer, org_tree.north_team, title="Members meeting", visibility="members")
    make_event(organizer, org_tree.north_team, title="Private party", visibility="private")
    past = make_event(organizer, org_tree.north_team, title="Last week's canvass")
    past.shifts.update(starts_at=timezone.now() - dt.timedelta(days=7, hours=2),
                       ends_at=timezone.now() - dt.timedelta(days=7))
    cancelled = make_event(organizer, org_tree.north_team, title="Cancelled canvass")
    event_cancel(actor=organizer, event=cancelled)
    proposal = make_event(actor_for(personas.volunteer), org_tree.north_team, title="Proposed party")
    assert proposal.status == Event.Status.PENDING
    start = timezone.now() + dt.timedelta(days=1)  # a shift, so only its status keeps it off the list
    Shift.objects.create(event=proposal, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    response = find()
    assert response.status_code == 200
    assert titles(response) == ["Public canvass"]
    assert "1 event, soonest first" in response.content.decode()


def test_member_also_sees_the_members_events_of_their_branch_not_a_siblings(org_tree, organizer, south_host,
                                                                             personas, client_for):
    make_event(organizer, org_tree.north_team, title="North members' meeting", visibility="members")
    make_event(organizer, org_tree.north, title="Region members' training", visibility="members", kind="training")
    make_event(organizer, org_tree.north_team, title="North private party", visibility="private")
    make_event(south_host, org_tree.south_team, title="South members' meeting", visibility="members")
    make_event(south_host, org_tree.south_team, title="South public canvass")
    volunteer = client_for(personas.volunteer)
    assert sorted(titles(find(volunteer))) == ["North members' meeting", "Region members' training",
                                               "South public canvass"]
    assert "Members" in find(volunteer).content.decode()
    assert sorted(titles(find())) == ["South public canvass"]
    outsider = client_for(personas.outsider)
    assert titles(find(outsider)) == ["South public canvass"]


def test_distance_from_a_zip_keeps_events_within_the_radius(places):
    assert titles(find(zip="60614")) == ["Lincoln Park canvass", "Evanston canvass"]  # default 25 miles
    assert titles(find(zip="60614", distance="5")) == ["Lincoln Park canvass"]
    assert titles(find(zip="60614", distance="100")) == ["Lincoln Park canvass", "Evanston canvass"]
    assert sorted(titles(find())) == ["Evanston canvass", "Lincoln Park canvass", "Madison canvass"]
    assert titles(find(zip="53703", distance="10")) == ["Madison canvass"]


def test_cards_show_distance_time_in_the_events_zone_places_left_and_a_clean_link(places, organizer):
    page = find(zip="60201", distance="10").content.decode()
    evanston = places["evanston"]
    shift = evanston.shifts.get()
    assert when(shift.starts_at, shift.ends_at, "America/Chicago") in page  # "Tue 24 Nov, 10 am – 12 pm CST"
    assert re.search(r"C[SD]T</p>", page)
    assert "under 0.1 mi away" in page and "0.0 mi" not in page  # Evanston from its own ZIP
    assert re.search(r"\b(9|10)\.\d mi away", page)  # Lincoln Park, about 9 miles south
    assert "2 places left" in page and "Easy first step" in page
    assert f'href="/events/{evanston.pk}/"' in page and "?ref=" not in page


def test_a_bad_zip_is_a_field_message_on_the_page(places):
    response = find(zip="6061")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a 5-digit ZIP code, like 60614." in page and 'aria-invalid="true"' in page
    assert titles(response) == []
    assert "00000 is not a US ZIP code." in find(zip="00000").content.decode()


def test_an_unknown_team_or_backwards_dates_are_field_messages(places):
    assert "We don&#x27;t know that team" in find(team="nobody-here").content.decode()
    response = find(start="2030-05-02", end="2030-05-01")
    assert response.status_code == 200 and "The end date is before the start date." in response.content.decode()
    assert find(start="not a date").status_code == 200
    for bad in ({"distance": "7"}, {"kind": "picnic"}, {"effort": "huge"}):
        response = find(**bad)
        assert response.status_code == 200 and "Select a valid choice." in response.content.decode()


def test_kind_effort_and_team_filters(org_tree, organizer, south_host):
    make_event(organizer, org_tree.north_team, title="North canvass", effort="medium")
    make_event(organizer, org_tree.north_chapter, title="Chapter training", kind="training")
    make_event(south_host, org_tree.south_team, title="South phone bank", kind="phone_bank",
               effort="big")
    assert titles(find(kind="training")) == ["Chapter training"]
    assert sorted(titles(find(effort="small"))) == ["Chapter training"]
    assert "?effort=small" in find().content.decode()  # "Start with an easy first step"
    assert titles(find(effort="big")) == ["South phone bank"]
    assert sorted(titles(find(team=org_tree.north_chapter.slug))) == ["Chapter training", "North canvass"]
    assert titles(find(team=org_tree.north_team.slug)) == ["North canvass"]
    page = find(team=org_tree.south.slug).content.decode()
    assert "Events of <strong>South Region</strong>" in page and "South phone bank" in page


def test_date_filter_uses_whole_days(org_tree, organizer):
    make_event(organizer, org_tree.north_team, title="Tomorrow", days=1)
    make_event(organizer, org_tree.north_team, title="In ten days", days=10)
    today = timezone.localdate()
    later = (today + dt.timedelta(days=5)).isoformat()
    assert titles(find(start=later)) == ["In ten days"]
    assert titles(find(end=later)) == ["Tomorrow"]
    ten = (today + dt.timedelta(days=10)).isoformat()
    assert titles(find(zip="60614", start=ten, end=ten)) == ["In ten days"]


def test_online_events_are_included_unless_the_box_is_unticked(org_tree, organizer):
    make_event(organizer, org_tree.north_team, title="Madison canvass", zip="53703")
    make_event(organizer, org_tree.north_team, title="Kick-off call", kind="kickoff", mode="virtual", zip="",
               address1="", join_url="https://meet.example.test/kickoff")
    assert titles(find(zip="60614")) == ["Kick-off call"]
    assert 'name="online" id="id_online" checked' in find(zip="60614").content.decode()
    assert titles(find(zip="60614", filtered="1", online="on")) == ["Kick-off call"]
    assert titles(find(filtered="1")) == ["Madison canvass"]


def test_empty_state_suggests_a_wider_radius_online_events_or_anywhere(places):
    response = find(zip="60614", distance="5", kind="training", filtered="1")
    page = response.content.decode()
    assert "No events within 5 miles of 60614" in page
    assert "distance=10" in page and ">10 miles</a>" in page
    assert ">online events</a>" in page and ">anywhere</a>" in page
    assert "No upcoming events match these filters." in find(kind="training").content.decode()


def test_the_list_is_paginated(org_tree, organizer, monkeypatch):
    monkeypatch.setattr(views_finder, "PER_PAGE", 2)
    for days in (1, 2, 3):
        make_event(organizer, org_tree.north_team, title=f"Canvass in {days} days", days=days)
    first = find()
    assert titles(first) == ["Canvass in 1 days", "Canvass in 2 days"]
    assert "Page 1 of 2" in first.content.decode()
    assert titles(find(page="2")) == ["Canvass in 3 days"]
    assert find(page="nope").status_code == 200


def test_embed_can_be_framed_and_opens_events_in_a_new_tab(org_tree, south_host, places):
    make_event(south_host, org_tree.south_team, title="South training", kind="training")
    response = Client().get(reverse("events:embed"), {"team": org_tree.south.slug, "kind": "training"})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert find().headers["X-Frame-Options"] == "DENY"
    page = response.content.decode()
    assert titles(response) == ["South training"]
    assert 'target="_blank" rel="noopener"' in page and 'class="topbar"' not in page
    assert f'name="team" value="{org_tree.south.slug}"' in page and 'name="kind" value="training"' in page
    bad = Client().get(reverse("events:embed"), {"zip": "abc"})
    assert bad.status_code == 200 and "Enter a 5-digit ZIP code" in bad.content.decode()


def test_map_page_loads_leaflet_from_our_static_files_and_the_same_filters(places):
    response = Client().get(reverse("events:map"), {"zip": "60614", "kind": "canvass"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/leaflet/leaflet.js" in page and "/static/events/map.js" in page
    assert 'data-url="/events/events.json?zip=60614&amp;kind=canvass"' in page
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page and "OpenStreetMap" in page
    assert "unpkg" not in page and "cdn" not in page.lower()
    assert '<a href="/events/?zip=60614&amp;kind=canvass">' in page


def test_map_data_lists_placed_events_with_their_next_start(org_tree, organizer, places):
    make_event(organizer, org_tree.north_team, title="Kick-off call", mode="virtual", zip="", address1="",
               join_url="https://meet.example.test/kickoff")
    response = Client().get(reverse("events:finder-json"), {"zip": "60614"})
    assert response.status_code == 200
    data = response.json()
    assert [row["title"] for row in data["events"]] == ["Lincoln Park canvass", "Evanston canvass"]
    chicago = data["events"][0]
    event = places["chicago"]
    shift = event.shifts.get()
    assert chicago["id"] == event.pk and chicago["url"] == f"/events/{event.pk}/"
    assert (chicago["lat"], chicago["lng"]) == (event.latitude, event.longitude)
    assert chicago["kind"] == "Canvass" and chicago["effort"] == "small"
    start = shift.starts_at.astimezone(zoneinfo.ZoneInfo("America/Chicago"))
    assert chicago["next_start"] == f"{start:%a} {start.day} {start:%b}, 10 am {start.tzname()}"
    assert data["centre"] is not None and data["miles"] == 25 and data["truncated"] is False


def test_map_data_answers_bad_filters_with_a_json_400(places):
    response = Client().get(reverse("events:finder-json"), {"zip": "abc"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and body["errors"]["zip"][0]["message"] == "Enter a 5-digit ZIP code, like 60614."


def test_map_data_for_a_member_includes_their_branchs_members_events(org_tree, organizer, personas, client_for):
    make_event(organizer, org_tree.north_team, title="North members' meeting", visibility="members")
    assert Client().get(reverse("events:finder-json")).json()["events"] == []
    rows = client_for(personas.volunteer).get(reverse("events:finder-json")).json()["events"]
    assert [row["title"] for row in rows] == ["North members' meeting"]
