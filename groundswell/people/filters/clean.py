"""Small value cleaners shared by the filter kinds; each raises FilterError with a plain message."""

from datetime import date
from typing import Any

from groundswell.people.dates import parse_date
from groundswell.people.filters import FilterError

MAX_VALUES = 500


def str_list(value: Any, *, max_length: int = 100) -> list[str]:
    """A list of non-empty strings (a single string counts as a list of one), duplicates dropped."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise FilterError("must be a list of text values")
    if len(value) > MAX_VALUES:
        raise FilterError(f"at most {MAX_VALUES} values")
    cleaned: list[str] = []
    for item in value:
        if isinstance(item, int | float) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str):
            raise FilterError("must be a list of text values")
        item = item.strip()
        if len(item) > max_length:
            raise FilterError(f"values are at most {max_length} characters")
        if item and item not in cleaned:
            cleaned.append(item)
    return cleaned


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FilterError("must be true or false")
    return value


def integer(value: Any, *, low: int, high: int) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise FilterError("must be a whole number")
    if not low <= value <= high:
        raise FilterError(f"must be between {low} and {high}")
    return value


def number(value: Any) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise FilterError(f"{value!r} is not a number") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) == float("inf"):
        raise FilterError("must be a number")
    return float(value)


def iso_date(value: Any) -> str:
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise FilterError(f"{value!r} is not a date (use YYYY-MM-DD)")
    return parsed.isoformat()


def as_date(value: str) -> date:
    return date.fromisoformat(value)


def obj(value: Any, allowed: set[str]) -> dict:
    """A JSON object whose keys are all in `allowed`."""
    if not isinstance(value, dict):
        raise FilterError(f"must be an object with {', '.join(sorted(allowed))}")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise FilterError(errors={k: f"unknown option (allowed: {', '.join(sorted(allowed))})" for k in unknown})
    return value


def each(value: dict, cleaners: dict) -> dict:
    """Clean each present key of `value` with its cleaner; every bad key reported, by name."""
    cleaned, errors = {}, {}
    for key, cleaner in cleaners.items():
        if key not in value or value[key] in (None, ""):
            continue
        try:
            cleaned[key] = cleaner(value[key])
        except FilterError as exc:
            for sub, message in exc.errors.items():
                errors[f"{key}.{sub}" if sub else key] = message
    if errors:
        raise FilterError(errors=errors)
    return cleaned
