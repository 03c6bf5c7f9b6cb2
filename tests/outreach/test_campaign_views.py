"""The organizer's campaign pages: a team's campaigns, a new call campaign from a list, editing with field
errors, going live (and saying why not), the survey editor, the queue's reasons and the result codes."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.outreach.models import Campaign, Question, ResultCode, Target
from groundswell.outreach.result_codes import ensure_result_codes
from groundswell.people.models import ListMember
from tests import factories


@pytest.fixture
def team(org_tree) -> Team:
    """North Chapter: below the organizer's North Region, so the organizer may edit its scripts."""
    return org_tree.north_chapter


@pytest.fixture
def organizer(personas, client_for):
    return client_for(personas.organizer)


@pytest.fixture
def admin(personas, client_for):
    """The organization's admin: the one who may change its shared result codes."""
    return client_for(personas.admin)


def callable_person(team, n: int = 0, **fields):
    return factories.person(team, phones=[f"+1312555{n:04d}"], time_zone="America/Chicago", **fields)


def static_list(team, people):
    source = factories.people_list(team, kind="static", name="Chicago callers")
    ListMember.objects.bulk_create([ListMember(list=source, person=p) for p in people])
    return source


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# The team's campaigns

def test_the_team_page_lists_campaigns_with_status_list_targets_and_attempts(team, organizer, org_tree):
    live = factories.campaign(team, people=[callable_person(team, 1), callable_person(team, 2)], live=True,
                              name="Get out the vote")
    factories.campaign(org_tree.south, name="Southern drive")
    response = organizer.get(reverse("outreach:campaign-index", args=[team.slug]))
    assert response.status_code == 200
    text = response.text
    assert "Get out the vote" in text and "Southern drive" not in text
    assert "badge-live" in text and live.people_list.name in text
    assert "<strong>2</strong> targets" in text and "<strong>0</strong> attempts" in text
    assert reverse("outreach:campaign-new", args=[team.slug]) in text


def test_a_leader_sees_the_campaigns_but_not_the_new_button(org_tree, personas, client_for):
    factories.campaign(org_tree.north_team, name="Team calls")
    response = client_for(personas.leader).get(reverse("outreach:campaign-index", args=[org_tree.north_team.slug]))
    assert response.status_code == 200
    assert "Team calls" in response.text
    assert reverse("outreach:campaign-new", args=[org_tree.north_team.slug]) not in response.text


# Creating a campaign in a few clicks

def test_the_new_page_preselects_the_list_and_prefills_a_script_with_merge_fields(team, organizer):
    source = static_list(team, [])
    response = organizer.get(reverse("outreach:campaign-new", args=[team.slug]) + f"?list={source.pk}")
    assert response.status_code == 200
    assert re.search(rf'<option value="{source.pk}" selected>', response.text)
    assert "{first_name}" in response.text and "{volunteer_first_name}" in response.text
    assert "Hi Maria" in response.text  # the preview is filled for a sample contact


def test_a_list_of_another_team_is_not_preselected(team, organizer, org_tree):
    elsewhere = factories.people_list(org_tree.south)
    response = organizer.get(reverse("outreach:campaign-new", args=[team.slug]) + f"?list={elsewhere.pk}")
    assert response.status_code == 200
    assert f'value="{elsewhere.pk}"' not in response.text


def test_creating_a_campaign_makes_a_draft_call_campaign(team, organizer):
    source = static_list(team, [callable_person(team)])
    response = organizer.post(reverse("outreach:campaign-new", args=[team.slug]), {
        "name": "Weekend calls", "people_list": source.pk, "script": "Hi {first_name}!"})
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:campaign-detail", args=[campaign.pk])
    assert (campaign.name, campaign.team, campaign.people_list, campaign.channel, campaign.status) == (
        "Weekend calls", team, source, "call", "draft")


def test_an_empty_name_is_a_field_error_and_creates_nothing(team, organizer):
    source = static_list(team, [])
    response = organizer.post(reverse("outreach:campaign-new", args=[team.slug]),
                              {"name": "", "people_list": source.pk, "script": "Hi"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert "field-error" in response.text
    assert not Campaign.objects.exists()


def test_an_unknown_merge_field_is_an_error_on_the_script(team, organizer):
    source = static_list(team, [])
    response = organizer.post(reverse("outreach:campaign-new", args=[team.slug]),
                              {"name": "Typo", "people_list": source.pk, "script": "Hi {frist_name}"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "unknown merge field {frist_name}" in " ".join(errors["script"])
    assert "Unknown merge field" in response.text  # and the preview says so too
    assert not Campaign.objects.exists()


def test_a_list_of_another_team_cannot_be_chosen(team, organizer, org_tree):
    elsewhere = factories.people_list(org_tree.south)
    response = organizer.post(reverse("outreach:campaign-new", args=[team.slug]),
                              {"name": "Sneaky", "people_list": elsewhere.pk, "script": "Hi"})
    assert response.status_code == 400
    assert response.context["form"].errors["people_list"]
    assert not Campaign.objects.exists()


def test_a_leader_may_not_create_campaigns(org_tree, personas, client_for):
    response = client_for(personas.leader).get(reverse("outreach:campaign-new", args=[org_tree.north_team.slug]))
    assert response.status_code == 403


# The campaign page and the edit page

def test_the_campaign_page_shows_script_preview_survey_and_settings(team, organizer):
    campaign = factories.campaign(team, script="Hello {first_name} from {team_name}", window_start="10:00")
    Question.objects.create(campaign=campaign, key="support", prompt="Will you vote?", position=1,
                            choices=[{"value": "yes", "label": "Yes", "next": None}])
    response = organizer.get(reverse("outreach:campaign-detail", args=[campaign.pk]))
    assert response.status_code == 200
    assert f"Hello Maria from {team.name}" in response.text
    assert "Will you vote?" in response.text and "10:00–21:00" in response.text
    assert "Go live" in response.text


def test_the_edit_page_saves_the_settings(team, organizer):
    campaign = factories.campaign(team)
    data = {"name": "Renamed", "people_list": campaign.people_list_id, "script": "Hi {first_name}",
            "training": "", "event_link": "", "window_start": "10:00", "window_end": "20:00", "max_attempts": "2",
            "claim_minutes": "15", "max_open_claims": "1", "finish_open_first": "on"}
    response = organizer.post(reverse("outreach:campaign-edit", args=[campaign.pk]), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.name, str(campaign.window_start), campaign.max_attempts, campaign.claim_minutes) == (
        "Renamed", "10:00:00", 2, 15)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("window_start", "08:00", "calls may not start before 09:00"),
    ("window_end", "22:00", "calls may not go on after 21:00"),
    ("max_attempts", "0", "greater than or equal to 1"),
    ("script", "Hi {frist_name}", "unknown merge field {frist_name}"),
    ("name", "", "required"),
])
def test_the_edit_page_puts_bad_values_on_their_field_and_saves_nothing(team, organizer, field, value, message):
    campaign = factories.campaign(team, name="Before")
    data = {"name": "After", "people_list": campaign.people_list_id, "script": "Hi", "training": "",
            "event_link": "", "window_start": "09:00", "window_end": "21:00", "max_attempts": "3",
            "claim_minutes": "10", "max_open_claims": "1", field: value}
    response = organizer.post(reverse("outreach:campaign-edit", args=[campaign.pk]), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    campaign.refresh_from_db()
    assert campaign.name == "Before"


def test_the_script_preview_fills_merge_fields_and_names_unknown_ones(team, organizer):
    campaign = factories.campaign(team)
    response = organizer.post(reverse("outreach:campaign-preview", args=[campaign.pk]),
                              {"script": "Hi {first_name} in {city}, {frist_name}"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Hi Maria in Springfield" in response.text
    assert "Unknown merge field" in response.text and "frist_name" in response.text


# Going live, pausing, resuming, finishing

def test_going_live_with_an_empty_list_says_why_and_stays_draft(team, organizer):
    campaign = factories.campaign(team, people=[])
    response = organizer.post(reverse("outreach:campaign-status", args=[campaign.pk]), {"action": "live"},
                              follow=True)
    assert "the list has nobody in it" in response.text
    campaign.refresh_from_db()
    assert campaign.status == "draft"


def test_going_live_without_a_script_says_why(team, organizer):
    campaign = factories.campaign(team, people=[callable_person(team)], script="")
    response = organizer.post(reverse("outreach:campaign-status", args=[campaign.pk]), {"action": "live"},
                              follow=True)
    assert "write a script before going live" in " ".join(messages_of(response))
    campaign.refresh_from_db()
    assert campaign.status == "draft"


def test_go_live_pause_resume_and_done(team, organizer):
    campaign = factories.campaign(team, people=[callable_person(team, 1), callable_person(team, 2)])
    url = reverse("outreach:campaign-status", args=[campaign.pk])
    response = organizer.post(url, {"action": "live"}, follow=True)
    assert "2 people added from the list." in response.text
    campaign.refresh_from_db()
    assert campaign.status == "live" and campaign.targets.count() == 2
    for action, status in [("pause", "paused"), ("resume", "live"), ("done", "done")]:
        assert organizer.post(url, {"action": action}).status_code == 302
        campaign.refresh_from_db()
        assert campaign.status == status


def test_an_unknown_status_action_changes_nothing(team, organizer):
    campaign = factories.campaign(team, people=[callable_person(team)], live=True)
    response = organizer.post(reverse("outreach:campaign-status", args=[campaign.pk]), {"action": "explode"},
                              follow=True)
    assert "choose go live, pause, resume or done" in response.text
    campaign.refresh_from_db()
    assert campaign.status == "live"


def test_a_leader_cannot_change_the_status(org_tree, personas, client_for):
    campaign = factories.campaign(org_tree.north_team, people=[callable_person(org_tree.north_team)], live=True)
    response = client_for(personas.leader).post(reverse("outreach:campaign-status", args=[campaign.pk]),
                                                {"action": "pause"})
    assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == "live"


# The survey editor

def test_adding_a_question_with_choices_and_branching(team, organizer):
    campaign = factories.campaign(team)
    Question.objects.create(campaign=campaign, key="intro", prompt="Intro", kind="text", position=1)
    response = organizer.post(reverse("outreach:question-new", args=[campaign.pk]), {
        "prompt": "Will you vote?", "key": "support", "kind": "single",
        "choices": "yes | Yes, for sure | 1\nno\n\nunsure | Not sure", "required": "on"})
    assert response.status_code == 302
    question = Question.objects.get(key="support")
    assert question.required and question.position == 2
    assert question.choices == [{"value": "yes", "label": "Yes, for sure", "next": 1},
                                {"value": "no", "label": "no", "next": None},
                                {"value": "unsure", "label": "Not sure", "next": None}]


@pytest.mark.parametrize(("choices", "field", "message"), [
    ("yes | Yes | 7", "choices", "goes to question 7, which does not exist"),
    ("yes | Yes | two", "choices", "the next question must be a number"),
    ("yes\nyes", "choices", "appears twice"),
    ("", "choices", "needs at least one choice"),
])
def test_bad_choices_are_errors_on_the_choices_field(team, organizer, choices, field, message):
    campaign = factories.campaign(team)
    response = organizer.post(reverse("outreach:question-new", args=[campaign.pk]),
                              {"prompt": "Vote?", "key": "support", "kind": "single", "choices": choices})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Question.objects.exists()


def test_a_question_key_used_twice_is_a_field_error(team, organizer):
    campaign = factories.campaign(team)
    Question.objects.create(campaign=campaign, key="support", prompt="Vote?", kind="text")
    response = organizer.post(reverse("outreach:question-new", args=[campaign.pk]),
                              {"prompt": "Again?", "key": "support", "kind": "text"})
    assert response.status_code == 400
    assert "already uses the key" in " ".join(response.context["form"].errors["key"])


def test_editing_and_deleting_a_question(team, organizer):
    campaign = factories.campaign(team)
    question = Question.objects.create(campaign=campaign, key="support", prompt="Vote?", position=1,
                                       choices=[{"value": "yes", "label": "Yes", "next": None}])
    url = reverse("outreach:question-edit", args=[campaign.pk, question.pk])
    assert "yes | Yes" in organizer.get(url).text
    response = organizer.post(url, {"prompt": "Will you vote?", "key": "support", "kind": "multiple",
                                    "choices": "yes | Yes\nmaybe | Maybe"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.prompt == "Will you vote?" and question.choice_values() == ["yes", "maybe"]
    organizer.post(reverse("outreach:question-delete", args=[campaign.pk, question.pk]))
    assert not Question.objects.exists()


def test_a_question_of_another_campaign_is_not_found(team, organizer, org_tree):
    mine = factories.campaign(team)
    theirs = factories.campaign(org_tree.south)
    question = Question.objects.create(campaign=theirs, key="support", prompt="Vote?", kind="text")
    response = organizer.post(reverse("outreach:question-delete", args=[mine.pk, question.pk]))
    assert response.status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


# The queue: why is this person not in the queue now?

def test_the_queue_counts_each_reason_and_links_to_the_people_it_counts(team, organizer):
    reachable = callable_person(team, 1)
    opted_out = callable_person(team, 2, call_opt_out_at=timezone.now())
    no_phone = factories.person(team, time_zone="America/Chicago", first_name="Nophone")
    campaign = factories.campaign(team, people=[reachable, opted_out, no_phone], live=True)
    Target.objects.filter(campaign=campaign, person=reachable).update(done=True)
    response = organizer.get(reverse("outreach:campaign-queue", args=[campaign.pk]))
    assert response.status_code == 200
    counts = dict(re.findall(r'data-reason="(\w+)">(\d+)<', response.text))
    assert counts["opted_out"] == "1" and counts["done"] == "1" and counts["no_number"] == "1"
    assert counts["eligible"] == "0"
    assert "Opted out of this channel" in response.text
    listed = organizer.get(reverse("outreach:campaign-queue-reason", args=[campaign.pk, "opted_out"]))
    assert str(opted_out) in listed.text and str(reachable) not in listed.text
    listed = organizer.get(reverse("outreach:campaign-queue-reason", args=[campaign.pk, "no_number"]))
    assert "Nophone" in listed.text and str(opted_out) not in listed.text


def test_an_unknown_reason_is_not_found(team, organizer):
    campaign = factories.campaign(team, live=True)
    response = organizer.get(reverse("outreach:campaign-queue-reason", args=[campaign.pk, "bored"]))
    assert response.status_code == 404


def test_refresh_from_list_adds_new_people_and_says_how_many(team, organizer):
    campaign = factories.campaign(team, people=[callable_person(team, 1)], live=True)
    ListMember.objects.create(list=campaign.people_list, person=callable_person(team, 2))
    response = organizer.post(reverse("outreach:campaign-sync", args=[campaign.pk]), follow=True)
    assert "1 added" in response.text
    assert campaign.targets.count() == 2


def test_a_leader_sees_the_queue_without_links_to_person_records(org_tree, personas, client_for):
    team = org_tree.north_team
    person = callable_person(team, 3, call_opt_out_at=timezone.now())
    campaign = factories.campaign(team, people=[person], live=True)
    response = client_for(personas.leader).get(
        reverse("outreach:campaign-queue-reason", args=[campaign.pk, "opted_out"]))
    assert response.status_code == 200 and str(person) in response.text
    assert reverse("people:person-detail", args=[person.pk]) not in response.text


# Result codes of the organization

def test_the_result_codes_page_lists_the_organizations_codes(team, organizer):
    campaign = factories.campaign(team)
    response = organizer.get(reverse("outreach:result-code-list", args=[campaign.pk]))
    assert response.status_code == 200
    assert "No answer / not home" in response.text and "Do not contact" in response.text


def test_editing_a_code_relabels_it_and_changes_its_retry(team, admin):
    campaign = factories.campaign(team)
    code = ResultCode.objects.get(org=campaign.org, code="no_answer")
    response = admin.post(reverse("outreach:result-code-edit", args=[campaign.pk, code.pk]),
                              {"label": "Nobody picked up", "retry_after_minutes": "120"})
    assert response.status_code == 302
    code.refresh_from_db()
    assert (code.label, code.retry_after_minutes, code.active) == ("Nobody picked up", 120, False)
    assert "no_answer" not in [c.code for c in ensure_result_codes(campaign.org)]


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"label": "Later", "retry_after_minutes": "20000", "active": "on"}, "retry_after_minutes", "use 0 to 10080"),
    ({"label": "Later", "retry_after_minutes": "-1", "active": "on"}, "retry_after_minutes", "use 0 to 10080"),
    ({"label": "  ", "active": "on"}, "label", "required"),
])
def test_bad_code_edits_are_field_errors(team, admin, data, field, message):
    campaign = factories.campaign(team)
    code = ResultCode.objects.get(org=campaign.org, code="busy")
    response = admin.post(reverse("outreach:result-code-edit", args=[campaign.pk, code.pk]), data)
    assert response.status_code == 400
    bad_form = {row[0]: row[1] for row in response.context["rows"]}[code]
    assert message in " ".join(bad_form.errors[field])
    code.refresh_from_db()
    assert (code.label, code.retry_after_minutes) == ("Busy", 60)


def test_adding_a_code_and_refusing_a_duplicate(team, admin):
    campaign = factories.campaign(team)
    url = reverse("outreach:result-code-new", args=[campaign.pk])
    data = {"label": "Spanish speaker", "code": "Spanish speaker", "category": "not_reached",
            "retry_after_minutes": "60", "active": "on"}
    assert admin.post(url, data).status_code == 302
    added = ResultCode.objects.get(org=campaign.org, code="spanish_speaker")
    assert added.category == "not_reached" and added.position > ResultCode.objects.get(
        org=campaign.org, code="do_not_contact").position
    again = admin.post(url, {**data, "code": "busy"})
    assert again.status_code == 400
    assert "already has a result 'busy'" in " ".join(again.context["new_form"].errors["code"])


def test_a_code_of_another_organization_is_not_found(team, admin, org_tree):
    campaign = factories.campaign(team)
    foreign = ensure_result_codes(org_tree.other)[0]
    response = admin.post(reverse("outreach:result-code-edit", args=[campaign.pk, foreign.pk]),
                              {"label": "Mine now", "active": "on"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.label != "Mine now"


def test_a_regional_organizer_may_not_change_the_organizations_codes(team, organizer):
    campaign = factories.campaign(team)
    code = ResultCode.objects.get(org=campaign.org, code="busy")
    page = organizer.get(reverse("outreach:result-code-list", args=[campaign.pk]))
    assert page.status_code == 200 and "Add a result" not in page.text
    response = organizer.post(reverse("outreach:result-code-edit", args=[campaign.pk, code.pk]),
                              {"label": "Mine", "active": "on"})
    assert response.status_code == 403
    code.refresh_from_db()
    assert code.label == "Busy"


def test_a_leader_may_read_the_codes_but_not_change_them(org_tree, personas, client_for):
    campaign = factories.campaign(org_tree.north_team)
    leader = client_for(personas.leader)
    page = leader.get(reverse("outreach:result-code-list", args=[campaign.pk]))
    assert page.status_code == 200 and "Add a result" not in page.text
    code = ResultCode.objects.get(org=campaign.org, code="busy")
    response = leader.post(reverse("outreach:result-code-edit", args=[campaign.pk, code.pk]), {"label": "X"})
    assert response.status_code == 403


def test_the_team_page_pages_its_campaigns(team, organizer):
    for n in range(27):
        factories.campaign(team, name=f"Drive {n:02d}")
    first = organizer.get(reverse("outreach:campaign-index", args=[team.slug]))
    assert first.text.count('<li class="card">') == 25 and "Page 1 of 2" in first.text
    second = organizer.get(reverse("outreach:campaign-index", args=[team.slug]) + "?page=2")
    assert second.text.count('<li class="card">') == 2


def test_campaigns_are_reached_from_the_team_page_and_a_list_page(org_tree, team, organizer, personas, client_for):
    page = organizer.get(reverse("orgs:team-detail", args=[team.slug]))
    assert reverse("outreach:campaign-index", args=[team.slug]) in page.text
    volunteer_page = client_for(personas.volunteer).get(reverse("orgs:team-detail", args=[org_tree.north_team.slug]))
    assert "/outreach/" not in volunteer_page.text
    people_list = factories.people_list(team)
    list_page = organizer.get(reverse("people:list-detail", args=[people_list.pk]))
    assert f"{reverse('outreach:campaign-new', args=[team.slug])}?list={people_list.pk}" in list_page.text
