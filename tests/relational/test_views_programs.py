"""Captain programs and the organizer's relational pages, through the Django test client: a captain enrols,
builds a list, guesses, commits and never sees the held-out half; an organizer creates a program, sees the
captains, schedules check-ins, imports ballot files and reads the evaluation; team pages show counts and
shared details only."""

import datetime as dt
import html
import re
import uuid

import pytest
from django.urls import reverse

from groundswell.people.models import Vote
from groundswell.relational.models import (
    BallotImport,
    CaptainCheckIn,
    CaptainPerson,
    Program,
    Relationship,
    RelationshipPoint,
)
from groundswell.relational.selectors import captain_people
from groundswell.relational.services_ballots import ballot_import
from groundswell.relational.services_contacts import relationship_create
from groundswell.relational.services_conversations import conversation_log
from groundswell.relational.services_programs import captain_commit
from tests import factories
from tests.conftest import actor_for
from tests.relational.helpers import captain_with_list, matched_contacts, program


def url(name: str, *args) -> str:
    return reverse(f"relational:{name}", args=args)


def program_form(**overrides) -> dict:
    data = {"name": "Spring captains", "description": "Talk to ten friends", "election": "2026-general",
            "goal_min": "5", "goal_max": "15", "script": "Hi, it's me. Are you voting?", "materials": "",
            "evaluate": "on"}
    data.update(overrides)
    return data


def volunteer(org_tree, name: str):
    user = factories.user(full_name=name)
    factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    return user


def evaluated_program(organizer, team, *, name: str = "Turnout captains") -> Program:
    """A finished evaluated program on `team`: three captains committed to 6 people each (half held out at
    random), conversations with two treated people each, and a final turnout file where captain c's treated
    people voted c+1 of 3 and their held-out people 1 of 3 for the middle captain, else 0 — so the effect
    differs by captain and its clustered standard error is not zero."""
    prog = program(organizer, team, name=name, goal_min=6, goal_max=10)
    voters = []
    for c, full_name in enumerate(("Cam Captain", "Dee Captain", "Eli Captain")):
        user = factories.user(full_name=full_name)
        factories.membership(team, "volunteer", user_obj=user)
        actor = actor_for(user)
        captain = captain_with_list(actor, prog, team, 6, prefix=f"K{c}-")
        captain_commit(actor=actor, captain=captain)
        for entry in list(captain_people(captain))[:2]:
            conversation_log(actor=actor, relationship=entry.relationship, client_uuid=uuid.uuid4())
        entries = list(captain.people.select_related("person").order_by("id"))
        treated, control = [e for e in entries if e.arm == "treatment"], [e for e in entries if e.arm == "control"]
        voters += [e.person.external_ids.get().value for e in treated[:c + 1] + control[:c % 2]]
    ballot_import(actor=actor_for(organizer), program=prog, kind="final", file_name="turnout.csv",
                  data=("voter_id,voted\n" + "".join(f"{v},1\n" for v in voters)).encode())
    prog.refresh_from_db()
    return prog


@pytest.fixture
def evaluated(personas, org_tree) -> Program:
    return evaluated_program(personas.organizer, org_tree.north)


# ------------------------------------------------------------------------------------------ index and new


def test_program_index_lists_programs_and_offers_organizers_a_new_one(personas, org_tree, client_for):
    prog = program(personas.organizer, org_tree.north, name="Fall captains")
    as_volunteer = client_for(personas.volunteer).get(url("program-index")).content.decode()
    assert "Fall captains" in as_volunteer and url("program-detail", prog.pk) in as_volunteer
    assert "Start a program" not in as_volunteer
    as_organizer = client_for(personas.organizer).get(url("program-index")).content.decode()
    assert "Start a program" in as_organizer and url("program-new", org_tree.north.slug) in as_organizer
    assert "Fall captains" not in client_for(personas.outsider).get(url("program-index")).content.decode()


def test_an_organizer_creates_a_program(personas, org_tree, client_for):
    client = client_for(personas.organizer)
    page = client.get(url("program-new", org_tree.north.slug))
    assert page.status_code == 200 and 'value="2026-general"' in page.content.decode()
    response = client.post(url("program-new", org_tree.north.slug), program_form())
    prog = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == url("program-detail", prog.pk)
    assert (prog.name, prog.team, prog.goal_min, prog.goal_max, prog.evaluate) == (
        "Spring captains", org_tree.north, 5, 15, True)
    assert prog.seed is not None and prog.status == "draft"
    page = client.get(response["Location"]).content.decode()
    assert "Created “Spring captains”" in page and f"Randomization seed {prog.seed}" in page


@pytest.mark.parametrize("overrides, field", [
    ({"name": ""}, "name"),
    ({"election": "General Election!"}, "election"),
    ({"goal_min": "12", "goal_max": "3"}, "goal_max"),
    ({"goal_max": "500"}, "goal_max"),
    ({"goal_min": "lots"}, "goal_min"),
])
def test_a_bad_program_comes_back_with_field_errors_and_is_not_saved(personas, org_tree, client_for,
                                                                     overrides, field):
    response = client_for(personas.organizer).post(url("program-new", org_tree.north.slug), program_form(**overrides))
    assert response.status_code in (200, 422)
    errors = response.context["form"].errors
    assert field in errors, errors
    assert "field-error" in response.content.decode()
    assert not Program.objects.exists()


@pytest.mark.parametrize("who", ["volunteer", "leader", "analyst"])
def test_only_organizers_create_programs(personas, org_tree, client_for, who):
    client = client_for(getattr(personas, who))
    assert client.get(url("program-new", org_tree.north.slug)).status_code in (403, 404)
    assert client.post(url("program-new", org_tree.north.slug), program_form()).status_code in (403, 404)
    assert not Program.objects.exists()


def test_organizers_schedule_key_dates_and_open_enrolment(personas, org_tree, client_for):
    prog = program(personas.organizer, org_tree.north)
    Program.objects.filter(pk=prog.pk).update(status="draft")
    client = client_for(personas.organizer)
    client.post(url("program-date-add", prog.pk), {"kind": "election", "label": "", "date": "2026-11-03"})
    bad = client.post(url("program-date-add", prog.pk), {"kind": "election", "date": "someday"}, follow=True)
    assert "Key date not added" in bad.content.decode()
    client.post(url("program-status", prog.pk), {"status": "enrolling"})
    prog.refresh_from_db()
    assert prog.status == "enrolling" and [d.kind for d in prog.dates.all()] == ["election"]
    assert "Tue 3 Nov" in client.get(url("program-detail", prog.pk)).content.decode()
    assert client_for(personas.volunteer).post(url("program-status", prog.pk), {"status": "draft"}).status_code in (
        403, 404)
    prog.refresh_from_db()
    assert prog.status == "enrolling"


# -------------------------------------------------------------------------------------------- the captain


def test_a_captain_enrols_builds_a_list_predicts_and_commits(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=6, goal_max=8)
    contacts = matched_contacts(vol, org_tree.north, 6)  # first names CV0…CV5
    client = client_for(personas.volunteer)
    page = client.get(url("program-detail", prog.pk)).content.decode()
    assert "Join as a captain" in page

    page = html.unescape(client.post(url("program-enrol", prog.pk), follow=True).content.decode())
    assert "You're a captain of Turnout captains" in page
    assert all(f'value="{c.pk}"' in page for c in contacts)  # the people to pick from
    nothing = client.post(url("captain-add", prog.pk), {}, follow=True).content.decode()
    assert "Tick the people you want on your list first." in nothing
    early = client.post(url("captain-commit", prog.pk), follow=True).content.decode()
    assert "Add at least 6 people before you commit" in early

    page = client.post(url("captain-add", prog.pk), {"relationship": [c.pk for c in contacts]},
                       follow=True).content.decode()
    assert "Added 6 to your list." in page and "6 of 6–8 people." in page
    entries = {e.relationship.first_name: e for e in CaptainPerson.objects.select_related("relationship")}
    response = client.post(url("entry-predict", entries["CV0"].pk), {"prediction": "yes"})
    assert response.status_code == 302 and response["Location"].endswith(f"#entry-{entries['CV0'].pk}")
    client.post(url("entry-predict", entries["CV1"].pk), {"prediction": "perhaps"})
    assert [e.prediction for e in CaptainPerson.objects.order_by("relationship__first_name")][:2] == ["yes", ""]

    page = client.post(url("captain-commit", prog.pk), follow=True).content.decode()
    assert "Your list is locked" in page
    arms = {e.relationship.first_name: e.arm for e in CaptainPerson.objects.select_related("relationship")}
    held_out = sorted(name for name, arm in arms.items() if arm == "control")
    shown = sorted(name for name, arm in arms.items() if arm == "treatment")
    assert len(held_out) == len(shown) == 3
    assert "3 of your people are held out at random" in page
    assert all(name in page for name in shown)
    assert not any(name in page for name in held_out), held_out
    assert "Add from my people" not in page and "I will talk to each of them" not in page

    control = CaptainPerson.objects.filter(arm="control").first()
    assert client.post(url("entry-predict", control.pk), {"prediction": "no"}).status_code == 404
    assert client.post(url("entry-remove", control.pk), follow=True).status_code == 200
    assert CaptainPerson.objects.count() == 6  # locked: nobody leaves the list


def test_a_full_list_takes_no_more_and_says_so(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=1, goal_max=2, evaluate=False)
    contacts = matched_contacts(vol, org_tree.north, 3)
    client = client_for(personas.volunteer)
    client.post(url("program-enrol", prog.pk))
    page = client.post(url("captain-add", prog.pk), {"relationship": [c.pk for c in contacts]},
                       follow=True).content.decode()
    assert "Your list is full (2 people)." in page and "Added 2 to your list." in page
    assert CaptainPerson.objects.count() == 2


def test_enrolling_in_a_draft_program_is_refused_with_a_message(personas, org_tree, client_for):
    prog = program(personas.organizer, org_tree.north)
    Program.objects.filter(pk=prog.pk).update(status="draft")
    page = client_for(personas.volunteer).post(url("program-enrol", prog.pk), follow=True).content.decode()
    assert "is not taking captains (draft)" in page and not prog.captains.exists()


def test_a_logged_conversation_from_the_program_counts_for_it(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=2, evaluate=False)
    captain = captain_with_list(vol, prog, org_tree.north, 2)
    entry = captain.people.select_related("relationship").first()
    response = client_for(personas.volunteer).post(url("conversation-add", entry.relationship_id), {
        "client_uuid": str(uuid.uuid4()), "outcome": "talked", "channel": "text", "commitment": "vote",
        "program": prog.pk, "next": f"/programs/{prog.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/programs/{prog.pk}/"
    assert entry.relationship.conversations.get().program == prog
    page = client_for(personas.volunteer).get(url("program-detail", prog.pk)).content.decode()
    assert "Talked — not voted yet" in page


def test_another_volunteer_cannot_touch_a_captains_entries(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=2, evaluate=False)
    entry = captain_with_list(vol, prog, org_tree.north, 2).people.first()
    client = client_for(volunteer(org_tree, "Wen Volunteer"))
    assert client.post(url("entry-predict", entry.pk), {"prediction": "yes"}).status_code == 404
    assert client.post(url("entry-remove", entry.pk)).status_code == 404
    assert client.post(url("captain-commit", prog.pk)).status_code == 404
    assert client.get(url("captain-detail", entry.captain_id)).status_code == 404
    entry.refresh_from_db()
    assert entry.prediction == "" and CaptainPerson.objects.count() == 2


# ------------------------------------------------------------------------------------------- the organizer


def test_the_organizer_sees_the_captain_table_and_no_list_of_their_own(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=3)
    captain = captain_with_list(vol, prog, org_tree.north, 3)
    page = client_for(personas.organizer).get(url("program-detail", prog.pk)).content.decode()
    assert "Captains <small>1</small>" in page
    assert url("captain-detail", captain.pk) in page and "Val Volunteer" in page
    assert re.search(r'<td class="n">3</td>', page)  # listed
    assert "Run the program" in page and url("program-ballots", prog.pk) in page
    assert "CV0" not in page  # the captain's people stay the captain's
    assert "Captains <small>" not in client_for(personas.volunteer).get(url("program-detail", prog.pk)).content.decode()


def test_the_organizer_schedules_and_records_a_check_in(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=3)
    captain = captain_with_list(vol, prog, org_tree.north, 3)
    client = client_for(personas.organizer)
    page = client.get(url("captain-detail", captain.pk)).content.decode()
    assert "Val Volunteer" in page and "None yet." in page and "Schedule a check-in" in page
    page = client.post(url("checkin-add", captain.pk), {"scheduled_for": "2026-10-20T18:30"},
                       follow=True).content.decode()
    check_in = CaptainCheckIn.objects.get()
    assert org_tree.north.time_zone == "America/New_York"  # the time typed is the team's clock, stored in UTC
    assert check_in.scheduled_for == dt.datetime(2026, 10, 20, 22, 30, tzinfo=dt.UTC)
    assert "Check-in scheduled." in page and "Tue 20 Oct, 18:30 EDT" in page and "America/New_York" in page
    assert url("checkin-record", captain.pk, check_in.pk) in page
    empty = client.post(url("checkin-record", captain.pk, check_in.pk), {"notes": " "}, follow=True)
    assert "Write a line about how it went." in empty.content.decode()
    client.post(url("checkin-record", captain.pk, check_in.pk), {"notes": "Talked to 2, blocked on 1"})
    check_in.refresh_from_db()
    assert check_in.held_at is not None
    page = client.get(url("captain-detail", captain.pk)).content.decode()
    assert "Talked to 2, blocked on 1" in page and url("checkin-record", captain.pk, check_in.pk) not in page
    bad = client.post(url("checkin-add", captain.pk), {"scheduled_for": "next week"}, follow=True)
    assert "Choose a date and time" in bad.content.decode() and CaptainCheckIn.objects.count() == 1


def test_a_captain_sees_their_own_page_but_cannot_schedule(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=3)
    captain = captain_with_list(vol, prog, org_tree.north, 3)
    client = client_for(personas.volunteer)
    page = client.get(url("captain-detail", captain.pk)).content.decode()
    assert "Schedule a check-in" not in page
    assert client.post(url("checkin-add", captain.pk), {"scheduled_for": "2026-10-20T18:30"}).status_code == 403
    assert not CaptainCheckIn.objects.exists()


def test_ballot_files_good_bad_and_the_error_file(personas, org_tree, vol, client_for, tmp_path):
    prog = program(personas.organizer, org_tree.north, goal_min=3, evaluate=False)
    captain_with_list(vol, prog, org_tree.north, 3)
    client = client_for(personas.organizer)
    assert 'enctype="multipart/form-data"' in client.get(url("program-ballots", prog.pk)).content.decode()
    good = tmp_path / "early.csv"
    good.write_bytes(b"voter_id\nV0\nV2\nNOPE\n")
    with good.open("rb") as upload:
        response = client.post(url("program-ballots", prog.pk), {"kind": "early", "file": upload}, follow=True)
    page = response.content.decode()
    assert "early.csv: 3 rows, 2 voted, 1 rejected." in page
    job = BallotImport.objects.get()
    errors_url = url("ballot-errors", prog.pk, job.pk)
    assert errors_url in page
    assert Vote.objects.filter(election="2026-general").count() == 2
    error_file = client.get(errors_url)
    assert error_file["Content-Type"].startswith("text/csv")
    assert "NOPE" in error_file.content.decode() and "no one in the voter file" in error_file.content.decode()
    captain_page = client_for(personas.volunteer).get(url("program-detail", prog.pk)).content.decode()
    assert captain_page.count("Voted ✓") == 2

    bad = tmp_path / "notes.csv"
    bad.write_bytes(b"name,age\nAnn,3\n")
    with bad.open("rb") as upload:
        response = client.post(url("program-ballots", prog.pk), {"kind": "early", "file": upload})
    assert response.status_code == 422
    assert "no voter id column" in " ".join(response.context["form"].errors["file"])
    assert "field-error" in response.content.decode() and BallotImport.objects.count() == 1
    missing = client.post(url("program-ballots", prog.pk), {"kind": "early"})
    assert missing.status_code == 422 and "file" in missing.context["form"].errors


def test_volunteers_cannot_import_ballots_or_read_the_error_file(personas, org_tree, client_for):
    prog = program(personas.organizer, org_tree.north)
    client = client_for(personas.volunteer)
    assert client.get(url("program-ballots", prog.pk)).status_code == 404
    assert client.get(url("ballot-errors", prog.pk, 999)).status_code == 404
    assert client_for(personas.organizer).get(url("ballot-errors", prog.pk, 999)).status_code == 404


def test_the_report_shows_the_evaluation_after_the_turnout_file(personas, evaluated, client_for):
    response = client_for(personas.organizer).get(url("program-report", evaluated.pk))
    assert response.status_code == 200
    report = response.context["report"]
    ev = report.evaluation
    assert ev is not None, report.evaluation_problem
    page = response.content.decode()
    assert f"n = {ev.n_treated}" in page and f"n = {ev.n_control}" in page and ev.n_treated == ev.n_control == 9
    assert f'<td class="n" id="itt">{ev.itt:.3f}</td>' in page
    assert ev.se > 0 and f"SE {ev.se:.3f}" in page and f"{ev.ci_low:.3f} to {ev.ci_high:.3f}" in page
    assert "complier effect" in page and f"{ev.cace:.3f}" in page
    assert '<svg viewBox="0 0 320 180" role="img"' in page
    assert f"clustered by captain ({ev.n_clusters} captains)" in page
    assert all(name in page for name in ("Cam Captain", "Dee Captain", "Eli Captain"))


def test_the_report_waits_for_the_turnout_file_and_is_for_reporters_only(personas, org_tree, vol, client_for):
    prog = program(personas.organizer, org_tree.north, goal_min=3)
    captain_commit(actor=vol, captain=captain_with_list(vol, prog, org_tree.north, 3))
    page = client_for(personas.analyst).get(url("program-report", prog.pk)).content.decode()
    assert "Import the final turnout file" in page and 'id="itt"' not in page
    assert client_for(personas.volunteer).get(url("program-report", prog.pk)).status_code == 404
    assert client_for(personas.outsider).get(url("program-report", prog.pk)).status_code == 404


# ------------------------------------------------------------------------------------------------- teams


def test_team_relational_summary_shows_counts_and_shared_details_only(personas, org_tree, vol, client_for):
    shared, _ = relationship_create(actor=vol, first_name="Sharon", last_name="Shared", phones=[("312-555-0161", True)],
                                    find_match=False)
    hidden, _ = relationship_create(actor=vol, first_name="Priya", last_name="Private",
                                    phones=[("312-555-0162", False)], emails=[("priya@example.org", False)],
                                    find_match=False)
    matched = matched_contacts(vol, org_tree.north_team, 1, prefix="M")[0]  # voter "PM0 Voter"
    conversation_log(actor=vol, relationship=matched, client_uuid=uuid.uuid4())
    response = client_for(personas.organizer).get(url("team-relational", org_tree.north.slug))
    assert response.status_code == 200
    assert response.context["summary"] == {"contacts": 3, "matched": 1, "waiting": 0, "not_in_file": 2,
                                           "talked": 1, "volunteers": 1, "invited": 0}
    page = response.content.decode()
    assert "<strong>3</strong> people listed" in page and "<strong>1</strong> talked to" in page
    assert "Val Volunteer" in page  # the by-volunteer table
    assert "+13125550161" in page and "Sharon" in page
    assert "Pm0 Voter" in page  # matched: the organizer already holds this person
    for private in ("+13125550162", "5550162", "priya@example.org", "Priya", "Private"):
        assert private not in page, private
    assert RelationshipPoint.objects.filter(relationship=hidden).count() == 2


def test_team_relational_is_for_reporters_of_that_branch(personas, org_tree, client_for):
    assert client_for(personas.volunteer).get(url("team-relational", org_tree.north_team.slug)).status_code in (
        403, 404)
    assert client_for(personas.organizer).get(url("team-relational", org_tree.south.slug)).status_code in (403, 404)
    assert client_for(personas.outsider).get(url("team-relational", org_tree.north.slug)).status_code == 404


def test_the_recruitment_tree_shows_who_brought_whom(personas, org_tree, client_for):
    ana = volunteer(org_tree, "Ana Recruiter")
    ben = factories.user(full_name="Ben Recruit")
    factories.membership(org_tree.north_team, "volunteer", user_obj=ben, recruited_by=ana)
    cy = factories.user(full_name="Cy Recruit")
    factories.membership(org_tree.north_team, "volunteer", user_obj=cy, recruited_by=ben)
    relationship_create(actor=actor_for(cy), first_name="Dana", find_match=False)
    response = client_for(personas.organizer).get(url("team-recruitment", org_tree.north.slug))
    assert response.status_code == 200
    tree = response.context["tree"]
    depth = {n.name: n.depth for n in tree.rows}
    assert (depth["Ana Recruiter"], depth["Ben Recruit"], depth["Cy Recruit"]) == (0, 1, 2)
    page = response.content.decode()
    assert "deepest chain <strong>2</strong>" in page
    assert re.search(r"Ana Recruiter.*Ben Recruit.*Cy Recruit", page, re.S)
    assert "reached 0 of 1" in page
    assert client_for(personas.volunteer).get(url("team-recruitment", org_tree.north_team.slug)).status_code in (
        403, 404)


def test_contacts_of_a_volunteer_do_not_show_up_for_an_outsider_anywhere(personas, org_tree, vol, client_for):
    relationship_create(actor=vol, first_name="Sharon", phones=[("312-555-0161", True)], find_match=False)
    client = client_for(personas.outsider)
    assert client.get(url("team-relational", org_tree.north.slug)).status_code == 404
    assert "Sharon" not in client.get(url("program-index")).content.decode()
    assert Relationship.objects.count() == 1
