"""Reachability: phones and emails on file, last contact and its result, opt-outs and consent."""

from datetime import UTC, datetime, time

from django.db.models import Exists, OuterRef, Q, QuerySet

from groundswell.people.consent import contactable
from groundswell.people.filters import FilterContext, FilterError, FilterKind, register
from groundswell.people.filters.clean import as_date, boolean, each, iso_date, obj, str_list
from groundswell.people.models import Channel, Email, Person, Phone


def _presence(key: str, label: str, usable: QuerySet) -> None:
    def apply(qs: QuerySet, wanted: bool, context: FilterContext) -> QuerySet:
        exists = Exists(usable.filter(person_id=OuterRef("pk")))
        return qs.filter(exists) if wanted else qs.exclude(exists)

    register(FilterKind(
        key, label, lambda value, context: boolean(value), apply,
        lambda wanted: f"{label}: {'yes' if wanted else 'no'}",
    ))


_presence("has_phone", "Has a phone", Phone.objects.filter(valid=True))
_presence("has_mobile", "Has a mobile phone", Phone.objects.filter(valid=True, kind=Phone.Kind.MOBILE))
_presence("has_email", "Has an email", Email.objects.filter(valid=True))


def _clean_last_contacted(value, context: FilterContext) -> dict:
    value = obj(value, {"never", "before", "after"})
    cleaned = each(value, {"never": boolean, "before": iso_date, "after": iso_date})
    if cleaned.get("never") and ("before" in cleaned or "after" in cleaned):
        raise FilterError(errors={"never": "cannot be combined with before/after"})
    if "before" in cleaned and "after" in cleaned and cleaned["after"] >= cleaned["before"]:
        raise FilterError(errors={"before": "must be later than after"})
    return cleaned


def _midnight_utc(day: str) -> datetime:
    return datetime.combine(as_date(day), time.min, tzinfo=UTC)


def _apply_last_contacted(qs: QuerySet, value: dict, context: FilterContext) -> QuerySet:
    if "never" in value:
        qs = qs.filter(last_contacted_at__isnull=value["never"])
    if "before" in value:
        qs = qs.filter(last_contacted_at__lt=_midnight_utc(value["before"]))
    if "after" in value:
        qs = qs.filter(last_contacted_at__gte=_midnight_utc(value["after"]))
    return qs


def _describe_last_contacted(value: dict) -> str:
    if "never" in value:
        return "Never contacted" if value["never"] else "Contacted at least once"
    parts = [f"before {value['before']}"] * ("before" in value) + [f"on or after {value['after']}"] * ("after" in value)
    return "Last contacted " + " and ".join(parts)


register(FilterKind(
    "last_contacted", "Last contacted", _clean_last_contacted, _apply_last_contacted, _describe_last_contacted
))
register(FilterKind(
    "last_result", "Last result", lambda value, context: str_list(value, max_length=40),
    lambda qs, values, context: qs.filter(last_result__in=values), lambda v: f"Last result: {', '.join(v)}",
))


def _clean_opted_out(value, context: FilterContext) -> dict:
    value = obj(value, set(Channel.values))
    return each(value, dict.fromkeys(Channel.values, boolean))


def _apply_opted_out(qs: QuerySet, value: dict, context: FilterContext) -> QuerySet:
    for channel, opted_out in value.items():
        qs = qs.filter(Q(**{f"{Person.OPT_OUT_FIELD[Channel(channel)]}__isnull": not opted_out}))
    return qs


register(FilterKind(
    "opted_out", "Opted out", _clean_opted_out, _apply_opted_out,
    lambda v: "; ".join(f"{'opted out of' if out else 'not opted out of'} {c}" for c, out in v.items()).capitalize(),
))


def _clean_contactable(value, context: FilterContext) -> list[str]:
    channels = str_list(value)
    unknown = [c for c in channels if c not in Channel.values]
    if unknown:
        raise FilterError(f"unknown channel {unknown[0]!r} (allowed: {', '.join(Channel.values)})")
    return channels


def _apply_contactable(qs: QuerySet, channels: list[str], context: FilterContext) -> QuerySet:
    for channel in channels:
        qs = contactable(qs, channel)
    return qs


register(FilterKind(
    "contactable", "Contactable by", _clean_contactable, _apply_contactable,
    lambda v: f"Contactable by {', '.join(Channel(c).label.lower() for c in v)}",
))
