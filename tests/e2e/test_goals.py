"""Goals in a real browser on a phone: an organizer sets a goal (a bad target is a field message), sees it on
the dashboard, follows a count to the rows it counts, and watches the number move when a volunteer recruits
someone."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundswell.goals import rollups
from tests import factories

pytestmark = pytest.mark.e2e
# How many of the dashboard's canvases Chart.js has drawn (-1 when one of them is left blank).
CHARTS_DRAWN = """() => { const all = [...document.querySelectorAll('canvas[data-chart]')];
  return all.every(c => Chart.getChart(c)) ? all.length : -1; }"""


@pytest.fixture
def region(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="Eastside Region", kind="region")
    chapter = factories.team(region, name="Eastside Chapter", kind="chapter")
    organizer = factories.user(email="olu@example.test", full_name="Olu Organizer")
    factories.membership(region, "organizer", user_obj=organizer)
    val = factories.user(email="val@example.test", full_name="Val Volunteer")
    factories.membership(chapter, "volunteer", user_obj=val)
    factories.membership(chapter, "volunteer", user_obj=factories.user(email="newbie1@example.test"),
                         recruited_by=val)
    return region, chapter, organizer, val


def test_an_organizer_sets_a_goal_and_watches_the_dashboard_move(page: Page, shot, sign_in, region, monkeypatch):
    team, chapter, organizer, val = region
    monkeypatch.setattr(rollups, "STALE_AFTER", dt.timedelta(0))  # every page view refreshes today's rollups
    sign_in(organizer)
    today = timezone.localdate()
    page.goto(f"/teams/{team.slug}/goals/new/")
    page.get_by_label("Metric").select_option("volunteers_recruited")
    page.get_by_label("Start").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_label("End").fill((today + dt.timedelta(days=20)).isoformat())
    page.get_by_label("Target").fill("-3")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    page.get_by_label("Target").fill("4")
    page.get_by_role("button", name="Save").click()

    page.goto(f"/teams/{team.slug}/dashboard/")
    expect(page.get_by_text("Volunteers recruited ·")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(CHARTS_DRAWN) == 2  # Chart.js drew every chart (the goal's, the metric with activity) ...
    with page.expect_event("requestfinished", lambda r: "/dashboard/" in r.url):
        pass  # ... and draws them again after the page's HTMX poll replaced them
    page.wait_for_timeout(300)
    assert page.evaluate(CHARTS_DRAWN) == 2
    shot(page, "dashboard")
    goals = page.locator("table.goals")
    expect(goals).to_contain_text("1 / 4")
    goals.get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_text("newbie1@example.test")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "rows")

    factories.membership(chapter, "volunteer", user_obj=factories.user(email="newbie2@example.test"),
                         recruited_by=val)
    page.goto(f"/teams/{team.slug}/dashboard/")
    expect(page.locator("table.goals")).to_contain_text("2 / 4")
