"""Finding likely duplicates: same phone, same email, similar name at the same address; never a dismissed pair."""

import pytest
from django.utils import timezone

from groundswell.people import dedupe
from groundswell.people.models import DuplicateCandidate
from tests import factories


def pairs(org) -> dict[tuple[int, int], str]:
    return {(c.first_id, c.second_id): c.reason for c in DuplicateCandidate.objects.filter(org=org)}


def test_it_pairs_people_with_the_same_phone(org_tree):
    a = factories.person(org_tree.north, phones=["+15125550123"])
    b = factories.person(org_tree.south_team, phones=["+15125550199", "+15125550123"])
    factories.person(org_tree.north, phones=["+15125550100"])
    assert dedupe.find_candidates(org_tree.org) == 1
    assert pairs(org_tree.org) == {(a.pk, b.pk): "same phone +15125550123"}


def test_it_pairs_people_with_the_same_email_and_joins_reasons(org_tree):
    a = factories.person(org_tree.north, emails=["ana@example.org"], phones=["+15125550123"])
    b = factories.person(org_tree.north, emails=["ana@example.org"], phones=["+15125550123"])
    dedupe.find_candidates(org_tree.org)
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.first_id, candidate.second_id) == (a.pk, b.pk)
    assert candidate.reason == "same phone +15125550123; same email ana@example.org"
    assert candidate.score == 1.0


def test_it_pairs_similar_names_at_the_same_address(org_tree):
    a = factories.person(org_tree.north, first_name="Jonathan", last_name="Smith", zip="78701",
                         address1="12 Oak Street")
    b = factories.person(org_tree.north, first_name="Jonathon", last_name="Smith", zip="78701",
                         address1="12 Oak St.")
    c = factories.person(org_tree.north, first_name="Jonathan", last_name="Smith", zip="78701",
                         address1="900 Elm Avenue")  # same name, another house: another person
    factories.person(org_tree.north, first_name="Peter", last_name="Smith", zip="78701", address1="12 Oak Street")
    factories.person(org_tree.north, first_name="Jonathan", last_name="Smith", zip="10001", address1="12 Oak Street")
    dedupe.find_candidates(org_tree.org)
    found = pairs(org_tree.org)
    assert found == {(a.pk, b.pk): "similar name and address"}
    assert (a.pk, c.pk) not in found


def test_a_missing_address_makes_a_weaker_candidate(org_tree):
    a = factories.person(org_tree.north, first_name="Maria", last_name="Garcia", zip="78701")
    b = factories.person(org_tree.north, first_name="María", last_name="Garcia", zip="78701", address1="1 Main St")
    dedupe.find_candidates(org_tree.org)
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.first_id, candidate.second_id, candidate.reason) == (a.pk, b.pk, "similar name in ZIP 78701")
    assert candidate.score < 0.9


def test_a_dismissed_pair_is_never_added_again(org_tree):
    a = factories.person(org_tree.north, phones=["+15125550123"])
    b = factories.person(org_tree.north, phones=["+15125550123"])
    dedupe.find_candidates(org_tree.org)
    DuplicateCandidate.objects.update(status=DuplicateCandidate.Status.DISMISSED)
    assert dedupe.find_candidates(org_tree.org) == 0
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.first_id, candidate.second_id, candidate.status) == (a.pk, b.pk, "dismissed")


def test_a_second_scan_adds_only_new_pairs(org_tree):
    factories.person(org_tree.north, phones=["+15125550123"])
    factories.person(org_tree.north, phones=["+15125550123"])
    assert dedupe.find_candidates(org_tree.org) == 1
    factories.person(org_tree.north, phones=["+15125550123"])
    assert dedupe.find_candidates(org_tree.org) == 2
    assert DuplicateCandidate.objects.count() == 3


def test_it_skips_deleted_people_and_other_organizations(org_tree):
    factories.person(org_tree.north, phones=["+15125550123"])
    factories.person(org_tree.north, phones=["+15125550123"], deleted_at=timezone.now())
    factories.person(org_tree.other, phones=["+15125550123"])
    assert dedupe.find_candidates(org_tree.org) == 0


def test_a_number_shared_by_many_records_is_not_a_duplicate_signal(org_tree):
    for _ in range(dedupe.MAX_SHARED + 1):
        factories.person(org_tree.north, phones=["+15125550100"])  # the union hall's front desk
    assert dedupe.find_candidates(org_tree.org) == 0


@pytest.mark.parametrize(("first", "second", "expected"), [
    (("Robert", "Jones"), ("Robert", "Jones"), True),
    (("Robert", "Jones"), ("Robret", "Jones"), True),
    (("Robert", "Jones"), ("Jones", "Robert"), False),  # different last-name initial: a different block
    (("Robert", "Jones"), ("Alice", "Jones"), False),
])
def test_name_similarity_threshold(org_tree, first, second, expected):
    for given, family in (first, second):
        factories.person(org_tree.north, first_name=given, last_name=family, zip="78701", address1="5 Pine Rd")
    dedupe.find_candidates(org_tree.org)
    assert DuplicateCandidate.objects.exists() is expected


def test_the_task_scans_an_organization(org_tree):
    from groundswell.people.tasks_dedupe import refresh_duplicate_candidates

    factories.person(org_tree.north, emails=["x@example.org"])
    factories.person(org_tree.north, emails=["x@example.org"])
    result = refresh_duplicate_candidates.enqueue(org_tree.org.pk)
    assert result.return_value == 1
