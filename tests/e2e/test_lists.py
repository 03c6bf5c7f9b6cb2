"""The list builder in a real browser on a phone: the live count follows each filter change (htmx)."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories

pytestmark = pytest.mark.e2e


@pytest.fixture
def region(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="Eastside Region", kind="region")
    organizer = factories.user(email="olu@example.test", full_name="Olu Organizer")
    factories.membership(region, "organizer", user_obj=organizer)
    for first, party in [("Ada", "DEM"), ("Bea", "DEM"), ("Cal", "REP")]:
        factories.person(region, first_name=first, last_name="Voter", party=party)
    return region, organizer


def test_an_organizer_narrows_a_list_and_saves_it(page: Page, shot, sign_in, region):  # noqa: F811
    team, organizer = region
    sign_in(organizer)
    page.goto(f"/teams/{team.slug}/lists/new/")
    count = page.locator("#live-count")
    expect(count).to_contain_text("3 people match")
    page.get_by_text("Voter file", exact=True).click()
    page.get_by_label("Party").fill("DEM")
    page.get_by_label("Party").blur()
    expect(count).to_contain_text("2 people match")
    expect(count).to_contain_text("Ada Voter")
    expect(count).not_to_contain_text("Cal Voter")
    shot(page, "builder")
    page.get_by_label("Name").fill("Eastside Democrats")
    page.get_by_role("button", name="Save as a saved search").click()
    expect(page.get_by_role("heading", name="Eastside Democrats")).to_be_visible()
    expect(page.get_by_text("Party: DEM")).to_be_visible()
    shot(page, "detail")
