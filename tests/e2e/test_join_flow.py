"""The join flow and the invitations page in a real browser on a phone-sized screen."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundswell.orgs.models import Invitation, Membership
from tests import factories

pytestmark = pytest.mark.e2e


@pytest.fixture
def team_with_leader(transactional_db):
    org = factories.team(name="Riverside Organizing", code_of_conduct="Be kind.\n\nKeep voters' data private.")
    team = factories.team(org, name="Eastside Canvassers", mission="Knock on every door in the east end.")
    leader = factories.user(email="lena@example.test", full_name="Lena Leader")
    factories.membership(team, "leader", user_obj=leader)
    return team, leader


def test_a_newcomer_joins_on_a_phone(page: Page, shot, team_with_leader):
    team, leader = team_with_leader
    invitation = factories.invitation(team, created_by=leader, token="phone-join-token")

    page.goto(f"/join/{invitation.token}/")
    expect(page.get_by_role("heading", name="Join Eastside Canvassers")).to_be_visible()
    expect(page.get_by_text("Lena Leader invited you")).to_be_visible()
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    shot(page, "landing")
    page.get_by_role("link", name="Join").click()

    expect(page.get_by_text("Step 2 of 5")).to_be_visible()
    page.get_by_label("Your name").fill("Pat Phone")
    page.get_by_label("Email").fill("pat@example.test")
    page.get_by_label("Choose a password").fill("a-long-fresh-passphrase")
    shot(page, "account")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("Step 3 of 5")).to_be_visible()
    expect(page.get_by_text("Keep voters' data private.")).to_be_visible()
    shot(page, "conduct")
    page.get_by_role("button", name="I agree").click()

    expect(page.get_by_text("Step 4 of 5")).to_be_visible()
    page.get_by_label("Weekends").check()
    page.get_by_label("Knocking on doors (canvassing)").check()
    shot(page, "preferences")
    page.get_by_role("button", name="Finish").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Step 5 of 5")).to_be_visible()
    expect(page.get_by_text("Meet your team: Eastside Canvassers, led by Lena Leader")).to_be_visible()
    shot(page, "home")

    membership = Membership.objects.get(user__email="pat@example.test")
    assert membership.team == team
    assert membership.recruited_by == leader
    assert membership.interests == ["canvassing"]
    assert membership.onboarding_steps_done == Membership.ONBOARDING_STEPS


def test_an_expired_link_explains_itself(page: Page, shot, team_with_leader):
    team, leader = team_with_leader
    expired = factories.invitation(team, created_by=leader, expires_at=timezone.now() - timedelta(days=1))
    response = page.goto(f"/join/{expired.token}/")
    assert response.status == 410
    expect(page.get_by_text("This invitation has expired.")).to_be_visible()
    expect(page.get_by_text("Ask Lena Leader or another organizer of Eastside Canvassers")).to_be_visible()
    shot(page, "expired")


def test_an_organizer_makes_a_join_link(page: Page, shot, sign_in, team_with_leader):
    team, _ = team_with_leader
    organizer = factories.user(email="omar@example.test", full_name="Omar Organizer")
    factories.membership(team, "organizer", user_obj=organizer)
    sign_in(organizer)

    page.goto(f"/teams/{team.slug}/invitations/")
    page.get_by_label("Role").select_option("volunteer")
    page.get_by_label("Link works for").select_option("30")
    page.get_by_label("How many people may use it").fill("25")
    page.get_by_role("button", name="Create link").click()

    expect(page.get_by_text("Your join link is ready")).to_be_visible()
    invitation = Invitation.objects.get(team=team)
    link = page.locator(".join-link").first
    expect(link).to_have_value(re.compile(rf"/join/{invitation.token}/$"))
    page.get_by_text("Show QR code").click()
    expect(page.locator(".qr-code svg").first).to_be_visible()
    shot(page, "invitations")
    assert invitation.max_uses == 25
    assert invitation.created_by == organizer

    page.goto("/")
    expect(page.get_by_role("heading", name="Your teams at a glance")).to_be_visible()
    shot(page, "home")
    page.goto(f"/teams/{team.slug}/")
    expect(page.get_by_text("Onboarding complete")).to_be_visible()
    shot(page, "team")
    page.goto(f"/teams/{team.slug}/edit/")
    expect(page.get_by_label("Members of this team may create events on their own")).to_be_checked()
    shot(page, "settings")


def test_an_organizer_changes_a_role_in_place(page: Page, shot, sign_in, team_with_leader):
    team, leader = team_with_leader
    organizer = factories.user(email="omar@example.test", full_name="Omar Organizer")
    factories.membership(team, "organizer", user_obj=organizer)
    volunteer = factories.membership(team, "volunteer", recruited_by=leader)
    sign_in(organizer)

    page.goto(f"/teams/{team.slug}/members/")
    page.evaluate("window.stillTheSamePage = true")  # gone if the browser loaded a new page instead of swapping
    row = page.locator(f"#member-{volunteer.pk}")
    row.get_by_role("combobox").select_option("leader")
    row.get_by_role("button", name="Save").click()
    expect(page.locator(f"#member-{volunteer.pk} select")).to_have_value("leader")
    shot(page, "members")
    assert Membership.objects.get(pk=volunteer.pk).role == "leader"

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#member-{volunteer.pk}").get_by_role("button", name="Remove").click()
    expect(page.locator(f"#member-{volunteer.pk}")).to_have_count(0)
    assert not Membership.objects.filter(pk=volunteer.pk).exists()
    assert page.evaluate("window.stillTheSamePage") is True
