"""Events in a real browser on a phone-sized screen, as the issue's "done when" reads: a newcomer finds an event
near a ZIP, signs up through a volunteer's link, gets the reminder (email), and is checked in by the host, who
sees who brought them and that they came."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundswell.events import reminders
from groundswell.events.models import Signup
from groundswell.events.services_signups import share_link
from tests import factories
from tests.conftest import actor_for
from tests.events.helpers import make_event

pytestmark = pytest.mark.e2e

SHOTS = Path("/tmp/events-shots")


def snap(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


@pytest.fixture
def chicago(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="Chicago Region", kind="region", time_zone="America/Chicago")
    team = factories.team(region, name="Lincoln Park Team", kind="team", time_zone="America/Chicago")
    organizer = factories.user(email="olu@example.test", full_name="Olu Organizer")
    factories.membership(region, "organizer", user_obj=organizer)
    volunteer = factories.user(email="val@example.test", full_name="Val Volunteer")
    factories.membership(team, "volunteer", user_obj=volunteer)
    near = make_event(actor_for(organizer), team, title="Lincoln Park canvass", capacity=10)
    far = make_event(actor_for(organizer), region, title="Madison day trip", zip="53703", address1="")
    return near, far, organizer, volunteer


def test_newcomer_finds_signs_up_by_referral_is_reminded_and_checked_in(page: Page, chicago, browser, live_server):
    near, far, organizer, volunteer = chicago
    code = share_link(event=near, user=volunteer).code

    page.goto("/events/")
    page.get_by_label("Near ZIP code").fill("60614")
    page.get_by_role("button", name="Find events").click()
    expect(page.get_by_role("link", name="Lincoln Park canvass")).to_be_visible()
    expect(page.get_by_role("link", name="Madison day trip")).to_have_count(0)  # ~120 miles away
    no_sideways_scroll(page)
    snap(page, "1-finder")

    # The friend's link, as Val would text it.
    page.goto(f"/events/{near.pk}/?ref={code}")
    expect(page.get_by_text("Val invited you to this.")).to_be_visible()
    page.locator("input[name=shift]").first.check()
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Brooks")
    page.get_by_label("Email").fill("nia@example.test")
    page.get_by_label("ZIP code").fill("606")
    page.get_by_role("button", name="Sign me up").click()
    expect(page.get_by_text("Enter a 5-digit ZIP code")).to_be_visible()  # a field message, nothing saved
    assert not Signup.objects.exists()
    page.get_by_label("ZIP code").fill("60614")
    page.get_by_role("button", name="Sign me up").click()
    expect(page.get_by_role("heading", name="You're signed up!")).to_be_visible()
    no_sideways_scroll(page)
    snap(page, "2-signed-up")
    signup = Signup.objects.get(email="nia@example.test")
    assert signup.referrer_id == volunteer.pk

    # The reminder the day before (the worker runs the deferred task; here the sweep does the same).
    shift = signup.shift
    mail.outbox.clear()
    reminders.send_due(now=shift.starts_at - dt.timedelta(hours=23))
    reminder = [m for m in mail.outbox if "nia@example.test" in m.to]
    assert len(reminder) == 1 and "Lincoln Park canvass" in reminder[0].subject

    # At the door: the organizer checks Nia in from the roster on their phone.
    host = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    client = Client()
    client.force_login(organizer)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    host.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    door = host.new_page()
    door.goto(f"/events/{near.pk}/roster/")
    row = door.locator(f"#signup-{signup.pk}")
    expect(row).to_contain_text("Nia Brooks")
    expect(row).to_contain_text("brought by Val Volunteer")
    row.get_by_role("button", name="Check in").click()
    expect(row).to_contain_text("Here")
    snap(door, "3-roster")
    signup.refresh_from_db()
    assert signup.attendance == "attended" and signup.checked_in_at <= timezone.now()

    door.goto(f"/events/{near.pk}/manage/")
    expect(door.get_by_text("Val Volunteer: brought 1, 1 came")).to_be_visible()
    no_sideways_scroll(door)
    snap(door, "4-manage")
    host.close()
