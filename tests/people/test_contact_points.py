import pytest

from groundswell.people.contact_points import InvalidContactPoint, display_phone, normalize_email, parse_phone


@pytest.mark.parametrize(
    "raw",
    ["(512) 555-0123", "512.555.0123", "512-555-0123", "+1 512 555 0123", "1-512-555-0123", " 5125550123 "],
)
def test_us_numbers_in_any_format_become_e164(raw):
    assert parse_phone(raw).number == "+15125550123"


def test_foreign_number_with_plus_keeps_its_country():
    parsed = parse_phone("+33 6 12 34 56 78", region="US")
    assert parsed.number == "+33612345678"
    assert parsed.region == "FR"
    assert parsed.kind == "mobile"
    assert parse_phone("+44 20 7946 0958").kind == "landline"


@pytest.mark.parametrize("raw", ["", "call me", "555-0123", "123", "(000) 555-0123", "+1 999 555 0123"])
def test_text_that_is_no_real_number_is_refused_with_a_reason(raw):
    with pytest.raises(InvalidContactPoint) as error:
        parse_phone(raw)
    assert "phone number" in str(error.value)


def test_emails_are_trimmed_and_lower_cased():
    assert normalize_email("  Maria.Lopez@Example.ORG ") == "maria.lopez@example.org"


@pytest.mark.parametrize("raw", ["maria", "maria@", "@example.org", "maria lopez@example.org"])
def test_bad_email_addresses_are_refused(raw):
    with pytest.raises(InvalidContactPoint, match="not an email address"):
        normalize_email(raw)


def test_numbers_display_in_their_national_format():
    assert display_phone("+15125550123") == "(512) 555-0123"
    assert display_phone("not a number") == "not a number"
