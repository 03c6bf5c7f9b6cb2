"""Where people are: sub-team, address fields, districts, and within a radius of a point or a ZIP."""

import math
from functools import partial

from django.db.models import Avg, F, FloatField, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from groundswell.orgs.access import subtree_q
from groundswell.orgs.models import Team
from groundswell.people.filters import FilterContext, FilterError, FilterKind, register
from groundswell.people.filters.clean import each, integer, number, obj, str_list
from groundswell.people.models import ACTIVE, Person

EARTH_KM = 6371.0088
KM_PER_UNIT = {"mi": 1.609344, "km": 1.0}
KM_PER_DEGREE_LAT = 111.2
MAX_DISTANCE = 500


def _clean_teams(value, context: FilterContext) -> list[int]:
    if not isinstance(value, list):
        value = [value]
    ids = [integer(v, low=1, high=2**31 - 1) for v in value]
    known = Team.objects.filter(pk__in=ids)
    if context.org is not None:
        known = known.filter(path__startswith=context.org.path)
    missing = set(ids) - set(known.values_list("pk", flat=True))
    if missing:
        raise FilterError(f"unknown team id(s): {', '.join(map(str, sorted(missing)))}")
    return sorted(set(ids))


def _apply_teams(qs: QuerySet, ids: list[int], context: FilterContext) -> QuerySet:
    paths = list(Team.objects.filter(pk__in=ids).values_list("path", flat=True))
    return qs.filter(team__in=Team.objects.filter(subtree_q(paths)))


register(FilterKind(
    "teams", "Sub-teams", _clean_teams, _apply_teams, lambda v: f"In sub-team(s) {', '.join(map(str, v))}"
))


def _one_of(field: str, label: str, *, case_insensitive: bool = False) -> FilterKind:
    def clean(value, context):
        return str_list(value)

    def apply(qs, values, context):
        if not case_insensitive:
            return qs.filter(**{f"{field}__in": values})
        q = Q()
        for v in values:
            q |= Q(**{f"{field}__iexact": v})
        return qs.filter(q)

    return register(FilterKind(field, label, clean, apply, lambda v: f"{label}: {', '.join(v)}"))


for _field, _label in [
    ("zip", "ZIP code"), ("precinct", "Precinct"), ("congressional_district", "Congressional district"),
    ("state_senate_district", "State senate district"), ("state_house_district", "State house district"),
]:
    _one_of(_field, _label)
for _field, _label in [("city", "City"), ("county", "County"), ("state", "State")]:
    _one_of(_field, _label, case_insensitive=True)


def _unit(value) -> str:
    if value not in KM_PER_UNIT:
        raise FilterError('must be "mi" or "km"')
    return value


def _clean_radius(value, context: FilterContext) -> dict:
    value = obj(value, {"zip", "lat", "lng", "distance", "unit"})
    cleaned = each(value, {
        "zip": lambda v: (str_list(v, max_length=20) or [""])[0],
        "lat": partial(_coordinate, limit=90), "lng": partial(_coordinate, limit=180),
        "distance": _distance, "unit": _unit,
    })
    errors = {}
    if "distance" not in cleaned:
        errors["distance"] = "give a distance"
    has_point = "lat" in cleaned and "lng" in cleaned
    if ("zip" in cleaned) == has_point:
        errors["zip"] = "give either a ZIP code or both lat and lng"
    elif not has_point and ("lat" in cleaned or "lng" in cleaned):
        errors["lat"] = "give both lat and lng"
    if errors:
        raise FilterError(errors=errors)
    cleaned.setdefault("unit", "mi")
    return cleaned


def _coordinate(value, *, limit: int) -> float:
    result = number(value)
    if not -limit <= result <= limit:
        raise FilterError(f"must be between -{limit} and {limit}")
    return result


def _distance(value) -> float:
    result = number(value)
    if not 0 < result <= MAX_DISTANCE:
        raise FilterError(f"must be more than 0 and at most {MAX_DISTANCE}")
    return result


def zip_centre(qs: QuerySet, zip_code: str, org: Team | None) -> tuple[float, float] | None:
    """The mean position of the people with coordinates in `zip_code` (the organization's, else `qs`'s)."""
    source = Person.objects.filter(ACTIVE, org=org) if org is not None else qs
    centre = source.filter(zip=zip_code, latitude__isnull=False, longitude__isnull=False).aggregate(
        lat=Avg("latitude"), lng=Avg("longitude")
    )
    return None if centre["lat"] is None else (centre["lat"], centre["lng"])


def within_radius(qs: QuerySet, lat: float, lng: float, km: float) -> QuerySet:
    """People within `km` of a point: a bounding box an index can serve, then the exact great-circle distance."""
    dlat = km / KM_PER_DEGREE_LAT
    dlng = km / (KM_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01))
    boxed = qs.filter(
        latitude__range=(lat - dlat, lat + dlat), longitude__range=(lng - dlng, lng + dlng)
    )
    half_dlat = (Radians(F("latitude")) - math.radians(lat)) / 2
    half_dlng = (Radians(F("longitude")) - math.radians(lng)) / 2
    haversine = Power(Sin(half_dlat), 2) + Value(math.cos(math.radians(lat))) * Cos(Radians(F("latitude"))) * Power(
        Sin(half_dlng), 2
    )
    distance = Value(2 * EARTH_KM) * ASin(Sqrt(haversine, output_field=FloatField()))
    return boxed.alias(_distance_km=distance).filter(_distance_km__lte=km)


def _apply_radius(qs: QuerySet, value: dict, context: FilterContext) -> QuerySet:
    km = value["distance"] * KM_PER_UNIT[value["unit"]]
    if "zip" in value:
        centre = zip_centre(qs, value["zip"], context.org)
        if centre is None:
            return qs.none()
        return within_radius(qs, *centre, km)
    return within_radius(qs, value["lat"], value["lng"], km)


def _describe_radius(value: dict) -> str:
    where = f"ZIP {value['zip']}" if "zip" in value else f"{value['lat']:.4f}, {value['lng']:.4f}"
    return f"Within {value['distance']:g} {value['unit']} of {where}"


register(FilterKind("radius", "Within a radius", _clean_radius, _apply_radius, _describe_radius))
