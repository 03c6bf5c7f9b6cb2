"""The duplicates queue, the scan button and the side-by-side page (merge, dismiss), with their scoping."""

import pytest
from django.urls import reverse

from groundswell.people.models import DuplicateCandidate, Person
from tests import factories


def queue_url(team) -> str:
    return reverse("people:duplicate-list", args=[team.slug])


def detail_url(team, candidate) -> str:
    return reverse("people:duplicate-detail", args=[team.slug, candidate.pk])


@pytest.fixture
def pair(org_tree):
    first = factories.person(org_tree.north, first_name="Ana", last_name="Ruiz", phones=["+15125550123"])
    second = factories.person(org_tree.north_chapter, first_name="Anna", last_name="Ruiz", city="Austin",
                              phones=["+15125550123"])
    return DuplicateCandidate.objects.create(org=org_tree.org, first=first, second=second,
                                             reason="same phone +15125550123")


def test_the_queue_lists_pairs_with_their_count(pair, personas, client_for, org_tree):
    page = client_for(personas.organizer).get(queue_url(org_tree.north))
    assert page.status_code == 200
    text = page.content.decode()
    assert "1 pair to review" in text and "Ana Ruiz" in text and "Look for duplicates" in text


def test_a_pair_outside_the_team_is_not_in_its_queue(pair, personas, client_for, org_tree):
    # The first record is on North Region, above North Chapter: not the chapter's to merge.
    client = client_for(personas.organizer)
    assert "0 pairs to review" in client.get(queue_url(org_tree.north_chapter)).content.decode()
    assert client.get(detail_url(org_tree.north_chapter, pair)).status_code == 404


def test_the_scan_button_finds_pairs(org_tree, personas, client_for):
    factories.person(org_tree.north, emails=["x@example.org"])
    factories.person(org_tree.north, emails=["x@example.org"])
    response = client_for(personas.steward).post(reverse("people:duplicate-scan", args=[org_tree.north.slug]))
    assert response.status_code == 302
    assert DuplicateCandidate.objects.count() == 1


def test_the_side_by_side_page_offers_a_choice_per_differing_field(pair, personas, client_for, org_tree):
    page = client_for(personas.organizer).get(detail_url(org_tree.north, pair))
    assert page.status_code == 200
    form = page.context["form"]
    assert list(form.fields) == ["first_name", "team"]
    text = page.content.decode()
    assert "Austin" in text and "+15125550123" in text


def test_merging_from_the_page(pair, personas, client_for, org_tree):
    response = client_for(personas.organizer).post(detail_url(org_tree.north, pair), {
        "action": "merge", "first_name": "other",
    })
    assert response.status_code == 302
    kept = Person.objects.get(pk=pair.first_id)
    assert (kept.first_name, kept.city) == ("Anna", "Austin")
    assert not Person.objects.filter(pk=pair.second_id).exists()
    assert not DuplicateCandidate.objects.exists()


def test_a_bad_choice_is_a_field_error(pair, personas, client_for, org_tree):
    response = client_for(personas.organizer).post(detail_url(org_tree.north, pair), {
        "action": "merge", "first_name": "both",
    })
    assert response.status_code == 400
    assert "first_name" in response.context["form"].errors
    assert Person.objects.filter(pk=pair.second_id).exists()


def test_dismissing_marks_the_pair_and_keeps_both(pair, personas, client_for, org_tree):
    response = client_for(personas.steward).post(detail_url(org_tree.north, pair), {"action": "dismiss"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.resolved_by) == ("dismissed", personas.steward)
    assert Person.objects.filter(pk__in=[pair.first_id, pair.second_id]).count() == 2
    assert "0 pairs to review" in client_for(personas.steward).get(queue_url(org_tree.north)).content.decode()


@pytest.mark.parametrize(("persona", "status"), [
    ("analyst", 403), ("leader", 404), ("volunteer", 404), ("outsider", 404),
])
def test_only_people_editors_review_duplicates(pair, personas, client_for, org_tree, persona, status):
    client = client_for(getattr(personas, persona))
    assert client.get(queue_url(org_tree.north)).status_code == status
    assert client.post(detail_url(org_tree.north, pair), {"action": "merge"}).status_code == status
    assert Person.objects.filter(pk=pair.second_id).exists()


def test_a_candidate_of_another_organization_is_not_found(org_tree, personas, client_for):
    first, second = factories.person(org_tree.other), factories.person(org_tree.other)
    theirs = DuplicateCandidate.objects.create(org=org_tree.other, first=first, second=second, reason="x")
    assert client_for(personas.admin).get(detail_url(org_tree.org, theirs)).status_code == 404
