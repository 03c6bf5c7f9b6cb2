"""The list builder's form, both ways: posted fields → a raw filter spec (validated by people.filters), and a
saved spec → the values that fill the form again. Field names are flat so the page needs no JavaScript."""

from django.http import QueryDict

from groundswell.people.models import Channel, CustomField

TEXT_LISTS = ["zip", "city", "county", "state", "precinct", "congressional_district", "state_senate_district",
              "state_house_district", "party", "last_result"]
MODES = ["any", "all", "none"]
PRESENCE = ["has_phone", "has_mobile", "has_email"]
YES_NO = {"yes": True, "no": False}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _put(spec: dict, key: str, sub: str, value) -> None:
    if value not in ("", [], None):
        spec.setdefault(key, {})[sub] = value


def spec_from_post(data: QueryDict, custom_fields: list[CustomField]) -> dict:
    """The raw spec the builder's fields describe; empty fields are left out."""
    get = lambda name: data.get(name, "").strip()  # noqa: E731
    spec: dict = {}
    for key in TEXT_LISTS:
        if get(key):
            spec[key] = _split(get(key))
    for mode in MODES:
        _put(spec, "tags", mode, _split(get(f"tags_{mode}")))
        _put(spec, "voted", mode, _split(get(f"voted_{mode}")))
    if get("voted_at_least_n") or get("voted_at_least_of"):
        _put(spec, "voted", "at_least", {"n": get("voted_at_least_n"), "of": _split(get("voted_at_least_of"))})
    for sub in ("zip", "lat", "lng", "distance"):
        _put(spec, "radius", sub, get(f"radius_{sub}"))
    if "radius" in spec:
        spec["radius"]["unit"] = get("radius_unit") or "mi"
    for name in ("registration_status", "contactable", "teams"):
        if data.getlist(name):
            spec[name] = data.getlist(name)
    _put(spec, "age", "min", get("age_min"))
    _put(spec, "age", "max", get("age_max"))
    for key in PRESENCE:
        if get(key) in YES_NO:
            spec[key] = YES_NO[get(key)]
    if get("last_contacted") in ("never", "ever"):
        spec["last_contacted"] = {"never": get("last_contacted") == "never"}
    _put(spec, "last_contacted", "before", get("last_contacted_before"))
    _put(spec, "last_contacted", "after", get("last_contacted_after"))
    for channel in Channel.values:
        if get(f"opted_out_{channel}") in YES_NO:
            spec.setdefault("opted_out", {})[channel] = YES_NO[get(f"opted_out_{channel}")]
    for field in custom_fields:
        rule: dict = {}
        for op in ("eq", "min", "max"):
            _put(rule, "r", op, get(f"custom_{field.key}_{op}"))
        choices = data.getlist(f"custom_{field.key}_in")
        _put(rule, "r", "in", choices)
        if rule:
            spec.setdefault("custom", {})[field.key] = rule["r"]
    return spec


def values_from_spec(spec: dict) -> dict:
    """The builder's field values for a saved spec (the inverse of spec_from_post)."""
    values: dict = {}
    for key in TEXT_LISTS:
        values[key] = ", ".join(spec.get(key, []))
    for mode in MODES:
        values[f"tags_{mode}"] = ", ".join(spec.get("tags", {}).get(mode, []))
        values[f"voted_{mode}"] = ", ".join(spec.get("voted", {}).get(mode, []))
    at_least = spec.get("voted", {}).get("at_least", {})
    values["voted_at_least_n"] = at_least.get("n", "")
    values["voted_at_least_of"] = ", ".join(at_least.get("of", []))
    for sub in ("zip", "lat", "lng", "distance", "unit"):
        values[f"radius_{sub}"] = spec.get("radius", {}).get(sub, "")
    for name in ("registration_status", "contactable"):
        values[name] = spec.get(name, [])
    values["teams"] = [str(t) for t in spec.get("teams", [])]
    values["age_min"] = spec.get("age", {}).get("min", "")
    values["age_max"] = spec.get("age", {}).get("max", "")
    for key in PRESENCE:
        values[key] = {True: "yes", False: "no"}.get(spec.get(key), "")
    contacted = spec.get("last_contacted", {})
    values["last_contacted"] = {True: "never", False: "ever"}.get(contacted.get("never"), "")
    values["last_contacted_before"] = contacted.get("before", "")
    values["last_contacted_after"] = contacted.get("after", "")
    for channel in Channel.values:
        values[f"opted_out_{channel}"] = {True: "yes", False: "no"}.get(spec.get("opted_out", {}).get(channel), "")
    values["custom"] = spec.get("custom", {})
    return values


def error_groups(error_dict: dict[str, list[str]]) -> dict[str, list[str]]:
    """Validation messages grouped by top-level filter, each saying which part it is about."""
    groups: dict[str, list[str]] = {}
    for path, messages in error_dict.items():
        key, _, sub = path.partition(".")
        for message in messages:
            groups.setdefault(key, []).append(f"{sub.replace('.', ' ')}: {message}" if sub else message)
    return groups


def custom_rows(fields: list[CustomField], spec: dict) -> list[dict]:
    """One row per custom field with its current rule, for the builder's custom-field section."""
    rules = spec.get("custom", {})
    rows = []
    for field in fields:
        rule = rules.get(field.key, {}) if isinstance(rules, dict) else {}
        rule = rule if isinstance(rule, dict) else {}
        rows.append({"field": field, "is_range": field.kind in ("number", "date"), **{
            op: rule.get(op, "") for op in ("eq", "min", "max")}, "in": rule.get("in", [])})
    return rows
