"""The person fields a CSV column can be mapped to, and the header names that suggest each one.

A mapping is {csv column: field name}; "" (or a missing column) means "ignore this column". Besides the
fixed fields below, two families of names are built from the column:

- ``custom:<key>`` — a custom field of the organization (validated by people.custom_fields.clean_value).
- ``vote:<election>`` — vote history, one column per election, e.g. ``vote:2024-general``. Election codes
  are ``<year>-<kind>`` in lower case. A cell says whether and how the person voted:
  empty, N, NO, 0, FALSE → did not vote (nothing stored);
  Y, YES, X, V, 1, TRUE → voted (method unknown);
  A/absentee, M/mail, E/early, P/polls/in person → voted, with that method. Any other text is rejected.
  Headers such as ``voted_2024_general``, ``2024 General``, ``General 2024`` or ``vh_2024_primary`` are
  suggested as ``vote:2024-general`` / ``vote:2024-primary`` automatically.

Several phone columns may be mapped at once (phone, phone2, mobile, landline): "mobile" and "landline"
columns record that kind when phonenumbers cannot tell (US numbers usually cannot). Tags are one column of
names separated by semicolons (or commas when there is no semicolon).
"""

import re

PHONE_FIELDS = ("phone", "phone2", "mobile", "landline")
EMAIL_FIELDS = ("email", "email2")
NAME_FIELDS = ("first_name", "last_name", "full_name")

# Ordered as the mapping screen shows them.
IMPORT_FIELDS: dict[str, str] = {
    "voter_id": "Voter-file id",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "suffix": "Name suffix (Jr., III…)",
    "full_name": "Full name (split into first and last)",
    "birth_date": "Date of birth",
    "phone": "Phone",
    "phone2": "Second phone",
    "mobile": "Mobile phone",
    "landline": "Landline",
    "email": "Email",
    "email2": "Second email",
    "address1": "Street address",
    "address2": "Address line 2",
    "city": "City",
    "state": "State",
    "zip": "ZIP / postal code",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "time_zone": "Time zone",
    "language": "Language",
    "registration_status": "Registration status",
    "party": "Party",
    "county": "County",
    "precinct": "Precinct",
    "congressional_district": "Congressional district",
    "state_senate_district": "State senate district",
    "state_house_district": "State house district",
    "tags": "Tags (separated by ;)",
}

CUSTOM_PREFIX = "custom:"
VOTE_PREFIX = "vote:"
ELECTION_RE = re.compile(r"^\d{4}-[a-z][a-z0-9_]*$")

# Normalised header (lower case, runs of non-alphanumerics as one "_") → field.
ALIASES: dict[str, str] = {
    **{name: name for name in IMPORT_FIELDS},
    "voterid": "voter_id", "voter_file_id": "voter_id", "voter_reg_id": "voter_id", "voter_registration_id": "voter_id",
    "sos_id": "voter_id", "state_voter_id": "voter_id", "statevoterid": "voter_id", "van_id": "voter_id",
    "vanid": "voter_id", "registrant_id": "voter_id", "voter_number": "voter_id", "external_id": "voter_id",
    "first": "first_name", "firstname": "first_name", "fname": "first_name", "given_name": "first_name",
    "middle": "middle_name", "middlename": "middle_name", "mname": "middle_name", "middle_initial": "middle_name",
    "last": "last_name", "lastname": "last_name", "lname": "last_name", "surname": "last_name",
    "family_name": "last_name", "name_suffix": "suffix", "name": "full_name", "fullname": "full_name",
    "dob": "birth_date", "birthdate": "birth_date", "date_of_birth": "birth_date", "birthday": "birth_date",
    "telephone": "phone", "phone_number": "phone", "home_phone": "phone", "tel": "phone",
    "phone_1": "phone", "phone1": "phone", "phone_2": "phone2", "cell": "mobile", "cell_phone": "mobile",
    "cellphone": "mobile", "mobile_phone": "mobile", "wireless": "mobile", "landline_phone": "landline",
    "email_address": "email", "e_mail": "email", "emailaddress": "email", "email_1": "email", "email1": "email",
    "email_2": "email2",
    "address": "address1", "street": "address1", "street_address": "address1", "address_1": "address1",
    "res_address": "address1", "residence_address": "address1", "address_line_1": "address1",
    "address_2": "address2", "address_line_2": "address2", "apt": "address2", "unit": "address2",
    "res_city": "city", "residence_city": "city", "town": "city",
    "st": "state", "res_state": "state", "state_code": "state",
    "zipcode": "zip", "zip_code": "zip", "postal_code": "zip", "postcode": "zip", "res_zip": "zip", "zip5": "zip",
    "lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
    "timezone": "time_zone", "tz": "time_zone", "lang": "language", "preferred_language": "language",
    "registration": "registration_status", "voter_status": "registration_status", "status": "registration_status",
    "reg_status": "registration_status", "party_affiliation": "party", "party_code": "party",
    "county_name": "county", "precinct_name": "precinct", "precinct_code": "precinct",
    "cd": "congressional_district", "congressional": "congressional_district",
    "sd": "state_senate_district", "senate_district": "state_senate_district",
    "hd": "state_house_district", "house_district": "state_house_district",
    "tag": "tags", "labels": "tags",
}

_VOTE_HEADER = (
    re.compile(r"^(?:vh|voted|vote|votehistory|vote_history|history)?_?(?P<year>(?:19|20)\d\d)_?(?P<kind>[a-z]+)$"),
    re.compile(r"^(?:vh|voted|vote)?_?(?P<kind>general|primary|municipal|special|runoff)_?(?P<year>(?:19|20)\d\d)$"),
)
_KIND_WORDS = {"general": "general", "primary": "primary", "municipal": "municipal", "special": "special",
               "runoff": "runoff", "g": "general", "p": "primary", "gen": "general", "pri": "primary"}


def normalise_header(column: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", column.strip().lower()).strip("_")


def suggest_field(column: str) -> str:
    """The field a header name most likely means, or "" when it suggests none."""
    key = normalise_header(column)
    if key in ALIASES:
        return ALIASES[key]
    for pattern in _VOTE_HEADER:
        match = pattern.match(key)
        if match and match["kind"] in _KIND_WORDS:
            return f"{VOTE_PREFIX}{match['year']}-{_KIND_WORDS[match['kind']]}"
    return ""


def is_known_field(name: str) -> bool:
    """True for a fixed field, a well-formed vote:<election> or custom:<key> (the key is checked per org)."""
    if name in IMPORT_FIELDS:
        return True
    if name.startswith(VOTE_PREFIX):
        return bool(ELECTION_RE.match(name[len(VOTE_PREFIX):]))
    if name.startswith(CUSTOM_PREFIX):
        return bool(re.fullmatch(r"[-a-zA-Z0-9_]+", name[len(CUSTOM_PREFIX):]))
    return False


def field_choices(custom_fields=(), elections=()) -> list[tuple[str, str]]:
    """(value, label) pairs for a mapping <select>: the fixed fields, the org's custom fields, the votes."""
    choices = list(IMPORT_FIELDS.items())
    choices += [(f"{CUSTOM_PREFIX}{f.key}", f"Custom: {f.label}") for f in custom_fields]
    choices += [(f"{VOTE_PREFIX}{e}", f"Voted in {e}") for e in elections]
    return choices
