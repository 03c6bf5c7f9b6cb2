"""The vote-history summary: Election rows (a bit per election code, per organization) and Person.voted_mask.

Vote rows are the source of truth; the mask is derived and must stay exact, so every write of votes goes
through here or keeps it itself in the same statement (the imports, people.importing.upsert*): bit i of a
person's mask is set exactly when they have a Vote for the organization's election with bit i. Elections
beyond the 63 bits have no bit and are filtered from the Vote table (people.filters.voter).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import BigIntegerField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from groundswell.orgs.models import Team
from groundswell.people.models import MASK_BITS, Election, Person, Vote


def election_bits(org_id: int, codes: Iterable[str]) -> dict[str, int]:
    """The bits of those of `codes` the organization has registered with one (no entry: read the Vote table)."""
    return dict(
        Election.objects.filter(org_id=org_id, code__in=set(codes), bit__isnull=False).values_list("code", "bit")
    )


def elections_ensure(org_id: int, codes: Iterable[str]) -> dict[str, int | None]:
    """Bits of `codes` (None past the 63rd election), registering the codes seen for the first time.

    New codes take the lowest free bits, newest first when several arrive at once (codes begin with the year,
    and recent elections are the ones lists ask about). Assigning is serialised per organization by a lock on
    its root team row (held to the end of the caller's transaction), so two imports never take the same bit."""
    codes = set(codes)
    if not codes:
        return {}
    known = dict(Election.objects.filter(org_id=org_id, code__in=codes).values_list("code", "bit"))
    if len(known) == len(codes):
        return known
    with transaction.atomic():
        Team.objects.select_for_update(no_key=True).filter(pk=org_id).values_list("pk").first()
        taken = dict(Election.objects.filter(org_id=org_id).values_list("code", "bit"))
        used = {bit for bit in taken.values() if bit is not None}
        free = iter([bit for bit in range(MASK_BITS) if bit not in used])
        new = [Election(org_id=org_id, code=code, bit=next(free, None))
               for code in sorted(codes - taken.keys(), reverse=True)]
        Election.objects.bulk_create(new)
    return {**known, **{e.code: e.bit for e in new}, **{c: taken[c] for c in codes if c in taken}}


def mask_of(bits: dict[str, int | None], codes: Iterable[str]) -> int:
    """The mask of having voted in `codes`, given their bits."""
    mask = 0
    for code in codes:
        if bits.get(code) is not None:
            mask |= 1 << bits[code]
    return mask


@transaction.atomic
def votes_record(*, org_id: int, election: str, voted: list[tuple[int, str]]) -> None:
    """Record that these (person id, method) voted in `election`; a vote already recorded is kept as it is."""
    if not voted:
        return
    Vote.objects.bulk_create([Vote(person_id=pid, election=election, method=method) for pid, method in voted],
                             ignore_conflicts=True, batch_size=1000)
    bit = elections_ensure(org_id, [election])[election]
    if bit is not None:
        Person.objects.filter(pk__in=[pid for pid, _ in voted]).update(voted_mask=F("voted_mask").bitor(1 << bit))


@transaction.atomic
def votes_remove(*, org_id: int, election: str, person_ids: list[int]) -> None:
    """Take back the votes of these people in `election` (a rejected ballot)."""
    if not person_ids:
        return
    Vote.objects.filter(person_id__in=person_ids, election=election).delete()
    bit = election_bits(org_id, [election]).get(election)
    if bit is not None:
        Person.objects.filter(pk__in=person_ids).update(voted_mask=F("voted_mask").bitand(~(1 << bit)))


def _fresh_mask() -> Coalesce:
    """The mask recomputed from the person's Vote rows: the sum of the bits of their elections (each bit at
    most once, as a person has one Vote per election and an election one bit, so the sum is the OR)."""
    one = Cast(Value(1), BigIntegerField())  # 1 << 62 must not be computed as a 32-bit integer on PostgreSQL
    bits = (
        Election.objects.filter(
            org_id=OuterRef("org_id"), bit__isnull=False,
            code__in=Vote.objects.filter(person_id=OuterRef(OuterRef("pk"))).values("election"),
        )
        .order_by()
        .values("org_id")
        .annotate(mask=Sum(one.bitleftshift(F("bit")), output_field=BigIntegerField()))
        .values("mask")
    )
    return Coalesce(Subquery(bits, output_field=BigIntegerField()), Value(0), output_field=BigIntegerField())


def voted_masks_refresh(*, person_ids: Iterable[int]) -> None:
    """Recompute these people's masks from their Vote rows (after votes moved between records)."""
    Person.objects.filter(pk__in=list(person_ids)).update(voted_mask=_fresh_mask())


@transaction.atomic
def vote_summary_rebuild(*, org: Team | None = None) -> int:
    """Register every election code the Vote rows name and recompute every mask from the Vote rows, for one
    organization or all of them; returns how many people's masks were wrong (0 when the summary was exact)."""
    people = Person.objects.all() if org is None else Person.objects.filter(org_id=org.pk)
    codes = Vote.objects.filter(person__in=people).values_list("person__org_id", "election").distinct()
    by_org: dict[int, set[str]] = {}
    for org_id, code in codes:
        by_org.setdefault(org_id, set()).add(code)
    for org_id, org_codes in by_org.items():
        elections_ensure(org_id, org_codes)
    stale = people.alias(fresh=_fresh_mask()).exclude(voted_mask=F("fresh"))
    ids = list(stale.values_list("pk", flat=True))
    for start in range(0, len(ids), 5000):
        voted_masks_refresh(person_ids=ids[start:start + 5000])
    return len(ids)
