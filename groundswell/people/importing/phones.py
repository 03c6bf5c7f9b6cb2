"""Phone parsing at import speed: contact_points.parse_phone, cached by number prefix.

phonenumbers costs ~60 µs per number, the largest cost of an import. For North American numbers
(+1, ten national digits) validity, type and region are decided by the area code and exchange (NPA-NXX),
the first 6 national digits: no NANP pattern in phonenumbers' metadata constrains the last four (checked
against phonenumbers itself on 200,000 numbers, and by tests/people/test_import_phones.py on every run).
So each area code + exchange is parsed once and every later number in it is built from the cached answer;
a voter file of one state has a few thousand of them. Anything else (other countries,
extensions, letters, 7-digit local numbers) goes through parse_phone every time.
"""

from groundswell.people.contact_points import InvalidContactPoint, ParsedPhone, parse_phone

_DIGITS = str.maketrans("", "", " ()-.+/")
PREFIX = 6
MAX_CACHED = 200_000


class PhoneReader:
    def __init__(self, region: str = "US") -> None:
        self.region = region
        self._prefixes: dict[str, tuple[str, str | None] | None] = {}

    def parse(self, raw: str) -> ParsedPhone:
        """E.164 number, kind and region; InvalidContactPoint (with the reason) when impossible."""
        national = self._nanp_national(raw)
        if national is None:
            return parse_phone(raw, self.region)
        prefix = national[:PREFIX]
        if prefix not in self._prefixes:
            if len(self._prefixes) >= MAX_CACHED:  # bounded memory for a national file
                self._prefixes.clear()
            try:
                parsed = parse_phone("+1" + national)
            except InvalidContactPoint:
                self._prefixes[prefix] = None
                raise InvalidContactPoint(f"impossible phone number: {raw.strip()!r}") from None
            self._prefixes[prefix] = (parsed.kind, parsed.region)
            return parsed
        known = self._prefixes[prefix]
        if known is None:
            raise InvalidContactPoint(f"impossible phone number: {raw.strip()!r}")
        return ParsedPhone(number="+1" + national, kind=known[0], region=known[1])

    def _nanp_national(self, raw: str) -> str | None:
        """The ten national digits of a North American number written the usual ways, else None."""
        text = raw.strip()
        plus = text.startswith("+")
        if self.region not in ("US", "CA") and not plus:
            return None
        digits = text.translate(_DIGITS)
        if not (digits.isascii() and digits.isdigit()):
            return None
        if len(digits) == 11 and digits[0] == "1":
            return digits[1:]
        if len(digits) == 10 and not plus:
            return digits
        return None
