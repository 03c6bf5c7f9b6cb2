"""Finding likely duplicate person records in an organization, and the queue that reviews them.

Three signals: the same normalised phone number, the same normalised email address, and a similar name
(rapidfuzz) at the same address. Names are compared only within a block of people who share a ZIP code and
the first letter of their last name, read in that order from the database one block at a time, so the work
grows with the number of people rather than its square. Merging is in dedupe_merge.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations, groupby

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from rapidfuzz import fuzz, process, utils

from groundswell.audit.services import audit_log
from groundswell.common.errors import NotFound
from groundswell.orgs.access import Actor, visible_teams
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.people.dedupe_merge import person_merge
from groundswell.people.models import ACTIVE, DuplicateCandidate, Email, Person, Phone

__all__ = ["find_candidates", "person_merge", "candidates_for", "candidate_get_for", "candidate_dismiss"]

NAME_SIMILARITY = 88  # rapidfuzz token_sort_ratio, 0–100
ADDRESS_SIMILARITY = 85
# USPS street suffixes and directions, so "12 Oak Street" and "12 Oak St." are one address.
ADDRESS_WORDS = {
    "street": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr", "lane": "ln", "boulevard": "blvd",
    "court": "ct", "place": "pl", "circle": "cir", "highway": "hwy", "parkway": "pkwy", "terrace": "ter",
    "apartment": "apt", "suite": "ste", "north": "n", "south": "s", "east": "e", "west": "w",
}
# A number or address shared by more records than this is an office line or a family inbox, not a duplicate.
MAX_SHARED = 10
BLOCK_READ = 5000  # rows fetched per round trip while streaming the organization's people


@dataclass
class Pair:
    score: float
    reasons: list[str]


def _add(pairs: dict[tuple[int, int], Pair], a: int, b: int, score: float, reason: str) -> None:
    key = (a, b) if a < b else (b, a)
    found = pairs.get(key)
    if found is None:
        pairs[key] = Pair(score, [reason])
    elif reason not in found.reasons:
        found.reasons.append(reason)
        found.score = max(found.score, score)


def _same_value_pairs(pairs: dict, model, field: str, org: Team, label: str, score: float) -> None:
    """Pairs of people of `org` holding the same value (E.164 number or normalised address).

    Both queries read the one table and its (org, value) index, without a join to people: a join lets a
    planner without fresh statistics (right after a large import) pick a plan that grows with the square
    of the table. Soft-deleted people are dropped afterwards, in find_candidates."""
    rows = model.objects.filter(org=org)
    shared = rows.values(field).annotate(n=Count("id")).filter(n__gt=1, n__lte=MAX_SHARED).values(field)
    holders = rows.filter(**{f"{field}__in": shared}).order_by(field, "person_id").values_list(field, "person_id")
    for value, group in groupby(holders.iterator(chunk_size=BLOCK_READ), key=lambda r: r[0]):
        people = sorted({person_id for _, person_id in group})
        for a, b in combinations(people, 2):
            _add(pairs, a, b, score, f"same {label} {value}")


def _name_blocks(org: Team) -> Iterator[list[tuple]]:
    """Active people with a ZIP and a last name, one ZIP + last-initial block at a time."""
    people = (
        Person.objects.filter(ACTIVE, org=org)
        .exclude(zip="")
        .exclude(last_name="")
        .order_by("zip", "last_name", "pk")
        .values_list("pk", "zip", "last_name", "first_name", "address1")
    )
    key = lambda row: (row[1], row[2][:1].lower())  # noqa: E731
    for _, block in groupby(people.iterator(chunk_size=BLOCK_READ), key=key):
        block = list(block)
        if len(block) > 1:
            yield block


def _similar_name_pairs(pairs: dict, org: Team) -> None:
    for block in _name_blocks(org):
        names = [utils.default_process(f"{first} {last}") for _, _, last, first, _ in block]
        for i, person in enumerate(block[:-1]):
            later = names[i + 1:]
            matches = process.extract(
                names[i], later, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=NAME_SIMILARITY,
                limit=None,
            )
            for _, score, offset in matches:
                _add_if_same_place(pairs, person, block[i + 1 + offset], score / 100)


def _add_if_same_place(pairs: dict, a: tuple, b: tuple, name_score: float) -> None:
    """Similar names in one ZIP: a strong candidate at the same street address, a weak one when either
    address is missing, none when both addresses are known and differ."""
    address_a, address_b = _address_words(a[4]), _address_words(b[4])
    if address_a and address_b:
        if _same_address(address_a, address_b):
            _add(pairs, a[0], b[0], round(name_score * 0.95, 3), "similar name and address")
        return
    _add(pairs, a[0], b[0], round(name_score * 0.8, 3), f"similar name in ZIP {a[1]}")


def _address_words(text: str) -> list[str]:
    return [ADDRESS_WORDS.get(word, word) for word in utils.default_process(text).split()]


def _same_address(a: list[str], b: list[str]) -> bool:
    """Same house number (when both start with one) and a similar rest of the street address."""
    if a[0].isdigit() and b[0].isdigit() and a[0] != b[0]:
        return False
    return fuzz.ratio(" ".join(a), " ".join(b)) >= ADDRESS_SIMILARITY


def find_candidates(org: Team) -> int:
    """Look for likely duplicates among the organization's active people and queue the pairs not already
    queued (a pair once marked "not the same person" is never added again). Returns how many were added."""
    pairs: dict[tuple[int, int], Pair] = {}
    _same_value_pairs(pairs, Phone, "number", org, "phone", 1.0)
    _same_value_pairs(pairs, Email, "address", org, "email", 0.99)
    _similar_name_pairs(pairs, org)
    known = set(DuplicateCandidate.objects.filter(org=org).values_list("first_id", "second_id"))
    deleted = set(Person.objects.filter(org=org, deleted_at__isnull=False).values_list("pk", flat=True))
    new = [
        DuplicateCandidate(org=org, first_id=a, second_id=b, score=p.score, reason="; ".join(p.reasons)[:200])
        for (a, b), p in pairs.items()
        if (a, b) not in known and a not in deleted and b not in deleted
    ]
    DuplicateCandidate.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)


def candidates_for(actor: Actor, team: Team, statuses: tuple[str, ...] = (DuplicateCandidate.Status.OPEN,)) -> QuerySet:
    """Candidate pairs whose two people are both active and owned within `team`'s subtree, where the actor
    may edit people (both records must be theirs to merge)."""
    teams = visible_teams(actor, Cap.EDIT_PEOPLE).filter(path__startswith=team.path)
    return (
        DuplicateCandidate.objects.filter(status__in=statuses, first__team__in=teams, second__team__in=teams)
        .filter(Q(first__deleted_at__isnull=True) & Q(second__deleted_at__isnull=True))
        .select_related("first", "second", "first__team", "second__team")
    )


def candidate_get_for(actor: Actor, team: Team, candidate_id: int) -> DuplicateCandidate:
    """One pair of the team's queue, open or dismissed; NotFound otherwise."""
    statuses = (DuplicateCandidate.Status.OPEN, DuplicateCandidate.Status.DISMISSED)
    found = candidates_for(actor, team, statuses).filter(pk=candidate_id).first()
    if found is None:
        raise NotFound("duplicate")
    return found


@transaction.atomic
def candidate_dismiss(*, actor, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """Mark the pair "not the same person": it leaves the queue and a later scan never adds it again."""
    candidate.status = DuplicateCandidate.Status.DISMISSED
    candidate.resolved_by = getattr(actor, "user", actor)
    candidate.resolved_at = timezone.now()
    candidate.save(update_fields=["status", "resolved_by", "resolved_at"])
    audit_log(
        actor=actor,
        action="people.duplicate.dismissed",
        target=candidate,
        team_path=candidate.first.team.path,
        data={"first_id": candidate.first_id, "second_id": candidate.second_id},
    )
    return candidate
