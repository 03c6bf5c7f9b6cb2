"""Normalising phone numbers (E.164, with type and validity, by `phonenumbers`) and email addresses."""

from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberType

DEFAULT_REGION = "US"

_KINDS = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "landline",
    PhoneNumberType.VOIP: "voip",
}


class InvalidContactPoint(ValueError):
    """A phone number or email address that cannot be used; the message says why, for an error file."""


@dataclass(frozen=True)
class ParsedPhone:
    number: str  # E.164
    kind: str  # Phone.Kind value
    region: str | None  # ISO country of the number, e.g. "US"


def parse_phone(raw: str, region: str = DEFAULT_REGION) -> ParsedPhone:
    """E.164 form of `raw`, read as a national number of `region` unless it starts with +.

    Raises InvalidContactPoint for text that is not a number or a number that cannot exist."""
    text = raw.strip()
    try:
        parsed = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        raise InvalidContactPoint(f"not a phone number: {text!r}") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidContactPoint(f"impossible phone number: {text!r}")
    kind = phonenumbers.number_type(parsed)
    return ParsedPhone(
        number=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
        kind=_KINDS.get(kind, "mobile" if kind == PhoneNumberType.FIXED_LINE_OR_MOBILE else "unknown"),
        region=phonenumbers.region_code_for_number(parsed),
    )


def normalize_email(raw: str) -> str:
    """Trimmed, lower-cased address; raises InvalidContactPoint when it is not an email address."""
    text = raw.strip()
    try:
        info = validate_email(text, check_deliverability=False, test_environment=True)
    except EmailNotValidError as exc:
        raise InvalidContactPoint(f"not an email address: {text!r}") from exc
    return info.normalized.lower()


def display_phone(e164: str) -> str:
    """A number as people write it in its own country: (512) 555-0123."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
