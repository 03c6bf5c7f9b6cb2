"""Three volunteers call at once, each on their own phone (three browser contexts): nobody gets the same person,
each saves a result (one over a connection that drops the answer) and is handed someone new."""

import datetime as dt
import re
import threading
import zoneinfo
from urllib.parse import parse_qs

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundswell.outreach.models import ContactAttempt, Question, Target
from groundswell.people.models import Person
from tests import factories
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

ZONES = ["Pacific/Honolulu", "America/Los_Angeles", "America/Chicago", "America/New_York", "Europe/London",
         "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"]
CONTACTS = ["Nia Navarro", "Omar Ortiz", "Pia Park", "Quinn Quade", "Rosa Reyes", "Sam Singh"]


def daytime_zone() -> str:
    """A zone where it is 10:00–20:00 now, so the test does not depend on the hour it runs."""
    now = timezone.now()
    return next(z for z in ZONES if 10 <= now.astimezone(zoneinfo.ZoneInfo(z)).hour < 20)


@pytest.fixture
def phone_bank(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="Eastside Region", kind="region")
    volunteers = []
    for name in ("Ana Caller", "Ben Caller", "Cy Caller"):
        user = factories.user(full_name=name)
        factories.membership(region, "volunteer", user_obj=user)
        volunteers.append(user)
    zone = daytime_zone()
    people = [factories.person(region, first_name=name.split()[0], last_name=name.split()[1], city="Springfield",
                               phones=[f"+1312555{100 + i:04d}"], time_zone=zone) for i, name in enumerate(CONTACTS)]
    campaign = factories.campaign(region, people=people, live=True, name="Eastside turnout",
                                  training="Smile while you dial. Be brief and kind.",
                                  script="Hi {first_name}, this is {volunteer_first_name} with Eastside Region.")
    Question.objects.create(campaign=campaign, position=1, key="support", prompt="Will you vote on Tuesday?",
                            kind="single", choices=[{"value": "yes", "label": "Yes", "next": 3},
                                                    {"value": "no", "label": "No", "next": 2}])
    Question.objects.create(campaign=campaign, position=2, key="why", prompt="What would help you vote?", kind="text")
    Question.objects.create(campaign=campaign, position=3, key="help", prompt="Can you help?", kind="multiple",
                            choices=[{"value": "call", "label": "Make calls"},
                                     {"value": "ride", "label": "Give rides"}])
    return campaign, volunteers


@pytest.fixture
def server_one_request_at_a_time_on_sqlite(live_server):
    """On SQLite the test database is one in-memory connection that the live server's threads share, and two
    requests inside it at once trip over each other ("database table is locked") — a limit of the test
    harness, not of the app (a real SQLite file queues writers: IMMEDIATE transactions and a busy timeout).
    So there the browsers still send at once but the server answers one request at a time; on PostgreSQL
    the requests really run together."""
    if connection.vendor != "sqlite":
        yield
        return
    httpd = live_server.thread.httpd
    app, lock = httpd.get_app(), threading.Lock()

    def serial(environ, start_response):
        with lock:
            result = app(environ, start_response)
            try:
                return list(result)
            finally:
                getattr(result, "close", lambda: None)()

    httpd.set_app(serial)
    yield
    httpd.set_app(app)


@pytest.fixture
def phones(browser, live_server, phone_bank, server_one_request_at_a_time_on_sqlite):
    """One signed-in phone-sized browser context per volunteer."""
    _, volunteers = phone_bank
    contexts = []
    for user in volunteers:
        context = browser.new_context(base_url=live_server.url, **PHONE)
        context.set_default_timeout(15_000)
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])
        contexts.append(context)
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def name_on(page: Page) -> str:
    expect(page.locator(".contact-name")).to_be_visible()
    return page.locator(".contact-name").inner_text().strip()


def test_three_volunteers_call_at_once(phones, phone_bank, shot):
    campaign, volunteers = phone_bank
    for page in phones:
        page.goto("/phonebank/")
        page.get_by_role("link", name="Eastside turnout").click()
        expect(page.get_by_text("Smile while you dial.")).to_be_visible()
        expect(page.get_by_text("{first_name}", exact=False)).to_be_visible()
    shot(phones[0], "landing")
    for page in phones:  # all three press at once: nobody waits for the others' pages
        page.get_by_role("button", name="Start calling").click(no_wait_after=True)
    first = [name_on(page) for page in phones]
    assert len(set(first)) == 3, first
    assert set(first) <= set(CONTACTS)

    ana, ben, cy = phones
    expect(ana.locator("a.dial")).to_have_attribute("href", re.compile(r"^tel:\+1312555\d{4}$"))
    expect(ana.locator("a.dial")).to_contain_text(re.compile(r"\(312\) 555-\d{4}"))
    expect(ana.get_by_text(f"Hi {first[0].split()[0]}, this is Ana with Eastside Region.")).to_be_visible()

    # Branching: "Yes" jumps past "What would help you vote?" to "Can you help?"; "No" asks it.
    ana.get_by_label("Yes", exact=True).check()
    expect(ana.get_by_text("What would help you vote?")).to_be_hidden()
    ana.get_by_label("No", exact=True).check()
    expect(ana.get_by_text("What would help you vote?")).to_be_visible()
    ana.get_by_label("What would help you vote?").fill("A ride to the polls")
    ana.get_by_text("Talked to them").click()
    ana.get_by_label("Notes").fill("Call back about rides")
    shot(ana, "calling")

    ben.get_by_label("Yes", exact=True).check()
    expect(ben.get_by_text("What would help you vote?")).to_be_hidden()
    ben.get_by_label("Give rides").check()
    ben.get_by_text("Talked to them").click()
    cy.get_by_text("No answer / not home").click()

    # Cy's first save reaches the server but the answer is lost on the way back: the page posts it again.
    posted: list[str] = []

    def drop_first_answer(route):
        posted.append(parse_qs(route.request.post_data)["client_uuid"][0])
        if len(posted) == 1:
            route.fetch()
            route.abort("connectionreset")
        else:
            route.continue_()

    # Ben's first save meets an overloaded server (503) before reaching the app: the page tries again.
    ben_posted: list[str] = []

    def refuse_first(route):
        ben_posted.append(parse_qs(route.request.post_data)["client_uuid"][0])
        if len(ben_posted) == 1:
            route.fulfill(status=503, body="busy")
        else:
            route.continue_()

    cy.route("**/call/save/", drop_first_answer)
    ben.route("**/call/save/", refuse_first)
    for page in phones:
        page.get_by_role("button", name="Save & next").click()
    second = []
    for page, before in zip(phones, first, strict=True):
        expect(page.locator(".contact-name")).not_to_have_text(before)
        expect(page.get_by_text(f"Saved — {before}.")).to_be_visible()
        second.append(name_on(page))
    assert len(set(first + second)) == 6, (first, second)
    assert len(posted) == 2 and posted[0] == posted[1]  # retried with the same client_uuid
    assert len(ben_posted) == 2 and ben_posted[0] == ben_posted[1]
    shot(ana, "next-contact")

    attempts = list(ContactAttempt.objects.filter(campaign=campaign))
    assert len(attempts) == 3
    assert all(a.applied for a in attempts)  # nobody saved a contact someone else held
    assert len({a.person_id for a in attempts}) == 3
    assert {a.caller_id for a in attempts} == {v.pk for v in volunteers}
    by_caller = {a.caller_id: a for a in attempts}
    assert by_caller[volunteers[0].pk].answers == {"support": "no", "why": "A ride to the polls"}
    assert by_caller[volunteers[0].pk].notes == "Call back about rides"
    assert by_caller[volunteers[1].pk].answers == {"support": "yes", "help": ["ride"]}
    assert by_caller[volunteers[2].pk].result == "no_answer"
    assert str(by_caller[volunteers[2].pk].client_uuid) == posted[0]
    now = timezone.now()
    held = [t for t in Target.objects.filter(campaign=campaign) if t.held_by(t.claimed_by_id, now)]
    assert sorted(t.claimed_by_id for t in held) == sorted(v.pk for v in volunteers)  # one each, none shared
    assert not {t.person_id for t in held} & {a.person_id for a in attempts}

    ana.get_by_role("button", name="End session").click()
    expect(ana.get_by_text("Session ended")).to_be_visible()
    assert not Target.objects.filter(campaign=campaign, claimed_by=volunteers[0]).exists()


def test_a_volunteer_with_nobody_to_call_is_told_why(phones, phone_bank, shot):
    campaign, _ = phone_bank
    now = timezone.now()
    night = next(z for z in ZONES if not 8 <= now.astimezone(zoneinfo.ZoneInfo(z)).hour < 22)
    people = Target.objects.filter(campaign=campaign).values_list("person_id", flat=True)
    Person.objects.filter(pk__in=list(people)[:4]).update(time_zone=night)
    Target.objects.filter(campaign=campaign).exclude(person__time_zone=night).update(
        attempts=1, next_attempt_at=now + dt.timedelta(hours=4))
    page = phones[0]
    page.goto(f"/phonebank/{campaign.pk}/")
    page.get_by_role("button", name="Start calling").click()
    expect(page.get_by_role("heading", name="Nobody to call right now")).to_be_visible()
    expect(page.get_by_text("4 outside calling hours where they live")).to_be_visible()
    expect(page.get_by_text("2 waiting before the next try")).to_be_visible()
    shot(page, "nobody")
    Target.objects.filter(campaign=campaign).update(next_attempt_at=None)
    page.get_by_role("link", name="Check again").click()
    expect(page.locator(".contact-name")).to_be_visible()
