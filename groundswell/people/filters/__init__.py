"""Filter specs: the JSON that describes a list or universe, its validation, and its translation to SQL.

A spec is a JSON object; every key is optional and all keys must hold (AND). Lists inside a key mean
"one of" unless said otherwise. Strings are matched exactly as stored unless marked case-insensitive.

    {
      "teams": [12, 15],                          # people owned by these sub-teams (and below)
      "tags": {"any": ["volunteer"], "all": ["donor", "2024"], "none": ["do-not-call"]},
      "zip": ["78701"], "precinct": ["101"],      # also congressional_district, state_senate_district,
                                                  #   state_house_district (exact)
      "city": ["Austin"], "county": ["Travis"], "state": ["TX"],            # case-insensitive
      "radius": {"zip": "78701", "distance": 5, "unit": "mi"},              # or "lat"/"lng" instead of "zip";
                                                  #   unit "mi" or "km"; a ZIP's centre is the mean position
                                                  #   of the organization's people with coordinates there
      "registration_status": ["active"],         # Person.Registration values
      "party": ["DEM", "IND"],
      "voted": {"any": ["2024-general"], "all": [...], "none": ["2022-primary"],
                "at_least": {"n": 2, "of": ["2024-general", "2022-general", "2020-general", "2018-general"]}},
      "custom": {"score": {"min": 3, "max": 5},   # number or date (YYYY-MM-DD) range, either end optional
                 "shirt": {"in": ["M", "L"]},     # one of
                 "source": {"eq": "fair"}},       # equals
      "age": {"min": 18, "max": 35},              # whole years today, from birth_date
      "has_phone": true, "has_mobile": true, "has_email": false,   # usable (valid) numbers / addresses
      "last_contacted": {"never": true}           # or {"before": "2026-01-01", "after": "2025-06-01"}:
                                                  #   before that day / on or after it (days in UTC)
      "last_result": ["not_home", "callback"],
      "opted_out": {"call": false, "text": true}, # opted out (true) or not (false), per channel
      "contactable": ["text"]                     # consent.contactable: not opted out, usable unsuppressed value
    }

`validate_filters(spec, org)` returns the cleaned spec (what lists store) or raises ValidationError with
one message per field, keyed by a dotted path ("tags.any", "custom.score", "radius.distance").
`apply_filters(qs, spec, org=org)` narrows a person queryset (already scoped by the caller) with a cleaned
spec; `org` (optional) is where ZIP centres and tag names are looked up, else they come from `qs` itself.

Extension points: each key is a registered `FilterKind`. Another app adds its own key with
`register(FilterKind(...))` from its AppConfig.ready(): "turf" (inside a turf polygon) belongs to the
canvass app and "relationship" (relationship to a volunteer) to the relational app; until they register,
those keys are refused with a message saying so (see RESERVED).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from groundswell.orgs.models import Team


class FilterError(ValueError):
    """A bad value for one key. `errors` maps dotted sub-paths ("" for the key itself) to messages."""

    def __init__(self, message: str = "", errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {"": message}


@dataclass(frozen=True)
class FilterContext:
    """What cleaning and applying may need beyond the value: the organization the spec belongs to."""

    org: Team | None = None


@dataclass(frozen=True)
class FilterKind:
    key: str
    label: str
    clean: Callable[[Any, FilterContext], Any]  # cleaned value, or raises FilterError
    apply: Callable[[QuerySet, Any, FilterContext], QuerySet]
    describe: Callable[[Any], str] | None = None


KINDS: dict[str, FilterKind] = {}

# Keys other apps will register; refused with this reason until they do.
RESERVED: dict[str, str] = {
    "turf": "the turf filter arrives with the canvass app",
    "relationship": "the relationship-to-a-volunteer filter arrives with the relational app",
}


def register(kind: FilterKind) -> FilterKind:
    KINDS[kind.key] = kind
    return kind


def validate_filters(spec: Any, org: Team | None) -> dict:
    """The cleaned spec, or ValidationError({"<key>[.<sub>]": message, ...}) naming every bad field."""
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise ValidationError({"filters": "must be a JSON object of filters"})
    context = FilterContext(org=org)
    cleaned: dict = {}
    errors: dict[str, str] = {}
    for key, value in spec.items():
        kind = KINDS.get(key)
        if kind is None:
            errors[str(key)] = RESERVED.get(key, f"unknown filter {key!r}")
            continue
        try:
            value = kind.clean(value, context)
        except FilterError as exc:
            for sub, message in exc.errors.items():
                errors[f"{key}.{sub}" if sub else key] = message
            continue
        if value not in (None, [], {}):
            cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def apply_filters(qs: QuerySet, spec: dict, *, org: Team | None = None) -> QuerySet:
    """`qs` narrowed by every filter of a cleaned spec.

    A saved spec naming a filter that is no longer registered matches nobody: dropping the filter would widen
    the list, and lists feed outreach."""
    context = FilterContext(org=org)
    for key, value in (spec or {}).items():
        kind = KINDS.get(key)
        if kind is None:
            return qs.none()
        qs = kind.apply(qs, value, context)
    return qs


def describe_filters(spec: dict) -> list[str]:
    """One plain sentence per filter, for list pages."""
    lines = []
    for key, value in (spec or {}).items():
        kind = KINDS.get(key)
        if kind is None:
            continue
        lines.append(kind.describe(value) if kind.describe else f"{kind.label}: {value}")
    return lines


# The built-in kinds register themselves on import.
from groundswell.people.filters import contact, fields, geo, voter  # noqa: E402,F401
