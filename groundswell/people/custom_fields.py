"""Validation of custom field values against an organization's CustomField definitions."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from groundswell.people.dates import parse_date
from groundswell.people.models import CustomField


def clean_value(field: CustomField, raw) -> str | float | None:
    """The stored form of one value (JSON-safe), None when empty; ValueError with a reason when invalid."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = raw.strip() if isinstance(raw, str) else raw
    if field.kind == CustomField.Kind.NUMBER:
        try:
            number = Decimal(str(text).replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"{field.label}: {text!r} is not a number") from None
        if not number.is_finite():
            raise ValueError(f"{field.label}: {text!r} is not a number")
        return float(number)
    if field.kind == CustomField.Kind.DATE:
        value = text if isinstance(text, date) else parse_date(str(text))
        if value is None:
            raise ValueError(f"{field.label}: {text!r} is not a date (use YYYY-MM-DD)")
        return value.isoformat()
    if field.kind == CustomField.Kind.CHOICE:
        by_fold = {c.casefold(): c for c in field.choices}
        choice = by_fold.get(str(text).casefold())
        if choice is None:
            raise ValueError(f"{field.label}: unknown choice {text!r} (allowed: {', '.join(field.choices)})")
        return choice
    value = str(text)
    if len(value) > 500:
        raise ValueError(f"{field.label}: longer than 500 characters")
    return value


def clean_custom(fields: list[CustomField], values: dict) -> dict:
    """Validated {key: value} for `values`; raises ValidationError keyed by field key on any bad value."""
    by_key = {f.key: f for f in fields}
    errors: dict[str, str] = {}
    cleaned: dict = {}
    for key, raw in values.items():
        field = by_key.get(key)
        if field is None:
            errors[key] = f"unknown custom field {key!r}"
            continue
        try:
            value = clean_value(field, raw)
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if value is not None:
            cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned
