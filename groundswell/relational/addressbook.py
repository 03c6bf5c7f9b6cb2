"""What a volunteer uploads or pastes into "My people", read into contact drafts for them to review.

Three shapes arrive: vCard files (what phones export: 2.1 from old Androids, 3.0 from iPhones, 4.0 from newer
apps), contacts CSVs (Google's old and new exports, Outlook's), and text pasted from anywhere, one person a
line. Every entry becomes either a `ContactDraft` or a `RowError` with its line and reason: nothing is
dropped silently, except blank lines. Phones are kept as written (trimmed); the caller normalises them
with `phonenumbers`, which knows the volunteer's region.

vCards are read with vobject's line grammar (unfolding, vCard 2.1 quoted-printable soft line breaks and
charsets, parameters) but their values are decoded here: vobject's text decoding splits on unescaped
commas and keeps the first part, and vCard 2.1 does not escape commas, so "Met at the rally, wants a sign"
would come back as "Met at the rally".
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from vobject.base import VObjectError, textLineToContentLine
from vobject.base import getLogicalLines as logical_lines


@dataclass
class ContactDraft:
    first_name: str = ""
    last_name: str = ""
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    birthday: str = ""  # 'YYYY-MM-DD', '--MM-DD' (year unknown) or ''
    note: str = ""
    line: int = 0  # 1-based line of the upload or paste where the entry starts (0: not from a file)


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line of the file or pasted text where the entry starts
    reason: str
    raw: str


@dataclass
class ParseResult:
    contacts: list[ContactDraft] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class AddressBookError(ValueError):
    """The whole upload is unusable (empty, binary, not a contacts file); the message says why in one line."""


NO_NAME = "no name"
_RAW_LIMIT = 500
_LINE_LIMIT = 1000


# ---------------------------------------------------------------- uploads: decoding and dispatch


def parse_upload(data: bytes, filename: str) -> ParseResult:
    """Contacts from an uploaded vCard or contacts CSV (or a .txt list, read like pasted text).

    Raises AddressBookError when the file is empty, binary or not a contacts file at all."""
    text = decode(data)
    if not text.strip():
        raise AddressBookError("the file is empty")
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if re.search(r"^\s*BEGIN:VCARD\s*$", text[:10_000], re.IGNORECASE | re.MULTILINE):
        return parse_vcards(text)
    if extension in ("vcf", "vcard"):
        raise AddressBookError(f"{filename} is not a vCard file (no BEGIN:VCARD line)")
    try:
        return parse_contacts_csv(text)
    except AddressBookError:
        if extension == "txt":
            return parse_pasted(text)
        raise


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM, or detected by its zero bytes: Outlook writes it),
    else Windows-1252/Latin-1, which read any byte. Raises AddressBookError for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_or_fail(data, "utf-16")
    elif len(data) >= 4 and data[1:20:2].count(0) >= len(data[1:20:2]) * 0.8 and data[0] != 0:
        text = _decode_or_fail(data, "utf-16-le")
    elif len(data) >= 4 and data[0:20:2].count(0) >= len(data[0:20:2]) * 0.8 and data[1] != 0:
        text = _decode_or_fail(data, "utf-16-be")
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    controls = sum(1 for ch in text[:20_000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in text or controls > max(2, len(text[:20_000]) // 100):
        raise AddressBookError("this is not a contacts file (it holds binary data): upload a .vcf or .csv export")
    # One line ending from here on (old Macs wrote bare CRs): the csv reader and the vCard unfolding split on \n.
    return re.sub(r"\r\n?", "\n", text.lstrip("\ufeff"))


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise AddressBookError("this is not a contacts file (it is neither text nor a known encoding)") from None


# ---------------------------------------------------------------- vCard


def parse_vcards(text: str) -> ParseResult:
    """Every BEGIN:VCARD … END:VCARD block, one draft or error each, in file order."""
    result = ParseResult()
    for start, lines in _cards(text):
        raw = "\n".join(line for line, _ in lines)[:_RAW_LIMIT]
        draft, reason = _card_to_draft(lines)
        if draft is None:
            result.errors.append(RowError(start, reason, raw))
        else:
            draft.line = start
            result.contacts.append(draft)
    return result


def _cards(text: str) -> Iterator[tuple[int, list[tuple[str, int]]]]:
    """(line of BEGIN, [(logical line, line number)…]) per card; lines outside cards are ignored."""
    # vobject numbers a logical line after a blank line (and the first) one too low, so the card's first line
    # is found here instead: the n-th BEGIN:VCARD logical line is the n-th such physical line.
    text = re.sub(r"\r\n?", "\n", text)
    begins = iter([i for i, line in enumerate(text.split("\n"), 1) if line.strip().upper() == "BEGIN:VCARD"])
    current: list[tuple[str, int]] | None = None
    start = 0
    for line, number in logical_lines(io.StringIO(text), allowQP=True):
        keyword = line.strip().upper()
        if keyword == "BEGIN:VCARD":
            if current is not None:  # a card that never ended: keep what it had
                yield start, current
            current, start = [], next(begins, number)
        elif keyword == "END:VCARD":
            if current is not None:
                yield start, current
            current = None
        elif current is not None:
            current.append((line, number))
    if current is not None:
        yield start, current


@dataclass
class _Property:
    name: str
    value: str  # still backslash-escaped, quoted-printable already decoded
    types: set[str]
    params: dict[str, list[str]]


def _card_to_draft(lines: list[tuple[str, int]]) -> tuple[ContactDraft | None, str]:
    props: list[_Property] = []
    for line, number in lines:
        try:
            content = textLineToContentLine(line, number)
        except (VObjectError, LookupError, UnicodeDecodeError, ValueError):
            continue  # one unreadable line (a vendor extension, a bad charset) does not lose the card
        types = {t.strip().upper() for values in content.params.get("TYPE", []) for t in values.split(",")}
        types |= {p.upper() for p in content.singletonparams}
        if "PREF" in content.params:
            types.add("PREF")
        props.append(_Property(content.name, content.value, types, content.params))

    def first(name: str) -> _Property | None:
        return next((p for p in props if p.name == name), None)

    draft = ContactDraft()
    n = first("N")
    if n is not None:
        family, given = (_components(n.value) + ["", ""])[:2]
        draft.first_name, draft.last_name = _clean(given), _clean(family)
    fn = first("FN")
    if not (draft.first_name or draft.last_name) and fn is not None:
        draft.first_name, draft.last_name = split_name(_unescape(fn.value))
    draft.phones = _unique(_unescape(p.value).removeprefix("tel:") for p in _by_preference(props, "TEL"))
    draft.emails = _unique(_unescape(p.value).removeprefix("mailto:") for p in _by_preference(props, "EMAIL"))
    addresses = _by_preference(props, "ADR", favour=("PREF", "HOME"))
    if addresses:
        parts = (_components(addresses[0].value) + [""] * 7)[:7]
        _box, extended, street, city, region, code, _country = (_clean(p) for p in parts)
        draft.address = ", ".join(p for p in (street, extended) if p)
        draft.city, draft.state, draft.zip = city, region, code
    notes = [_unescape(p.value).strip() for p in props if p.name == "NOTE"]
    bday = first("BDAY")
    if bday is not None:
        omit_year = (bday.params.get("X-APPLE-OMIT-YEAR") or [""])[0]
        raw_birthday = _unescape(bday.value).strip()
        draft.birthday = normalise_birthday(raw_birthday, omit_year=omit_year)
        if raw_birthday and not draft.birthday:
            notes.append(f"Birthday: {raw_birthday}")
    draft.note = "\n".join(n for n in notes if n)
    if not (draft.first_name or draft.last_name):
        return None, f"{NO_NAME}: the card has no FN or N"
    return draft, ""


def _by_preference(props: list[_Property], name: str, favour: tuple[str, ...] = ("PREF", "CELL")) -> list[_Property]:
    """Properties of one kind, the preferred (then mobile) first, otherwise in file order: callers take the
    first phone as the one to call."""
    matching = [p for p in props if p.name == name and _unescape(p.value).strip()]
    return sorted(matching, key=lambda p: tuple(kind not in p.types for kind in favour))


_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


def _components(value: str) -> list[str]:
    """The parts of a structured value (N, ADR), split on unescaped semicolons and unescaped."""
    return [_unescape(part) for part in _UNESCAPED_SEMICOLON.split(value)]


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


# ---------------------------------------------------------------- CSV (Google, Outlook, and plain ones)


@dataclass(frozen=True)
class _Columns:
    """Which column indexes hold what, found from the header row by name."""

    first: list[int]
    last: list[int]
    full: list[int]
    phones: list[tuple[int, str, int | None]]  # (value column, its header, the column saying its type)
    emails: list[int]
    address: dict[str, int]  # street / extended / formatted / city / state / zip of the chosen address
    birthday: list[int]
    notes: list[int]

    def recognised(self) -> bool:
        return bool(self.first or self.last or self.full or self.phones or self.emails)


_FIRST = {"first name", "given name", "first", "firstname", "given"}
_LAST = {"last name", "family name", "surname", "last", "lastname", "family"}
_FULL = {"name", "full name", "display name", "contact name", "contact"}
_BIRTHDAY = {"birthday", "birth date", "date of birth", "dob", "birthdate"}
_NOTES = {"notes", "note", "comments"}
_PLAIN_EMAIL = {"email", "e-mail", "email address", "e-mail address", "mail"}
_PLAIN_PHONE = {"phone", "phone number", "mobile", "cell", "telephone", "tel", "mobile number", "cell phone"}
_NOT_THEIR_PHONE = ("fax", "pager", "assistant", "company")  # Outlook columns that are someone else's line
# An address is a block of columns sharing a prefix: Outlook's "Home City", Google's "Address 1 - City".
_ADDRESS_PARTS = {
    "street": ("street",), "extended": ("street 2", "extended address"), "formatted": ("address", "formatted"),
    "city": ("city",), "state": ("state", "region"), "zip": ("postal code", "zip", "zip code"),
}
_ADDRESS_PREFERENCE = ("home ", "address 1 - ", "address 2 - ", "address 3 - ", "", "business ", "other ")


def _find_columns(header: list[str]) -> _Columns:
    names = [re.sub(r"\s+", " ", h.strip().lower()) for h in header]

    def exact(options: set[str]) -> list[int]:
        return [i for i, n in enumerate(names) if n in options]

    phones = []
    for i, name in enumerate(names):
        if name in _PLAIN_PHONE or (re.fullmatch(r"[\w/' ]*phone( \d+)?", name)
                                    and not any(word in name for word in _NOT_THEIR_PHONE)):
            phones.append((i, name, None))
        elif match := re.fullmatch(r"(phone \d+) - value", name):
            labels = [f"{match.group(1)} - type", f"{match.group(1)} - label"]
            phones.append((i, name, next((names.index(n) for n in labels if n in names), None)))
    emails = [i for i, n in enumerate(names)
              if n in _PLAIN_EMAIL or re.fullmatch(r"e-?mail \d+ - value|e-?mail( \d+)? address", n)]
    address: dict[str, int] = {}
    for prefix in _ADDRESS_PREFERENCE:
        address = {part: names.index(prefix + suffix) for part, suffixes in _ADDRESS_PARTS.items()
                   for suffix in suffixes if prefix + suffix in names}
        if address:
            break
    return _Columns(first=exact(_FIRST), last=exact(_LAST), full=exact(_FULL), phones=phones, emails=emails,
                    address=address, birthday=exact(_BIRTHDAY), notes=exact(_NOTES))


def parse_contacts_csv(text: str) -> ParseResult:
    """Rows of a contacts CSV whose header names the columns (any of the name, phone or email columns of
    Google's and Outlook's exports, or plain ones such as name/phone/email). Raises AddressBookError when
    the header has none of them."""
    first_line = text.split("\n", 1)[0]
    excel_hint = re.fullmatch(r"sep=(.)\s*", first_line, re.IGNORECASE)  # Excel's "sep=;" line before the header
    delimiter = excel_hint.group(1) if excel_hint else max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if excel_hint:
            next(reader)
        header = next(reader, [])
        columns = _find_columns(header)
        if not columns.recognised():
            raise AddressBookError(
                "no name, phone or email columns found: upload a vCard (.vcf) or a Google or Outlook contacts CSV")
        result = ParseResult()
        previous_end = reader.line_num
        for row in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            draft = _row_to_draft(row, columns)
            draft.line = start
            if draft.first_name or draft.last_name:
                result.contacts.append(draft)
            else:
                result.errors.append(RowError(start, f"{NO_NAME}: the name columns are empty",
                                              delimiter.join(row)[:_RAW_LIMIT]))
    except csv.Error as exc:
        raise AddressBookError(f"this CSV cannot be read (line {reader.line_num}: {exc})") from None
    return result


def _row_to_draft(row: list[str], columns: _Columns) -> ContactDraft:
    def cell(i: int) -> str:
        return _clean(row[i]) if i < len(row) else ""

    def joined(indexes: list[int]) -> str:
        return " ".join(value for value in (cell(i) for i in indexes) if value)

    draft = ContactDraft(first_name=joined(columns.first), last_name=joined(columns.last))
    if not (draft.first_name or draft.last_name):
        draft.first_name, draft.last_name = split_name(joined(columns.full))
    # Mobile numbers first (Outlook says so in the column name, Google in the "Phone N - Type" cell), and
    # Google packs several values of one kind into one cell: "312-555-0101 ::: 312-555-0102".
    def phone_rank(column: tuple[int, str, int | None]) -> int:
        _, name, label = column
        kind = f"{name} {cell(label) if label is not None else ''}".lower()
        return 0 if ("mobile" in kind or "cell" in kind) else 1 if ("primary" in kind or "main" in kind) else 2

    ranked = sorted(columns.phones, key=phone_rank)
    draft.phones = _unique(part for i, _, _ in ranked for part in cell(i).split(":::"))
    draft.emails = _unique(part for i in columns.emails for part in cell(i).split(":::") if "@" in part)
    parts = {part: cell(i) for part, i in columns.address.items()}
    draft.address = ", ".join(p for p in (parts.get("street", ""), parts.get("extended", "")) if p)
    if not draft.address and parts.get("formatted"):
        draft.address = parts["formatted"].replace("\n", ", ")
    draft.city, draft.state, draft.zip = parts.get("city", ""), parts.get("state", ""), parts.get("zip", "")
    notes = [row[i].strip() for i in columns.notes if i < len(row) and row[i].strip()]
    raw_birthday = joined(columns.birthday)
    draft.birthday = normalise_birthday(raw_birthday)
    if raw_birthday and not draft.birthday and not _EMPTY_DATE.fullmatch(raw_birthday):
        notes.append(f"Birthday: {raw_birthday}")
    draft.note = "\n".join(notes)
    return draft


# ---------------------------------------------------------------- pasted text

_EMAIL = re.compile(r"(?:mailto:)?([^\s,;<>()\[\]\"']+@[^\s,;<>()\[\]\"']+\.[^\s,;<>()\[\]\"'.]+)", re.IGNORECASE)
_PHONE = re.compile(r"\+?\(?\d(?:[ .\-()]{0,3}\d)+(?:\s*(?:x|ext\.?)\s*\d{1,6})?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELD_SEPARATORS = re.compile(r"([\t;,|])")
_EDGE_PUNCTUATION = " \t,;:|/<>()[]{}\"'-–—*•·"
_HEADER_WORDS = _FIRST | _LAST | _FULL | _PLAIN_EMAIL | _PLAIN_PHONE
_PARTICLES = {"de", "del", "della", "di", "da", "du", "la", "le", "van", "von", "der", "den", "st.", "mac", "bin", "al"}


def parse_pasted(text: str) -> ParseResult:
    """One person a line, as people type or paste them: "Maria Lopez, 312-555-0101", "Bob Smith
    bob@example.org", "Lopez, Maria", "Maria<TAB>Lopez<TAB>312-555-0101". Emails and phones are found
    anywhere on the line; what is left is the name (and anything after the name goes to the note).
    Never raises: a line that cannot be a person becomes an error."""
    result = ParseResult()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if not result.contacts and not result.errors and _is_header(line):
            continue
        if len(line) > _LINE_LIMIT:  # no one's name and numbers run this long; it also bounds the regex work
            result.errors.append(RowError(number, f"line too long for one person ({len(line)} characters)",
                                          line[:_RAW_LIMIT]))
            continue
        draft = _line_to_draft(line)
        draft.line = number
        if any(ch.isalpha() for ch in f"{draft.first_name}{draft.last_name}"):  # "???" is not a name
            result.contacts.append(draft)
        else:
            reason = f"{NO_NAME}: put the person's name before the phone or email" if (
                draft.phones or draft.emails) else f"{NO_NAME}, phone or email found"
            result.errors.append(RowError(number, reason, line[:_RAW_LIMIT]))
    return result


def _is_header(line: str) -> bool:
    words = [w.strip().lower() for w in _FIELD_SEPARATORS.split(line) if w.strip() and w not in "\t;,|"]
    return len(words) >= 2 and all(w in _HEADER_WORDS for w in words)


def _line_to_draft(line: str) -> ContactDraft:
    emails = [m.group(1) for m in _EMAIL.finditer(line)]
    rest = _EMAIL.sub("\t", line)
    phones: list[str] = []

    def take_phone(match: re.Match) -> str:
        found = _split_run_of_phones(match.group())
        if not found:
            return match.group()
        phones.extend(found)
        return "\t"

    rest = _PHONE.sub(take_phone, rest)
    # Fields with the separator before each: a comma between two names means "Last, First".
    pieces = _FIELD_SEPARATORS.split("\t" + rest)
    # _clean turns every Unicode space into " ", which the second strip removes from the edges.
    fields = [(_clean(pieces[i].strip(_EDGE_PUNCTUATION)).strip(_EDGE_PUNCTUATION), pieces[i - 1])
              for i in range(2, len(pieces), 2)]
    fields = [(text, separator) for text, separator in fields if text]
    draft = ContactDraft(phones=_unique(phones), emails=_unique(emails))
    if not fields:
        return draft
    names = [text for text, _ in fields]
    comma_between = len(fields) >= 2 and fields[1][1] == ","
    if comma_between and len(names[1].split()) == 1 and (len(names[0].split()) == 1 or _has_particle(names[0])):
        draft.last_name, draft.first_name, extra = _clean(names[0]), _clean(names[1]), names[2:]
    elif len(fields) >= 2 and not comma_between and all(len(n.split()) == 1 for n in names[:2]):
        draft.first_name, draft.last_name, extra = _clean(names[0]), _clean(names[1]), names[2:]
    else:
        (draft.first_name, draft.last_name), extra = split_name(names[0]), names[1:]
    draft.note = ", ".join(_clean(e) for e in extra)
    return draft


def _split_run_of_phones(run: str) -> list[str]:
    """The phone numbers in a run of digits and separators: one number of 7-15 digits, or several written
    one after another with spaces; [] when it is not a phone (a year, a zip code, a date)."""
    run = run.strip()
    digits = sum(ch.isdigit() for ch in run)
    if _ISO_DATE.fullmatch(run) or digits < 7:
        return []
    if digits <= 15:
        return [run]
    phones, current = [], ""
    for chunk in run.split():
        current = f"{current} {chunk}".strip()
        if sum(ch.isdigit() for ch in current) >= 10:
            phones.append(current)
            current = ""
    return phones + ([current] if sum(ch.isdigit() for ch in current) >= 7 else [])


def _has_particle(name: str) -> bool:
    return name.split()[0].lower() in _PARTICLES


# ---------------------------------------------------------------- shared small helpers


def split_name(full: str) -> tuple[str, str]:
    """(first, last) from one name as written: "Lopez, Maria" is last-comma-first; otherwise the first word is
    the first name and the rest the last name ("Maria de la Cruz" -> "Maria", "de la Cruz")."""
    full = _clean(full)
    if "," in full:
        last, _, first = full.partition(",")
        return _clean(first), _clean(last)
    first, _, last = full.partition(" ")
    return first, _clean(last)


_EMPTY_DATE = re.compile(r"0{1,2}/0{1,2}/0{2,4}|0000-00-00")


def normalise_birthday(raw: str, *, omit_year: str = "") -> str:
    """'YYYY-MM-DD', or '--MM-DD' when the year is unknown, from the forms exports use: ISO dates with or
    without dashes or a time (vCard, Google), vCard 4.0's '--0415', Apple's omitted year (1604 or
    X-APPLE-OMIT-YEAR), Outlook's 'M/D/YYYY' (D/M when the first number cannot be a month). '' otherwise."""
    raw = raw.strip()
    match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?", raw)
    if match:
        year, month, day = match.groups()
        if year in ("1604", omit_year):
            year = ""
    elif match := re.fullmatch(r"--(\d{2})-?(\d{2})", raw):
        year, (month, day) = "", match.groups()
    elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: .*)?", raw):
        month, day, year = match.groups()
        if int(month) > 12:
            month, day = day, month
    else:
        return ""
    try:
        date(int(year or 2000), int(month), int(day))  # 2000 is a leap year: --02-29 is a valid birthday
    except ValueError:
        return ""
    return f"{year}-{int(month):02d}-{int(day):02d}" if year else f"--{int(month):02d}-{int(day):02d}"


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _unique(values) -> list[str]:
    """Trimmed, non-empty, first occurrence kept (emails compared without case)."""
    seen: set[str] = set()
    out = []
    for value in values:
        value = _clean(value)
        key = value.lower()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out
