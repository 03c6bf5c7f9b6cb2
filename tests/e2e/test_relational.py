"""Relational organizing in a real browser on a phone-sized screen: a volunteer adds a friend, recognises them
in the voter file, logs a conversation with a commitment; an organizer reads a program's evaluation."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from groundswell.relational.models import Conversation, Relationship
from tests import factories
from tests.relational.test_views_programs import evaluated_program

pytestmark = pytest.mark.e2e

SHOTS = Path("/tmp/relational-shots")


def snap(page: Page, name: str) -> Path:
    """A full-page screenshot kept where a person can look at the layout on a phone."""
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_sideways_scroll(page: Page) -> None:
    """Nothing on the page is wider than the phone's screen, tables included (they would scroll inside)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    tables = page.evaluate("[...document.querySelectorAll('.table-wrap')].map(e => e.scrollWidth - e.clientWidth)")
    assert all(extra <= 0 for extra in tables), f"a table scrolls sideways: {tables}"


@pytest.fixture
def chicago(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="Chicago Region", kind="region")
    team = factories.team(region, name="Uptown Team", kind="team")
    volunteer = factories.user(email="val@example.test", full_name="Val Volunteer")
    factories.membership(team, "volunteer", user_obj=volunteer)
    organizer = factories.user(email="olu@example.test", full_name="Olu Organizer")
    factories.membership(region, "organizer", user_obj=organizer)
    robert = factories.person(region, first_name="ROBERT", last_name="SMITH", city="CHICAGO",
                              address1="4410 N Kedzie Ave", zip="60625", phones=["+13125550177"])
    factories.person(region, first_name="ROBERTA", last_name="JONES", city="EVANSTON")
    return region, volunteer, organizer, robert


def test_a_volunteer_adds_a_friend_confirms_the_match_and_logs_a_conversation(page: Page, sign_in, chicago):
    region, volunteer, _, robert = chicago
    sign_in(volunteer)
    page.goto("/")
    page.get_by_text("Menu", exact=True).click()  # on a phone the main menu starts closed
    page.get_by_role("link", name="My people").first.click()
    expect(page.get_by_role("heading", name="My people")).to_be_visible()
    page.get_by_role("link", name="Add someone").click()

    page.get_by_label("First name").fill("Bob")
    page.get_by_label("Last name").fill("Smith")
    page.get_by_label("Phone").fill("(312) 555-0177")
    page.get_by_label("City").fill("Chicago")
    no_sideways_scroll(page)
    snap(page, "add-someone")
    page.get_by_role("button", name="Add", exact=True).click()

    expect(page.get_by_role("heading", name="Is this Bob?")).to_be_visible()
    card = page.locator(".candidate").first
    expect(card).to_contain_text("Robert S.")
    expect(card).to_contain_text("Chicago")
    content = page.content().lower()
    assert "kedzie" not in content and "60625" not in content
    no_sideways_scroll(page)
    snap(page, "person-candidates")

    yes = card.get_by_role("button", name="Yes, that's them")
    assert yes.bounding_box()["height"] >= 44  # a thumb can hit it
    yes.click()
    expect(page.get_by_text("Matched Bob to the voter file")).to_be_visible()
    expect(page.get_by_role("button", name="Not them after all? Undo the match")).to_be_visible()
    bob = Relationship.objects.get(owner=volunteer)
    assert (bob.match_status, bob.person_id) == ("confirmed", robert.pk)

    log = page.locator("#log")
    log.get_by_text("We talked").click()
    log.get_by_label("Channel").select_option(label="Phone call")
    log.get_by_label("Commitment").select_option(label="Made a plan to vote")
    log.get_by_label("Notes").fill("Voting Tuesday before work")
    log.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Logged your conversation with Bob.")).to_be_visible()
    expect(page.locator("#log .points")).to_contain_text("Made a plan to vote")
    expect(page.locator("#log .points")).to_contain_text("Phone call")
    assert Conversation.objects.get(relationship=bob).commitment == "vote_plan"
    no_sideways_scroll(page)
    snap(page, "person-logged")

    page.get_by_role("link", name="← My people").click()
    expect(page.locator(".people-list")).to_contain_text("Bob Smith")
    expect(page.locator(".people-list .pill-talked")).to_have_count(1)
    page.get_by_role("searchbox", name="Search my people").fill("chicago")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".people-list")).to_contain_text("Bob Smith")
    no_sideways_scroll(page)
    snap(page, "my-people")


@pytest.fixture
def finished_program(chicago):
    region, _, organizer, _ = chicago
    return evaluated_program(organizer, region, name="Chicago captains"), organizer


def test_an_organizer_reads_the_evaluation_on_a_phone(page: Page, sign_in, finished_program):
    prog, organizer = finished_program
    sign_in(organizer)
    page.goto("/programs/")
    page.get_by_role("link", name="Chicago captains").click()
    expect(page.get_by_role("heading", name="Captains 3")).to_be_visible()
    page.get_by_role("link", name="Program report and evaluation").click()
    expect(page.get_by_role("heading", name="Did it work?")).to_be_visible()
    effect = page.get_by_role("row", name="Effect of being on a captain's list")
    expect(effect).to_be_visible()
    expect(effect.locator("#itt")).to_have_text(re.compile(r"^\s*-?\d+\.\d{3}\s*$"))
    expect(effect).to_contain_text("SE ")
    expect(page.get_by_role("row", name="Turnout, people held out (control)")).to_contain_text("n = 9")
    expect(page.get_by_role("img", name="Turnout")).to_be_visible()
    no_sideways_scroll(page)
    snap(page, "program-report")
