"""The import's phone cache gives exactly what contact_points.parse_phone gives, number by number."""

import random

import pytest

from groundswell.people.contact_points import InvalidContactPoint, parse_phone
from groundswell.people.importing.phones import PREFIX, PhoneReader


def outcome(parse, raw):
    try:
        return parse(raw)
    except InvalidContactPoint as exc:
        return str(exc)


def test_numbers_sharing_an_exchange_get_the_answer_phonenumbers_gives_each_of_them():
    rng = random.Random(4)
    reader = PhoneReader()
    checked = 0
    for _ in range(400):
        prefix = str(rng.randint(2 * 10 ** (PREFIX - 1), 10**PREFIX - 1))
        for _ in range(4):  # the first fills the cache, the others read it
            raw = prefix + f"{rng.randint(0, 10 ** (10 - PREFIX) - 1):0{10 - PREFIX}d}"
            assert outcome(reader.parse, raw) == outcome(parse_phone, raw)
            checked += 1
    assert checked == 1600


@pytest.mark.parametrize(
    "raw",
    ["(512) 555-0123", "512.555.0123", "1-512-555-0123", "+1 512 555 0123", "+15125550123", "5125550123",
     "+44 20 7946 0958", "555-0123", "512-555-0123 x12", "(000) 000-0000", "call me", "1234567890", "٥١٢٥٥٥٠١٢٣"],
)
def test_every_way_of_writing_a_number_gives_what_parse_phone_gives(raw):
    reader = PhoneReader()
    reader.parse("+15125559999")  # the 512-555 exchange is cached
    assert outcome(reader.parse, raw) == outcome(parse_phone, raw)
