"""Leadership in a real browser on a phone: an organizer schedules a one-on-one with a volunteer, records it
(a missing date for the commitment is a field message, nothing saved), sees the follow-up on their home page,
moves the volunteer up the ladder from the pipeline, and watches the dashboard count the one-on-one; the
volunteer's leader sees only their own team's pipeline."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundswell.goals import rollups
from groundswell.leadership.models import Commitment, LadderPlacement, OneOnOne
from tests import factories

pytestmark = pytest.mark.e2e


@pytest.fixture
def region(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="Eastside Region", kind="region")
    chapter = factories.team(region, name="Eastside Chapter", kind="chapter")
    sibling = factories.team(region, name="Westside Chapter", kind="chapter")
    organizer = factories.user(email="olu@example.test", full_name="Olu Organizer")
    factories.membership(region, "organizer", user_obj=organizer)
    leader = factories.user(email="lee@example.test", full_name="Lee Leader")
    factories.membership(chapter, "leader", user_obj=leader)
    val = factories.user(email="val@example.test", full_name="Val Volunteer")
    factories.membership(chapter, "volunteer", user_obj=val)
    factories.membership(sibling, "volunteer", user_obj=factories.user(email="west@example.test",
                                                                        full_name="Wes Westside"))
    return region, chapter, organizer, leader


def local_input(days: int, hour: int) -> str:
    when = timezone.now() + dt.timedelta(days=days)
    return when.astimezone(dt.UTC).replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_an_organizer_holds_a_one_on_one_and_moves_a_volunteer_up(page: Page, shot, sign_in, region, monkeypatch):
    team, chapter, organizer, _ = region
    monkeypatch.setattr(rollups, "STALE_AFTER", dt.timedelta(0))  # every page view refreshes today's rollups
    sign_in(organizer)

    page.goto(f"/teams/{chapter.slug}/one-on-ones/new/")
    page.get_by_label("With").select_option(label="Val Volunteer (volunteer, Eastside Chapter)")
    page.get_by_label("When").first.fill(local_input(2, 18))
    page.get_by_label("How", exact=True).select_option("phone")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_role("heading", name="One-on-one with Val Volunteer")).to_be_visible()
    shot(page, "scheduled")

    page.get_by_label("When you met").fill(local_input(-1, 17))
    page.get_by_label("3. Exploration — their story").fill("Teacher; her school lost its librarian.")
    page.get_by_label("Values").fill("public schools, fairness")
    page.get_by_label("5. Commitment — what they will do").fill("Host a house party")
    page.get_by_role("button", name="Save the one-on-one").click()
    expect(page.get_by_text("By when? A commitment needs a date")).to_be_visible()
    assert not Commitment.objects.exists()
    page.get_by_label("By when").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Save the one-on-one").click()
    expect(page.get_by_text("What you learned")).to_be_visible()
    expect(page.get_by_text("public schools")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "recorded")

    page.goto("/")
    expect(page.get_by_text("Host a house party")).to_be_visible()

    page.goto(f"/teams/{chapter.slug}/leadership/")
    row = page.locator("li", has_text="Val Volunteer")
    row.get_by_role("combobox").select_option(label="Active volunteer")
    row.get_by_role("button", name="Place").click()
    expect(page.locator(".board-column", has_text="Active volunteer")).to_contain_text("Val Volunteer")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "pipeline")
    assert LadderPlacement.objects.get().stage.name == "Active volunteer"

    page.goto(f"/teams/{team.slug}/dashboard/")
    held = page.get_by_role("row", name=re.compile("^One-on-ones held"))
    expect(held.get_by_role("link", name="1", exact=True)).to_be_visible()
    assert OneOnOne.objects.filter(status="held").count() == 1


def test_a_chapter_leader_sees_only_their_subtree(page: Page, sign_in, region):
    team, chapter, _, leader = region
    sign_in(leader)
    page.goto(f"/teams/{chapter.slug}/leadership/")
    expect(page.locator("main")).to_contain_text("Val Volunteer")
    expect(page.locator("main")).not_to_contain_text("Wes Westside")
    assert page.goto(f"/teams/{team.slug}/leadership/").status == 404
