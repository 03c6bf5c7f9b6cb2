"""Checking the vote-history summary against the Vote rows, computed here in Python, not by the code under test."""

from groundswell.people.models import Election, Person, Vote


def expected_masks(org) -> dict[int, int]:
    bits = dict(Election.objects.filter(org=org, bit__isnull=False).values_list("code", "bit"))
    masks = dict.fromkeys(Person.objects.filter(org=org).values_list("pk", flat=True), 0)
    for person_id, election in Vote.objects.filter(person__org=org).values_list("person_id", "election"):
        if election in bits:
            masks[person_id] |= 1 << bits[election]
    return masks


def wrong_masks(org) -> dict[int, tuple[int, int]]:
    """{person id: (stored mask, mask of their Vote rows)} for every person whose stored mask is wrong, and a
    {0: ...} entry when some voted-in election has no Election row (the mask could not hold it)."""
    stored = dict(Person.objects.filter(org=org).values_list("pk", "voted_mask"))
    wrong = {pk: (stored[pk], mask) for pk, mask in expected_masks(org).items() if stored[pk] != mask}
    registered = set(Election.objects.filter(org=org).values_list("code", flat=True))
    unregistered = set(Vote.objects.filter(person__org=org).values_list("election", flat=True)) - registered
    if unregistered:
        wrong[0] = (0, len(unregistered))
    return wrong
