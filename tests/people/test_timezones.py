from groundswell.people.timezones import derive_time_zone, time_zone_for_phone


def test_a_single_zone_state_decides():
    assert derive_time_zone(state="ca", phones=["+12125550123"]) == "America/Los_Angeles"


def test_a_state_that_spans_zones_falls_back_to_the_phone():
    # Texas spans Central and Mountain time; Austin's 512 area code is Central.
    assert derive_time_zone(state="TX", phones=["+15125550123"]) == "America/Chicago"


def test_no_answer_rather_than_a_guess():
    assert derive_time_zone(state="TX") == ""
    assert derive_time_zone(phones=["+18005550123"]) == ""  # toll-free: every zone
    assert time_zone_for_phone("+19075550123") == ""  # Alaska's 907 spans two zones


def test_non_us_numbers_use_their_country():
    assert time_zone_for_phone("+33612345678") == "Europe/Paris"
