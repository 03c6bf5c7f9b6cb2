"""A person's time zone when the record does not give one: from their state, else their phone's area code.

Quiet hours depend on it (DESIGN invariant 3), so an ambiguous answer is no answer: a state that spans
two zones (Texas, Florida…) falls through to the phone, and a number whose prefix spans several zones
(toll-free, Alaska's 907) gives none. Callers treat "" as unknown and apply the strictest window.
"""

import phonenumbers
from phonenumbers import NumberParseException
from phonenumbers.timezone import time_zones_for_number

# US states and territories wholly inside one zone. States split between zones are left out on purpose.
STATE_TIME_ZONES = {
    "AL": "America/Chicago", "AR": "America/Chicago", "AZ": "America/Phoenix", "CA": "America/Los_Angeles",
    "CO": "America/Denver", "CT": "America/New_York", "DC": "America/New_York", "DE": "America/New_York",
    "GA": "America/New_York", "HI": "Pacific/Honolulu", "IA": "America/Chicago", "IL": "America/Chicago",
    "LA": "America/Chicago", "MA": "America/New_York", "MD": "America/New_York", "ME": "America/New_York",
    "MN": "America/Chicago", "MO": "America/Chicago", "MS": "America/Chicago", "MT": "America/Denver",
    "NC": "America/New_York", "NH": "America/New_York", "NJ": "America/New_York", "NM": "America/Denver",
    "NV": "America/Los_Angeles", "NY": "America/New_York", "OH": "America/New_York", "OK": "America/Chicago",
    "PA": "America/New_York", "PR": "America/Puerto_Rico", "RI": "America/New_York", "SC": "America/New_York",
    "UT": "America/Denver", "VA": "America/New_York", "VT": "America/New_York", "WA": "America/Los_Angeles",
    "WI": "America/Chicago", "WV": "America/New_York", "WY": "America/Denver", "GU": "Pacific/Guam",
    "VI": "America/St_Thomas", "AS": "Pacific/Pago_Pago",
}


def _zones_of(e164: str) -> str:
    try:
        zones = time_zones_for_number(phonenumbers.parse(e164, None))
    except NumberParseException:
        return ""
    return zones[0] if len(zones) == 1 and zones[0] != "Etc/Unknown" else ""


_BY_AREA_CODE: dict[str, str] = {}


def time_zone_for_phone(e164: str) -> str:
    """The zone of a number's area code when it has exactly one; "" otherwise. +1 numbers are looked up
    once per area code (imports call this for every row)."""
    if e164.startswith("+1") and len(e164) == 12:
        area = e164[:5]
        if area not in _BY_AREA_CODE:
            _BY_AREA_CODE[area] = _zones_of(e164)
        return _BY_AREA_CODE[area]
    return _zones_of(e164)


def derive_time_zone(*, state: str = "", phones: list[str] | tuple[str, ...] = ()) -> str:
    zone = STATE_TIME_ZONES.get(state.strip().upper(), "")
    if zone:
        return zone
    for number in phones:
        zone = time_zone_for_phone(number)
        if zone:
            return zone
    return ""
