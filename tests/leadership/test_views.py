"""The leadership pages as their users use them: scheduling and recording a one-on-one (with field errors and
nothing saved), the pipeline and placing people, moving someone, follow-ups on the home page, check-ins,
the library with a file."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from groundswell.events.models import Signup
from groundswell.leadership.models import CheckIn, Commitment, LadderPlacement, Material, OneOnOne
from groundswell.leadership.services_ladder import person_place
from groundswell.orgs.models import Membership
from tests import factories
from tests.events.helpers import make_event


def local(value: dt.datetime, zone: str) -> str:
    """A time as a datetime-local input sends it, on the team's clock."""
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def test_a_leader_schedules_a_one_on_one_with_a_member_on_the_team_clock(org_tree, personas, client_for):
    team = org_tree.north_team
    client = client_for(personas.leader)
    page = client.get(f"/teams/{team.slug}/one-on-ones/new/")
    assert "Val Volunteer" in page.content.decode()
    response = client.post(f"/teams/{team.slug}/one-on-ones/new/", {
        "member": personas.volunteer.pk, "scheduled_for": "2031-03-04T18:30", "medium": "phone", "place": "",
        "attention": "Get to know her"})
    meeting = OneOnOne.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/one-on-ones/{meeting.pk}/"
    assert meeting.person.user == personas.volunteer
    # 18:30 typed on the team's clock is 18:30 in its zone, stored in UTC.
    assert meeting.scheduled_for.astimezone(ZoneInfo(team.time_zone)).strftime("%H:%M") == "18:30"


def test_recording_with_bad_input_shows_field_errors_and_saves_nothing(org_tree, personas, client_for):
    team = org_tree.north_team
    client = client_for(personas.organizer)
    response = client.post(f"/teams/{team.slug}/one-on-ones/new/?mode=record", {
        "member": personas.volunteer.pk, "held_at": "2020-01-01T10:00", "medium": "in_person",
        "commitment": "Host a house party", "commitment_due": "", "values": "x" * 90})
    assert response.status_code == 422
    form = response.context["form"]
    assert "commitment_due" in form.errors and "values" in form.errors
    assert not OneOnOne.objects.exists() and not Commitment.objects.exists()


def test_a_forged_person_outside_the_scope_is_a_field_error(org_tree, personas, client_for):
    stranger = factories.person(org_tree.south_team)
    client = client_for(personas.organizer)
    response = client.post(f"/teams/{org_tree.north.slug}/one-on-ones/new/?person={stranger.pk}", {
        "scheduled_for": "2031-03-04T18:30", "medium": "phone"})
    assert response.status_code == 422
    assert response.context["person_error"]
    assert not OneOnOne.objects.exists()
    sibling_member = factories.membership(org_tree.south_team, "volunteer").user
    response = client.post(f"/teams/{org_tree.north.slug}/one-on-ones/new/", {
        "member": sibling_member.pk, "scheduled_for": "2031-03-04T18:30", "medium": "phone"})
    assert response.status_code == 422 and not OneOnOne.objects.exists()


def test_recording_a_scheduled_one_on_one_makes_the_follow_up_and_shows_on_home(org_tree, personas, client_for):
    team = org_tree.north_team
    client = client_for(personas.organizer)
    client.post(f"/teams/{team.slug}/one-on-ones/new/", {"member": personas.volunteer.pk,
                                                          "scheduled_for": "2031-03-04T18:30", "medium": "phone"})
    meeting = OneOnOne.objects.get()
    yesterday = timezone.now() - dt.timedelta(days=1)
    response = client.post(f"/one-on-ones/{meeting.pk}/", {
        "held_at": local(yesterday - dt.timedelta(days=1), team.time_zone), "values": "faith, family",
        "commitment": "Bring two neighbours to the canvass",
        # Yesterday where the organizer reads the page (their team's zone): by UTC's date it may still be today there.
        "commitment_due": (timezone.localtime(timezone=ZoneInfo(team.time_zone)).date()
                           - dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    home = client.get("/").content.decode()
    assert "1 overdue follow-up" in home and "Bring two neighbours" in home
    client.post(f"/commitments/{commitment.pk}/resolve/", {"kept": "1"})
    assert Commitment.objects.get().status == "kept"
    assert "overdue follow-up" not in client.get("/").content.decode()


def test_the_pipeline_suggests_who_is_ready_to_lead(org_tree, personas, client_for, organizer, val, stages):
    team = org_tree.north_team
    person_place(actor=organizer, person=val, team=team, stage=stages["Active volunteer"])
    for days in (3, 4, 5):
        event = make_event(organizer, team, days=days)
        Signup.objects.create(shift=event.shifts.get(), event=event, person=val, user=personas.volunteer,
                              attendance=Signup.Attendance.ATTENDED)
    page = client_for(personas.leader).get(f"/teams/{team.slug}/leadership/")
    assert page.context["board"].ready == []  # three events, but nobody brought in yet
    Membership.objects.create(user=factories.user(), team=team, recruited_by=personas.volunteer)
    page = client_for(personas.leader).get(f"/teams/{team.slug}/leadership/")
    assert [card.person for card in page.context["board"].ready] == [val]
    assert "ready to lead" in page.content.decode()


def test_unplaced_members_are_placed_from_the_pipeline(org_tree, personas, client_for, stages):
    team = org_tree.north_team
    client = client_for(personas.leader)
    page = client.get(f"/teams/{team.slug}/leadership/")
    assert personas.volunteer in [m.user for m in page.context["board"].unplaced]
    client.post(f"/teams/{team.slug}/leadership/place/", {"member": personas.volunteer.pk,
                                                          "stage": stages["Volunteer"].pk})
    placement = LadderPlacement.objects.get()
    assert (placement.person.user, placement.stage.name) == (personas.volunteer, "Volunteer")
    page = client.get(f"/teams/{team.slug}/leadership/")
    assert personas.volunteer not in [m.user for m in page.context["board"].unplaced]


def test_moving_someone_up_from_their_page(org_tree, personas, client_for, val, stages):
    client = client_for(personas.organizer)
    response = client.post(f"/leadership/people/{val.pk}/move/", {"team": org_tree.north_team.pk,
                                                                  "stage": stages["Leader"].pk, "note": "Ready"})
    assert response.status_code == 302
    assert LadderPlacement.objects.get(person=val).stage.name == "Leader"
    page = client.get(f"/leadership/people/{val.pk}/").content.decode()
    assert "Leader" in page and "Ready" in page
    # a team outside the actor's reach is not found, and nothing moves
    assert client.post(f"/leadership/people/{val.pk}/move/", {"team": org_tree.south.pk,
                                                              "stage": stages["Organizer"].pk}).status_code == 404
    assert LadderPlacement.objects.get(person=val).stage.name == "Leader"


def test_a_check_in_from_its_page(org_tree, personas, client_for):
    team = org_tree.north_team
    client = client_for(personas.leader)
    url = f"/teams/{team.slug}/check-ins/new/?member={personas.volunteer.pk}"
    bad = client.post(url, {"held_at": "2026-01-02T10:00"})
    assert bad.status_code == 422 and not CheckIn.objects.exists()
    ok = client.post(url, {"held_at": "2026-01-02T10:00", "went_well": "Led her first canvass"})
    assert ok.status_code == 302 and CheckIn.objects.get().member == personas.volunteer
    assert client.get(f"/teams/{team.slug}/check-ins/new/?member=999999").status_code == 404
    assert client.get(f"/teams/{team.slug}/check-ins/new/?member=abc").status_code == 404


def test_a_material_with_a_file_is_served_to_members_only(org_tree, personas, client_for):
    client = client_for(personas.organizer)
    response = client.post(f"/teams/{org_tree.north.slug}/library/new/", {
        "title": "Door script", "kind": "script", "summary": "What to say at the door",
        "file": SimpleUploadedFile("script.txt", b"Hi, I'm a volunteer with..."), "required_for": ["volunteer"]})
    material = Material.objects.get()
    assert response.status_code == 302
    volunteer = client_for(personas.volunteer)
    assert b"Hi, I'm a volunteer" in b"".join(volunteer.get(f"/materials/{material.pk}/file/").streaming_content)
    assert client_for(personas.outsider).get(f"/materials/{material.pk}/file/").status_code == 404
    assert "Door script" in volunteer.get("/my/trainings/").content.decode()
    # the region's library is above the volunteer: the page leads back to their own trainings, not to a 404
    page = volunteer.get(f"/materials/{material.pk}/").content.decode()
    assert f"/teams/{org_tree.north.slug}/library/" not in page and "/my/trainings/" in page
    volunteer.post(f"/materials/{material.pk}/done/", {"done": "1"})
    assert "badge-ready" in volunteer.get("/my/trainings/").content.decode()


def test_a_material_without_link_file_or_text_is_a_field_error(org_tree, personas, client_for):
    response = client_for(personas.organizer).post(f"/teams/{org_tree.north.slug}/library/new/", {
        "title": "Empty", "kind": "document"})
    assert response.status_code == 422 and "url" in response.context["form"].errors
    assert not Material.objects.exists()


def test_the_edit_form_starts_from_what_was_recorded(org_tree, personas, client_for, organizer, val):
    from groundswell.leadership.services_one_on_ones import Record, one_on_one_log

    meeting = one_on_one_log(actor=organizer, team=org_tree.north_team, person=val, record=Record(
        held_at=timezone.now(), exploration="Grew up on the block", values=["faith", "family"],
        commitment="Host a party", commitment_due=dt.date.today() + dt.timedelta(days=3)))
    form = client_for(personas.organizer).get(f"/one-on-ones/{meeting.pk}/?edit=1").context["form"]
    assert form["exploration"].value() == "Grew up on the block"
    assert form["values"].value() == "faith, family"
    assert form["commitment"].value() == "Host a party"


def test_someone_ready_to_lead_is_suggested_even_beyond_the_cards_shown(org_tree, personas, client_for, organizer,
                                                                        val, stages, monkeypatch):
    from groundswell.leadership import selectors

    monkeypatch.setattr(selectors, "PIPELINE_CARDS_PER_STAGE", 2)
    team = org_tree.north_team
    for _ in range(3):  # placed before Val: the stage's column shows only these longer-standing ones
        person_place(actor=organizer, person=factories.person(team), team=team, stage=stages["Active volunteer"])
    person_place(actor=organizer, person=val, team=team, stage=stages["Active volunteer"])
    for days in (3, 4, 5):
        event = make_event(organizer, team, days=days)
        Signup.objects.create(shift=event.shifts.get(), event=event, person=val, user=personas.volunteer,
                              attendance=Signup.Attendance.ATTENDED)
    Membership.objects.create(user=factories.user(), team=team, recruited_by=personas.volunteer)
    board = client_for(personas.leader).get(f"/teams/{team.slug}/leadership/").context["board"]
    column = next(c for c in board.columns if c.stage == stages["Active volunteer"])
    assert val not in [card.person for card in column.cards] and column.total == 4
    assert [card.person for card in board.ready] == [val] and board.ready_total == 1
