"""Django's own error answers: JSON under /api/, the site's pages elsewhere (laid out for a phone, with a way
home), and a page instead of an empty body for a form's address opened directly."""

import pytest
from django.test import RequestFactory

from groundswell import urls
from groundswell.web.errors import server_error


@pytest.mark.parametrize("who", ["anonymous", "volunteer"])
def test_an_address_that_matches_nothing_is_the_sites_404_page(personas, client_for, client, who):
    browser = client if who == "anonymous" else client_for(personas.volunteer)
    response = browser.get("/teams/north-team/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'name="viewport"' in page  # Django's bare page has none and lays out 980 px wide on a phone
    assert "There is no page at this address" in page
    assert 'href="/"' in page


def test_an_unknown_api_address_is_json(personas, client_for):
    response = client_for(personas.volunteer).get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "not found"}


def test_opening_a_forms_address_is_a_page_not_an_empty_405(personas, client_for):
    response = client_for(personas.volunteer).get("/accounts/logout/")  # POST only
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"
    page = response.content.decode()
    assert "has no page of its own" in page and 'name="viewport"' in page


def test_server_errors_are_a_standalone_page_or_json(db):
    assert urls.handler500 == "groundswell.web.errors.server_error"
    page = server_error(RequestFactory().get("/people/"))
    assert page.status_code == 500
    assert "Something went wrong" in page.content.decode() and 'name="viewport"' in page.content.decode()
    api = server_error(RequestFactory().get("/api/v1/people"))
    assert api.status_code == 500 and "server error" in api.content.decode()


def test_the_favicon_address_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("groundswell/icon.svg")


def test_a_nul_character_in_a_search_is_a_400_page_not_a_server_error(org_tree, personas, client_for):
    # PostgreSQL refuses NUL in text: the people search used to be a 500 there.
    response = client_for(personas.organizer).get(f"/teams/{org_tree.north.slug}/people/", {"q": "Ro\x00sa"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode() and 'name="viewport"' in response.content.decode()


def test_a_nul_character_in_a_form_saves_nothing(personas, client_for):
    response = client_for(personas.volunteer).post("/accounts/profile/", {"full_name": "Val\x00", "time_zone": ""})
    assert response.status_code == 400
    personas.volunteer.refresh_from_db()
    assert personas.volunteer.full_name == "Val Volunteer"


def test_a_nul_character_on_the_api_is_json(personas, client_for):
    response = client_for(personas.volunteer).get("/api/v1/me", {"x": "\x00"})
    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"]
