"""Property: the phone signal pairs exactly the records that share a number, each pair once, lower id first."""

from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundswell.people import dedupe
from groundswell.people.models import DuplicateCandidate, Person
from tests import factories

NUMBERS = [f"+1512555{n:04d}" for n in range(6)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(holdings=st.lists(st.sets(st.sampled_from(NUMBERS), max_size=3), min_size=2, max_size=8))
def test_phone_pairs_are_exactly_the_records_sharing_a_number(org_tree, holdings):
    Person.objects.filter(org=org_tree.org).delete()
    people = [(factories.person(org_tree.north, phones=sorted(numbers), zip=""), numbers) for numbers in holdings]
    dedupe.find_candidates(org_tree.org)
    expected = {(a.pk, b.pk) for (a, na), (b, nb) in combinations(people, 2) if na & nb}
    found = list(DuplicateCandidate.objects.filter(org=org_tree.org).values_list("first_id", "second_id"))
    assert sorted(found) == sorted(expected)
    assert all(first < second for first, second in found)
    assert dedupe.find_candidates(org_tree.org) == 0  # a second scan adds nothing
