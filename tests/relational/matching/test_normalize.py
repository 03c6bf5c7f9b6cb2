from hypothesis import given
from hypothesis import strategies as st

from groundswell.relational.matching import name_variants
from groundswell.relational.matching.normalize import address_key, name_key, parse_dob, phone_digits, split_full_name


def test_name_variants_links_nicknames_to_canonical_names():
    assert "robert" in name_variants("Bob")
    assert "elizabeth" in name_variants("Liz")
    assert name_variants("  ROBERT ") >= {"robert"}
    assert name_variants("") == set()


def test_name_variants_returns_a_fresh_set():
    variants = name_variants("Bob")
    variants.add("zzz")
    assert "zzz" not in name_variants("Bob")


def test_name_key_drops_accents_punctuation_and_case():
    assert name_key(" O'Brien-Núñez ") == "obriennunez"


def test_parse_dob_understands_full_partial_and_us_dates():
    assert parse_dob("1980-02-03") == (1980, 2, 3)
    assert parse_dob("1980-02") == (1980, 2, 0)
    assert parse_dob("1980") == (1980, 0, 0)
    assert parse_dob("02/03/1980") == (1980, 2, 3)
    assert parse_dob("") == (0, 0, 0)
    assert parse_dob("soon") == (0, 0, 0)
    assert parse_dob("1980-13-40") == (1980, 0, 0)


@given(st.text(max_size=30))
def test_parse_dob_never_raises(text):
    year, month, day = parse_dob(text)
    assert year == 0 or 1850 <= year <= 2100


def test_phone_digits_keeps_the_last_ten_without_country_code():
    assert phone_digits("+1 (215) 555-1234") == "2155551234"
    assert phone_digits("555-1234") == "5551234"
    assert phone_digits("12") == ""


def test_address_key_abbreviates_the_usual_words():
    assert address_key("12 North Main Street, Apt. 4") == "12 n main st apt 4"


def test_a_whole_name_in_the_first_name_box_is_split():
    assert split_full_name("Bob  Smith", "") == ("Bob", "Smith")
    assert split_full_name("Mary Ann", "Jones") == ("Mary Ann", "Jones")
