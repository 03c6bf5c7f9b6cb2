"""Host tools from a phone: create an event and its shifts (with field messages), roster and check-in,
walk-ins, no-shows and follow-ups, approve a volunteer's proposal, duplicate, cancel."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from groundswell.events.models import Event, FollowUp, Shift, Signup
from groundswell.events.services_signups import Contact, signup_create
from groundswell.people.models import TimelineEntry
from tests.conftest import actor_for
from tests.events.helpers import make_event


def test_organizer_creates_an_event_then_its_weekly_shifts(org_tree, personas, client_for):
    client = client_for(personas.organizer)
    response = client.post(reverse("events:event-new", args=[org_tree.north_team.slug]), {
        "title": "Weekly phone bank", "kind": "phone_bank", "effort": "small", "mode": "virtual",
        "join_url": "https://meet.example.org/pb", "visibility": "public", "tags_text": "GOTV, phones",
    })
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("events:shifts", args=[event.pk])
    assert event.status == "published" and event.tags == ["gotv", "phones"]
    assert event.time_zone == org_tree.north_team.time_zone
    day = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(reverse("events:shifts", args=[event.pk]),
                           {"day": day.isoformat(), "start": "18:00", "end": "20:00", "capacity": "12", "weeks": "4"})
    assert response.status_code == 302
    assert event.shifts.count() == 4
    assert len({s.series for s in event.shifts.all()}) == 1


def test_event_form_gives_field_messages(org_tree, personas, client_for):
    client = client_for(personas.organizer)
    response = client.post(reverse("events:event-new", args=[org_tree.north_team.slug]), {
        "title": "", "kind": "canvass", "effort": "small", "mode": "in_person", "zip": "00000",
        "visibility": "public",
    })
    assert response.status_code == 422
    assert b"Give the event a title." in response.content or b"This field is required." in response.content
    assert not Event.objects.exists()
    response = client.post(reverse("events:event-new", args=[org_tree.north_team.slug]), {
        "title": "Door knock", "kind": "canvass", "effort": "small", "mode": "in_person", "zip": "00000",
        "visibility": "public",
    })
    assert b"is not a US ZIP code" in response.content and not Event.objects.exists()


def test_shift_form_refuses_end_before_start_and_past_days(event, personas, client_for):
    client = client_for(personas.organizer)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("events:shifts", args=[event.pk]),
                           {"day": tomorrow, "start": "12:00", "end": "12:00", "weeks": "1"})
    assert response.status_code == 422 and b"must end after it starts" in response.content
    response = client.post(reverse("events:shifts", args=[event.pk]),
                           {"day": "2020-01-01", "start": "10:00", "end": "12:00", "weeks": "1"})
    assert response.status_code == 422 and b"already passed" in response.content
    assert event.shifts.count() == 1


def sign(shift, name):
    from django.contrib.auth.models import AnonymousUser

    from groundswell.orgs.access import Actor

    return signup_create(actor=Actor.for_user(AnonymousUser()), shift=shift,
                         contact=Contact(first_name=name, email=f"{name.lower()}@example.test"))


def test_check_in_from_the_roster_with_htmx_and_timeline(event, personas, client_for):
    signup = sign(event.shifts.get(), "Rosa")
    client = client_for(personas.leader)
    roster = client.get(reverse("events:roster", args=[event.pk]))
    assert b"Rosa" in roster.content and b"Check in" in roster.content
    response = client.post(reverse("events:check-in", args=[event.pk, signup.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "✓ Here" in response.content.decode()
    signup.refresh_from_db()
    assert signup.attendance == "attended" and signup.checked_in_at is not None
    assert TimelineEntry.objects.filter(person=signup.person, kind="events.attended").exists()
    assert FollowUp.objects.get(signup=signup).kind == FollowUp.Kind.THANK_FIRST_TIMER


def test_scan_link_checks_in_the_person_on_the_code(event, personas, client_for):
    from groundswell.events.links import signup_token

    signup = sign(event.shifts.get(), "Omar")
    client = client_for(personas.organizer)
    page = client.get(reverse("events:scan", args=[event.pk]) + f"?s={signup_token(signup)}")
    assert b"Check in Omar" in page.content
    assert client.get(reverse("events:scan", args=[event.pk]) + "?s=forged").status_code == 404
    client.post(reverse("events:check-in", args=[event.pk, signup.pk]), {"from": "scan"})
    assert Signup.objects.get(pk=signup.pk).attendance == "attended"


def test_walk_in_is_added_and_checked_in(event, personas, client_for):
    client = client_for(personas.organizer)
    shift = event.shifts.get()
    client.post(reverse("events:walk-in", args=[event.pk]), {"shift": shift.pk, "first_name": "Lee",
                                                            "phone": "(312) 555-0142"})
    walk = Signup.objects.get()
    assert walk.source == "host" and walk.attendance == "attended" and walk.phone == "+13125550142"


def test_no_shows_after_the_shift_get_follow_up_calls(event, personas, client_for):
    came, missed = sign(event.shifts.get(), "Came"), sign(event.shifts.get(), "Missed")
    Shift.objects.filter(pk=came.shift_id).update(starts_at=timezone.now() - dt.timedelta(hours=3),
                                                  ends_at=timezone.now() - dt.timedelta(hours=1))
    client = client_for(personas.organizer)
    client.post(reverse("events:check-in", args=[event.pk, came.pk]))
    client.post(reverse("events:no-shows", args=[event.pk, came.shift_id]))
    missed.refresh_from_db()
    assert missed.attendance == "no_show"
    manage = client.get(reverse("events:manage", args=[event.pk])).content.decode()
    assert "Missed" in manage and "Call someone who did not come" in manage
    follow_up = FollowUp.objects.get(signup=missed)
    client.post(reverse("events:follow-up-done", args=[event.pk, follow_up.pk]), {"outcome": "Sick, coming next week"})
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None and follow_up.outcome == "Sick, coming next week"


def test_no_shows_before_the_shift_starts_is_refused(event, personas, client_for):
    sign(event.shifts.get(), "Early")
    client = client_for(personas.organizer)
    response = client.post(reverse("events:no-shows", args=[event.pk, event.shifts.get().pk]), follow=True)
    assert b"has not started yet" in response.content
    assert Signup.objects.get().attendance == ""


def test_volunteer_proposes_and_organizer_approves(org_tree, personas, client_for):
    volunteer = client_for(personas.volunteer)
    response = volunteer.post(reverse("events:event-new", args=[org_tree.north_team.slug]), {
        "title": "House party at Jo's", "kind": "house_party", "effort": "small", "mode": "in_person",
        "zip": "60614", "visibility": "public",
    })
    event = Event.objects.get()
    assert event.status == "pending" and response["Location"] == reverse("events:shifts", args=[event.pk])
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    volunteer.post(reverse("events:shifts", args=[event.pk]), {"day": day, "start": "19:00", "end": "21:00",
                                                               "weeks": "1"})
    assert event.shifts.count() == 1
    assert volunteer.get(reverse("events:manage", args=[event.pk])).status_code == 403
    # The shifts page leads the proposer back to the event's page, which they may open (not to manage: a 403).
    back = f'href="{reverse("events:event", args=[event.pk])}"'
    assert back in volunteer.get(reverse("events:shifts", args=[event.pk])).content.decode()
    assert volunteer.get(reverse("events:event", args=[event.pk])).status_code == 200
    manage = f'href="{reverse("events:manage", args=[event.pk])}"'
    assert manage in client_for(personas.organizer).get(reverse("events:shifts", args=[event.pk])).content.decode()
    organizer = client_for(personas.organizer)
    listing = organizer.get(reverse("events:team-events", args=[org_tree.north_team.slug]))
    assert b"Waiting for your approval" in listing.content and b"House party" in listing.content
    organizer.post(reverse("events:approve", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == "published" and event.approved_by_id == personas.organizer.pk


def test_duplicate_copies_details_and_moves_shifts_a_week(event, personas, client_for):
    client = client_for(personas.organizer)
    client.post(reverse("events:duplicate", args=[event.pk]))
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.title == event.title and copy.copied_from_id == event.pk
    assert copy.shifts.get().starts_at - event.shifts.get().starts_at == dt.timedelta(days=7)
    assert not copy.signups.exists()


def test_cancel_tells_everyone_and_links_say_so(event, personas, client_for, mailoutbox,
                                                 django_capture_on_commit_callbacks):
    sign(event.shifts.get(), "Ines")
    mailoutbox.clear()
    client = client_for(personas.organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:cancel", args=[event.pk]), {"reason": "Venue flooded"})
    event.refresh_from_db()
    assert event.is_cancelled
    assert any("ines@example.test" in m.to and "Venue flooded" in m.body for m in mailoutbox)


def test_volunteer_cannot_manage_and_other_branch_cannot_see(event, personas, client_for, org_tree):
    assert client_for(personas.volunteer).get(reverse("events:roster", args=[event.pk])).status_code == 403
    south = make_event(actor_for(personas.admin), org_tree.south_team)
    assert client_for(personas.organizer).get(reverse("events:manage", args=[south.pk])).status_code == 404


def test_editing_an_event_saves_the_change_and_audits_it(event, personas, client_for):
    from groundswell.audit.models import AuditEntry

    client = client_for(personas.organizer)
    form = client.get(reverse("events:edit", args=[event.pk]))
    assert b"Canvass launch" in form.content
    response = client.post(reverse("events:edit", args=[event.pk]), {
        "title": "Canvass launch (new time)", "kind": "canvass", "effort": "medium", "mode": "in_person",
        "zip": "60614", "address1": "2430 N Cannon Dr", "visibility": "public", "time_zone": "America/Chicago",
    })
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Canvass launch (new time)" and event.effort == "medium"
    assert AuditEntry.objects.filter(action="events.event.updated").exists()
