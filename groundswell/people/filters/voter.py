"""Voter-file fields: registration status, party, vote history, and age from the date of birth."""

import operator
from datetime import date, timedelta
from functools import reduce

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import CombinedExpression
from django.db.models.lookups import Exact, GreaterThan, GreaterThanOrEqual
from django.utils import timezone

from groundswell.people.filters import FilterContext, FilterError, FilterKind, register
from groundswell.people.filters.clean import each, integer, obj, str_list
from groundswell.people.models import Person, Vote
from groundswell.people.vote_summary import election_bits, mask_of


def _clean_registration(value, context: FilterContext) -> list[str]:
    values = str_list(value)
    allowed = [choice for choice in Person.Registration.values if choice]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise FilterError(f"unknown registration status {unknown[0]!r} (allowed: {', '.join(allowed)})")
    return values


register(FilterKind(
    "registration_status", "Registration", _clean_registration,
    lambda qs, values, context: qs.filter(registration_status__in=values),
    lambda v: f"Registration: {', '.join(Person.Registration(x).label for x in v)}",
))
register(FilterKind(
    "party", "Party", lambda value, context: str_list(value, max_length=40),
    lambda qs, values, context: qs.filter(party__in=values), lambda v: f"Party: {', '.join(v)}",
))


def _elections(value) -> list[str]:
    values = str_list(value, max_length=40)
    if not values:
        raise FilterError("name at least one election")
    return values


def _clean_at_least(value) -> dict:
    value = obj(value, {"n", "of"})
    cleaned = each(value, {"n": lambda v: integer(v, low=1, high=100), "of": _elections})
    if "n" not in cleaned or "of" not in cleaned:
        raise FilterError("give n and the elections it counts (of)")
    if cleaned["n"] > len(cleaned["of"]):
        raise FilterError(errors={"n": f"cannot be more than the {len(cleaned['of'])} election(s) listed"})
    return cleaned


def _clean_voted(value, context: FilterContext) -> dict:
    value = obj(value, {"any", "all", "none", "at_least"})
    return each(value, {"any": _elections, "all": _elections, "none": _elections, "at_least": _clean_at_least})


def _voted_in(elections: list[str]) -> Exists:
    return Exists(Vote.objects.filter(person_id=OuterRef("pk"), election__in=elections))


def _apply_voted_by_votes(qs: QuerySet, value: dict) -> QuerySet:
    """The filter read from the Vote table: for elections without a bit (past the 63rd, or never imported)."""
    if "any" in value:
        qs = qs.filter(_voted_in(value["any"]))
    for election in value.get("all", []):
        qs = qs.filter(_voted_in([election]))
    if "none" in value:
        qs = qs.exclude(_voted_in(value["none"]))
    if "at_least" in value:
        rule = value["at_least"]
        # One grouped pass over the votes of those elections, not one count per person.
        voters = (
            Vote.objects.filter(election__in=rule["of"])
            .values("person_id")
            .annotate(times=Count("*"))
            .filter(times__gte=rule["n"])
            .values("person_id")
        )
        qs = qs.filter(pk__in=voters)
    return qs


def _masked(mask: int) -> CombinedExpression:
    return F("voted_mask").bitand(mask)


def _times_voted(bits: list[int]) -> CombinedExpression:
    """How many of these bits the mask has: a sum of one-bit terms, which both databases compute from the
    index entry alone (PostgreSQL 15 has no popcount for integers; bit_count(voted_mask::bit(64)) measured no
    faster at a million people)."""
    terms = [F("voted_mask").bitrightshift(bit).bitand(1) for bit in sorted(set(bits))]
    return reduce(lambda a, b: a + b, terms)


def _apply_voted(qs: QuerySet, value: dict, context: FilterContext) -> QuerySet:
    """Vote history from Person.voted_mask (people.vote_summary) for the elections that have a bit, from the
    Vote table for the rest. Without an organization to look bits up in, all of it from the Vote table."""
    if context.org is None:
        return _apply_voted_by_votes(qs, value)
    named = {*value.get("any", []), *value.get("all", []), *value.get("none", []),
             *value.get("at_least", {}).get("of", [])}
    bits = election_bits(context.org.pk, named)
    if "any" in value:
        mask, rest = mask_of(bits, value["any"]), [e for e in value["any"] if e not in bits]
        voted = [Q(GreaterThan(_masked(mask), 0))] if mask else []
        qs = qs.filter(reduce(operator.or_, voted + ([Q(_voted_in(rest))] if rest else [])))
    if "all" in value:
        mask = mask_of(bits, value["all"])
        if mask:
            qs = qs.filter(Exact(_masked(mask), mask))
        qs = _apply_voted_by_votes(qs, {"all": [e for e in value["all"] if e not in bits]})
    if "none" in value:
        mask, rest = mask_of(bits, value["none"]), [e for e in value["none"] if e not in bits]
        if mask:
            qs = qs.filter(Exact(_masked(mask), 0))
        if rest:
            qs = qs.exclude(_voted_in(rest))
    if "at_least" in value:
        rule = value["at_least"]
        if all(e in bits for e in rule["of"]):
            qs = qs.filter(GreaterThanOrEqual(_times_voted([bits[e] for e in rule["of"]]), rule["n"]))
        else:
            qs = _apply_voted_by_votes(qs, {"at_least": rule})
    return qs


def _describe_voted(value: dict) -> str:
    parts = []
    if "any" in value:
        parts.append(f"voted in any of {', '.join(value['any'])}")
    if "all" in value:
        parts.append(f"voted in all of {', '.join(value['all'])}")
    if "none" in value:
        parts.append(f"did not vote in {', '.join(value['none'])}")
    if "at_least" in value:
        parts.append(f"voted in at least {value['at_least']['n']} of {', '.join(value['at_least']['of'])}")
    return "Vote history: " + "; ".join(parts)


register(FilterKind("voted", "Vote history", _clean_voted, _apply_voted, _describe_voted))


def _clean_age(value, context: FilterContext) -> dict:
    value = obj(value, {"min", "max"})
    cleaned = each(value, {"min": lambda v: integer(v, low=0, high=130), "max": lambda v: integer(v, low=0, high=130)})
    if "min" in cleaned and "max" in cleaned and cleaned["min"] > cleaned["max"]:
        raise FilterError(errors={"max": "must not be below the minimum age"})
    return cleaned


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for a 29 February that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _apply_age(qs: QuerySet, value: dict, context: FilterContext) -> QuerySet:
    today = timezone.localdate()
    if "min" in value:
        qs = qs.filter(birth_date__lte=years_before(today, value["min"]))
    if "max" in value:
        # Aged at most N: not yet N + 1, so born after the day N + 1 years ago.
        qs = qs.filter(birth_date__gte=years_before(today, value["max"] + 1) + timedelta(days=1))
    return qs


def _describe_age(value: dict) -> str:
    return f"Age {value.get('min', 0)}–{value['max']}" if "max" in value else f"Age {value.get('min', 0)} or more"


register(FilterKind("age", "Age", _clean_age, _apply_age, _describe_age))
