"""The person CRM in a real browser on a phone-sized screen: find someone by phone, tag them, opt them out."""

import pytest
from playwright.sync_api import Page, expect

from groundswell.people.models import Person
from tests import factories

pytestmark = pytest.mark.e2e


@pytest.fixture
def organizer_and_people(transactional_db):
    org = factories.team(name="Riverside Organizing")
    region = factories.team(org, name="North Riverside")
    organizer = factories.user(email="olu@example.test", full_name="Olu Organizer")
    factories.membership(region, "organizer", user_obj=organizer)
    nia = factories.person(region, first_name="Nia", last_name="Navarro", city="Duluth", state="MN",
                           phones=["+12185550123"], emails=["nia@example.org"], party="DFL", precinct="P-12")
    for n in range(5):
        factories.person(region, first_name=f"Voter{n}", last_name="Sample", city="Duluth",
                         phones=[f"+1218555020{n}"])
    return region, organizer, nia


def test_an_organizer_finds_tags_and_opts_out_someone_on_a_phone(page: Page, shot, sign_in, organizer_and_people):
    region, organizer, nia = organizer_and_people
    sign_in(organizer)
    page.goto("/")
    page.get_by_text("Menu", exact=True).click()  # on a phone the main menu starts closed
    page.get_by_role("link", name="People", exact=True).first.click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    shot(page, "list")

    page.get_by_placeholder("Name, phone or email").fill("218.555.0123")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 person matches")).to_be_visible()
    expect(page.get_by_role("link", name="(218) 555-0123")).to_have_attribute("href", "tel:+12185550123")
    page.get_by_role("link", name="Nia Navarro").click()
    expect(page.get_by_role("heading", name="Nia Navarro")).to_be_visible()
    expect(page.get_by_text("(218) 555-0123").first).to_be_visible()
    expect(page.get_by_text("derived from the state")).to_be_visible()
    shot(page, "person")

    page.get_by_placeholder("Add a tag").fill("Phone bank")
    page.get_by_role("button", name="Add tag").click()
    expect(page.locator("#person-tags").get_by_text("Phone bank")).to_be_visible()
    expect(page.locator("#person-timeline").get_by_text("Tagged “Phone bank”")).to_be_visible()

    page.locator("#person-consent summary").nth(1).click()  # texts
    page.get_by_label("How do we know?").nth(1).select_option("asked on a call")
    page.get_by_role("button", name="Opt out of texts").click()
    expect(page.locator("#person-consent").get_by_text("opted out", exact=True)).to_be_visible()
    shot(page, "opted-out")
    assert Person.objects.get(pk=nia.pk).text_opt_out_at is not None

    page.goto(f"/teams/{region.slug}/people/new/")
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Phones").fill("555-0000")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_text("impossible phone number")).to_be_visible()
    shot(page, "form-error")
