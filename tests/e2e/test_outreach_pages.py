"""The organizer's campaign pages and the supervisor view in a real browser on a phone (390 px wide): a call
campaign from a list in a few taps, the script preview following the typing (htmx), the survey, going live,
the queue, the result codes and the live supervisor view. No page may scroll sideways."""

import uuid

import pytest
from playwright.sync_api import Page, expect

from groundswell.orgs.access import Actor
from groundswell.orgs.models import Team
from groundswell.outreach.models import Campaign, ContactAttempt, Target
from groundswell.people.models import ListMember
from groundswell.phonebank.sessions import session_start
from tests import factories

pytestmark = pytest.mark.e2e


@pytest.fixture
def region(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="Eastside Region", kind="region")
    Team.objects.filter(pk=region.pk).update(can_edit_scripts=True)
    organizer = factories.user(email="olu@example.test", full_name="Olu Organizer")
    factories.membership(region, "organizer", user_obj=organizer)
    people = [factories.person(region, first_name=first, last_name="Voter", phones=[f"+1312555{i:04d}"],
                               time_zone="America/Chicago") for i, first in enumerate(["Ada", "Bea", "Cal"])]
    source = factories.people_list(region, kind="static", name="Eastside supporters")
    ListMember.objects.bulk_create([ListMember(list=source, person=p) for p in people])
    return Team.objects.get(pk=region.pk), organizer, source


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width}px wide"


def test_an_organizer_builds_a_call_campaign_from_a_list_and_watches_it(page: Page, shot, sign_in, region):
    team, organizer, source = region
    sign_in(organizer)
    page.goto(f"/outreach/teams/{team.slug}/campaigns/new/?list={source.pk}")
    expect(page.get_by_label("List")).to_have_value(str(source.pk))
    page.get_by_label("Name").fill("Eastside weekend calls")
    script = page.get_by_label("Script")
    script.fill("Hi {frist_name}, this is {volunteer_first_name}.")
    expect(page.locator("#script-preview")).to_contain_text("Unknown merge field")
    script.fill("Hi {first_name}, this is {volunteer_first_name} from {team_name}.")
    expect(page.locator("#script-preview")).to_contain_text("Hi Maria, this is Olu from Eastside Region.")
    fits_the_phone(page)
    shot(page, "new")
    page.get_by_role("button", name="Create campaign").click()
    expect(page.get_by_role("heading", name="Eastside weekend calls")).to_be_visible()
    campaign = Campaign.objects.get()

    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question").fill("Can we count on your vote?")
    page.get_by_label("Short name").fill("support")
    page.get_by_label("Choices").fill("yes | Yes\nno | No\nunsure | Not sure")
    fits_the_phone(page)
    shot(page, "question")
    page.get_by_role("button", name="Save question").click()
    page.get_by_role("button", name="Go live").click()
    expect(page.get_by_text("is live.")).to_be_visible()
    fits_the_phone(page)
    shot(page, "detail")

    page.get_by_role("link", name="Queue: who is not being called, and why").click()
    expect(page.locator('[data-reason="held"]')).to_have_text("0")
    fits_the_phone(page)
    shot(page, "queue")

    page.goto(f"/outreach/campaigns/{campaign.pk}/edit/")
    page.get_by_label("Call from").fill("08:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("calls may not start before 09:00")).to_be_visible()
    fits_the_phone(page)
    shot(page, "edit-error")

    page.goto(f"/outreach/teams/{team.slug}/campaigns/")
    expect(page.get_by_role("link", name="Eastside weekend calls")).to_be_visible()
    fits_the_phone(page)
    shot(page, "index")

    page.goto(f"/outreach/campaigns/{campaign.pk}/results/")
    fits_the_phone(page)
    shot(page, "results")

    caller = factories.user(full_name="Cara Caller")
    factories.membership(team, "volunteer", user_obj=caller)
    session_start(actor=Actor.for_user(caller), campaign=campaign)
    target = Target.objects.filter(campaign=campaign).first()
    ContactAttempt.objects.create(org=campaign.org, campaign=campaign, target=target, person=target.person,
                                  caller=caller, channel="call", result="contacted", answers={"support": "yes"},
                                  duration_seconds=95, client_uuid=uuid.uuid4())
    page.goto(f"/phonebank/{campaign.pk}/supervise/")
    expect(page.get_by_text("Cara Caller").first).to_be_visible()
    fits_the_phone(page)
    shot(page, "supervisor")
    with page.expect_response(lambda r: "/supervise/live/" in r.url, timeout=9_000) as polled:
        pass  # htmx asks for the live part by itself every 5 seconds
    assert polled.value.status == 200
    page.locator("summary", has_text="Pause…").click()
    page.get_by_label("Why (optional, they will see it)").fill("Short break")
    page.get_by_role("button", name="Pause caller").click()
    expect(page.get_by_text("Paused Cara Caller")).to_be_visible()
    shot(page, "paused")
