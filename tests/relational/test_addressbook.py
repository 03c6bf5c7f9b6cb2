"""Address-book uploads and pasted lists, with the files phones and webmail really produce."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from groundswell.relational.addressbook import (
    AddressBookError,
    ContactDraft,
    normalise_birthday,
    parse_pasted,
    parse_upload,
    split_name,
)

# --------------------------------------------------------------------------------------------- vCard

VCARD_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:L=C3=B3pez;Mar=C3=ADa;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Mar=C3=ADa L=C3=B3pez\r\n"
    "TEL;HOME:312-555-0102\r\n"
    "TEL;CELL;PREF:312-555-0101\r\n"
    "EMAIL;INTERNET:maria@example.org\r\n"
    "ADR;HOME:;;12 Main St;Chicago;IL;60601;USA\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the rally, wants a yard sign. Neighbour of =\r\n"
    "Bob =E2=80=94 ask about car=\r\n"
    "pool\r\n"
    "BDAY:1985-04-15\r\n"
    "END:VCARD\r\n"
)

VCARD_30 = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.4//EN
N:Smith;Robert;J.;;
FN:Robert J. Smith
ORG:Lakeview Tenants Union;
item1.EMAIL;type=INTERNET;type=pref:bob@example.org
EMAIL;type=INTERNET;type=WORK:BOB@EXAMPLE.ORG
EMAIL;type=INTERNET;type=HOME:rjsmith@example.net
TEL;type=WORK;type=VOICE:(773) 555-0170
TEL;type=CELL;type=VOICE:(773) 555-0171
ADR;type=WORK:;;1 Office Plaza;Skokie;IL;60077;
ADR;type=HOME;type=pref:;Apt 2;9 Oak Ave;Evanston;IL;60201;United States
NOTE:Coaches little league\\, Saturdays\\nPrefers texts
BDAY;X-APPLE-OMIT-YEAR=1604:1604-09-30
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDA
 sLCxkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Dee
 nah Okafor
TEL;TYPE=CELL:+1 872 555 0133
BDAY:--0229
END:VCARD
BEGIN:VCARD
VERSION:3.0
ORG:Joe's Pizza;
TEL;TYPE=WORK:312-555-0199
END:VCARD
"""

VCARD_40 = """BEGIN:VCARD
VERSION:4.0
FN:Priya Natarajan
N:Natarajan;Priya;;;
TEL;VALUE=uri;TYPE="voice,home":tel:+1-312-555-0150
TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+1-312-555-0151
EMAIL;TYPE=work:priya@example.com
BDAY:--0415
NOTE:Book club
END:VCARD
"""


def only(result) -> ContactDraft:
    assert not result.errors
    assert len(result.contacts) == 1
    return result.contacts[0]


def test_vcard_21_with_quoted_printable_soft_line_breaks_and_bare_types():
    maria = only(parse_upload(VCARD_21.encode("utf-8"), "Contacts.vcf"))
    assert (maria.first_name, maria.last_name) == ("María", "López")
    assert maria.phones == ["312-555-0101", "312-555-0102"]  # CELL;PREF first
    assert maria.emails == ["maria@example.org"]
    assert (maria.address, maria.city, maria.state, maria.zip) == ("12 Main St", "Chicago", "IL", "60601")
    assert maria.birthday == "1985-04-15"
    # The comma survives (vobject's own text decoding would cut the note there) and the soft breaks join.
    assert maria.note == "Met at the rally, wants a yard sign. Neighbour of Bob — ask about carpool"


def test_vcard_30_iphone_export_with_several_cards_folded_lines_and_a_card_without_a_name():
    result = parse_upload(VCARD_30.encode("utf-8"), "iCloud vCards.vcf")
    bob, deenah = result.contacts
    assert (bob.first_name, bob.last_name) == ("Robert", "Smith")
    assert bob.phones == ["(773) 555-0171", "(773) 555-0170"]  # the mobile first
    assert bob.emails == ["bob@example.org", "rjsmith@example.net"]  # the same address twice is kept once
    assert (bob.address, bob.city, bob.state, bob.zip) == ("9 Oak Ave, Apt 2", "Evanston", "IL", "60201")
    assert bob.birthday == "--09-30"  # Apple's year 1604 means "no year"
    assert bob.note == "Coaches little league, Saturdays\nPrefers texts"
    assert (deenah.first_name, deenah.last_name) == ("Deenah", "Okafor")  # FN folded mid-word, no N
    assert deenah.birthday == "--02-29"
    assert (bob.line, deenah.line) == (1, 19)  # where each card begins, for the volunteer's review list
    [error] = result.errors
    assert error.line == 26 and "no name" in error.reason and "Joe's Pizza" in error.raw


def test_vcard_40_uri_phones_and_partial_birthday():
    priya = only(parse_upload(VCARD_40.encode("utf-8"), "priya.vcf"))
    assert priya.phones == ["+1-312-555-0151", "+1-312-555-0150"]
    assert priya.emails == ["priya@example.com"]
    assert priya.birthday == "--04-15"
    assert priya.note == "Book club"


def test_vcard_detected_by_content_whatever_the_name_and_an_unreadable_line_does_not_lose_the_card():
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ruiz\nthis line is not a property\nTEL:555-0100\nEND:VCARD\n"
    ana = only(parse_upload(text.encode(), "download"))
    assert (ana.first_name, ana.last_name, ana.phones) == ("Ana", "Ruiz", ["555-0100"])


def test_card_lines_are_counted_across_blank_lines_and_old_mac_line_endings():
    text = "\r\rBEGIN:VCARD\rFN:Ana Ruiz\rEND:VCARD\r\r\rBEGIN:VCARD\rTEL:1\rEND:VCARD\rBEGIN:VCARD\rFN:Bo\rEND:VCARD"
    result = parse_upload(text.encode(), "x.vcf")
    assert [c.line for c in result.contacts] == [3, 11] and [e.line for e in result.errors] == [8]


def test_vcard_extension_without_a_card_is_refused():
    with pytest.raises(AddressBookError, match="not a vCard file"):
        parse_upload(b"hello there\n", "contacts.vcf")


# ----------------------------------------------------------------------------------------------- CSV

GOOGLE_OLD_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,"
    "Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
    "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
    "Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,"
    "Organization 1 - Job Description"
)


def google_old_row(**values: str) -> str:
    columns = GOOGLE_OLD_HEADER.split(",")
    cells = [values.get(column, "") for column in columns]
    return ",".join(f'"{c}"' if any(ch in c for ch in ',"\n') else c for c in cells)


def test_google_csv_old_export():
    rows = [
        google_old_row(**{"Name": "Maria Lopez", "Given Name": "Maria", "Family Name": "Lopez",
                          "Birthday": "1985-04-15", "Notes": "Church choir", "Group Membership": "* myContacts",
                          "E-mail 1 - Type": "* Home", "E-mail 1 - Value": "maria@example.org",
                          "Phone 1 - Type": "Home", "Phone 1 - Value": "312-555-0102",
                          "Phone 2 - Type": "Mobile", "Phone 2 - Value": "312-555-0101 ::: 312-555-0103",
                          "Address 1 - Type": "Home",
                          "Address 1 - Formatted": "12 Main St\nChicago, IL 60601", "Address 1 - Street": "12 Main St",
                          "Address 1 - City": "Chicago", "Address 1 - Region": "IL",
                          "Address 1 - Postal Code": "60601", "Address 1 - Country": "US"}),
        google_old_row(**{"Name": "Tom", "Given Name": "Tom", "Birthday": "--07-04",
                          "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+1 773-555-0188"}),
        google_old_row(**{"Organization 1 - Name": "Acme Plumbing", "Phone 1 - Value": "312-555-0111"}),
        google_old_row(**{"Name": "Kwame Mensah", "E-mail 1 - Value": "kwame@example.com"}),
    ]
    data = "\ufeff" + "\r\n".join([GOOGLE_OLD_HEADER, *rows]) + "\r\n"
    result = parse_upload(data.encode("utf-8"), "google.csv")
    maria, tom, kwame = result.contacts
    assert (maria.first_name, maria.last_name, maria.birthday, maria.note) == (
        "Maria", "Lopez", "1985-04-15", "Church choir")
    assert maria.phones == ["312-555-0101", "312-555-0103", "312-555-0102"]  # the Mobile cell first
    assert maria.emails == ["maria@example.org"]
    assert (maria.address, maria.city, maria.state, maria.zip) == ("12 Main St", "Chicago", "IL", "60601")
    assert (tom.first_name, tom.last_name, tom.birthday, tom.phones) == ("Tom", "", "--07-04", ["+1 773-555-0188"])
    assert (kwame.first_name, kwame.last_name, kwame.emails) == ("Kwame", "Mensah", ["kwame@example.com"])
    assert [c.line for c in result.contacts] == [2, 4, 6]
    [error] = result.errors
    # Line 5 of the file: the header, Maria (whose quoted address spans lines 2-3), Tom, then this one.
    assert error.line == 5 and "no name" in error.reason and "Acme Plumbing" in error.raw


GOOGLE_NEW_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
    "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,"
    "Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,"
    "Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
    "Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value"
)


def test_google_csv_new_export():
    lines = [
        GOOGLE_NEW_HEADER,
        "Grace,Brewster,Hopper,,,,,,Amazing Grace,,US Navy,Rear Admiral,,1906-12-09,Retired,,* myContacts,"
        "Work,grace@navy.example,Other,grace@example.com,Home,312-555-0120,Mobile,312-555-0121,Home,"
        "\"1 Main St\nArlington, VA 22201\",1 Main St,Arlington,,VA,22201,US,,,",
        ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",  # an empty row, as spreadsheets leave them: skipped
        "Luis,,,,,,,,,,,,,,,,* myContacts,,,,,Mobile,(872) 555-0142,,,,,,,,,,,,,",
    ]
    result = parse_upload(("\n".join(lines) + "\n").encode("utf-8"), "contacts.csv")
    grace, luis = only_contacts(result, 2)
    assert (grace.first_name, grace.last_name, grace.birthday, grace.note) == (
        "Grace", "Hopper", "1906-12-09", "Retired")
    assert grace.emails == ["grace@navy.example", "grace@example.com"]
    assert grace.phones == ["312-555-0121", "312-555-0120"]
    assert (grace.address, grace.city, grace.state, grace.zip) == ("1 Main St", "Arlington", "VA", "22201")
    assert (luis.first_name, luis.last_name, luis.phones) == ("Luis", "", ["(872) 555-0142"])


def only_contacts(result, n):
    assert not result.errors
    assert len(result.contacts) == n
    return result.contacts


OUTLOOK_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,"
    "Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,"
    "Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,Home Street 2,Home Street 3,"
    "Home Address PO Box,Home City,Home State,Home Postal Code,Home Country,Spouse,Children,Manager's Name,"
    "Assistant's Name,Referred By,Company Main Phone,Business Phone,Business Phone 2,Business Fax,"
    "Assistant's Phone,Company,Job Title,Department,Office Location,Organizational ID Number,Profession,Account,"
    "Business Address,Business Street,Business Street 2,Business Street 3,Business Address PO Box,Business City,"
    "Business State,Business Postal Code,Business Country,Other Phone,Other Fax,Other Address,Other Street,"
    "Other Street 2,Other Street 3,Other Address PO Box,Other City,Other State,Other Postal Code,Other Country,"
    "Callback,Car Phone,ISDN,Radio Phone,TTY/TDD Phone,Telex,User 1,User 2,User 3,User 4,Keywords,Mileage,Hobby,"
    "Billing Information,Directory Server,Sensitivity,Priority,Private,Categories"
)


def outlook_row(**values: str) -> str:
    columns = OUTLOOK_HEADER.split(",")
    cells = [values.get(column, "") for column in columns]
    return ",".join(f'"{c}"' if any(ch in c for ch in ',"\n') else c for c in cells)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "cp1252"])
def test_outlook_csv_in_the_encodings_outlook_writes(encoding):
    rows = [
        OUTLOOK_HEADER,
        outlook_row(**{"First Name": "José", "Last Name": "Núñez", "Birthday": "4/15/1985", "Notes": "Soccer dad",
                       "E-mail Address": "jose@example.org", "Home Phone": "312-555-0130",
                       "Mobile Phone": "312-555-0131", "Business Fax": "312-555-0139",
                       "Assistant's Phone": "312-555-0138", "Home Street": "77 Elm St", "Home Street 2": "Unit 3",
                       "Home City": "Cicero", "Home State": "IL", "Home Postal Code": "60804",
                       "Business City": "Chicago"}),
        outlook_row(**{"First Name": "Ann", "Birthday": "0/0/00", "Business Phone": "312-555-0140"}),
    ]
    data = ("\r\n".join(rows) + "\r\n").encode(encoding)
    jose, ann = only_contacts(parse_upload(data, "contacts.CSV"), 2)
    assert (jose.first_name, jose.last_name, jose.birthday, jose.note) == ("José", "Núñez", "1985-04-15", "Soccer dad")
    assert jose.phones == ["312-555-0131", "312-555-0130"]  # no fax, no assistant
    assert jose.emails == ["jose@example.org"]
    assert (jose.address, jose.city, jose.state, jose.zip) == ("77 Elm St, Unit 3", "Cicero", "IL", "60804")
    assert (ann.first_name, ann.birthday, ann.note, ann.phones) == ("Ann", "", "", ["312-555-0140"])


def test_a_plain_spreadsheet_with_name_phone_email_and_semicolons():
    data = "Name;Phone;Email;City\nLopez, Maria;312-555-0101;maria@example.org;Chicago\n;;nobody@example.org;\n"
    result = parse_upload(data.encode("latin-1"), "list.csv")
    [maria] = result.contacts
    assert (maria.first_name, maria.last_name, maria.phones, maria.emails, maria.city) == (
        "Maria", "Lopez", ["312-555-0101"], ["maria@example.org"], "Chicago")
    [error] = result.errors
    assert (error.line, error.raw) == (3, ";;nobody@example.org;")


def test_excel_separator_hint_line_is_honoured():
    data = b"sep=;\r\nFirst Name;Last Name;Mobile Phone\r\nAna;Ruiz;312-555-0101\r\n;;312-555-0102\r\n"
    result = parse_upload(data, "x.csv")
    [ana] = result.contacts
    assert (ana.first_name, ana.last_name, ana.phones, ana.line) == ("Ana", "Ruiz", ["312-555-0101"], 3)
    assert [e.line for e in result.errors] == [4]


def test_an_unparseable_birthday_is_kept_in_the_note():
    data = "First Name,Last Name,Birthday\nAna,Ruiz,sometime in May\n"
    [ana] = parse_upload(data.encode(), "c.csv").contacts
    assert (ana.birthday, ana.note) == ("", "Birthday: sometime in May")


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b"", "contacts.csv", "empty"),
    (b"  \r\n\r\n", "contacts.vcf", "empty"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00", "contacts.xlsx", "binary"),
    (bytes(range(256)) * 4, "contacts.csv", "binary"),
    (b"order_id,amount,sku\n1,9.99,A-1\n", "orders.csv", "no name, phone or email columns"),
])
def test_unusable_files_are_one_clear_error(data, filename, message):
    with pytest.raises(AddressBookError, match=message):
        parse_upload(data, filename)


def test_a_txt_upload_that_is_not_a_csv_is_read_as_a_pasted_list():
    result = parse_upload(b"Maria Lopez, 312-555-0101\nBob Smith bob@example.org\n", "people.txt")
    assert [(c.first_name, c.last_name) for c in result.contacts] == [("Maria", "Lopez"), ("Bob", "Smith")]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.vcf", "a.csv", "a.txt", "upload"]))
def test_any_bytes_give_a_result_or_an_address_book_error(data, filename):
    try:
        result = parse_upload(data, filename)
    except AddressBookError:
        return
    assert all(c.first_name or c.last_name for c in result.contacts)


# ------------------------------------------------------------------------------------------- pasted


@pytest.mark.parametrize(("line", "first", "last", "phones", "emails", "note"), [
    ("Maria Lopez, 312-555-0101", "Maria", "Lopez", ["312-555-0101"], [], ""),
    ("Bob Smith maria@example.org", "Bob", "Smith", [], ["maria@example.org"], ""),
    ("Lopez, Maria", "Maria", "Lopez", [], [], ""),
    ("de la Cruz, Maria; 312 555 0101", "Maria", "de la Cruz", ["312 555 0101"], [], ""),
    ("Maria\tLopez\t(312) 555-0101\tChicago", "Maria", "Lopez", ["(312) 555-0101"], [], "Chicago"),
    ("  Ana Ruiz ; ana@example.org ; +1 (872) 555-0199  ", "Ana", "Ruiz", ["+1 (872) 555-0199"],
     ["ana@example.org"], ""),
    ("Kwame Mensah <kwame@example.com>", "Kwame", "Mensah", [], ["kwame@example.com"], ""),
    ("Tom 773.555.0188 ext 12", "Tom", "", ["773.555.0188 ext 12"], [], ""),
    ("Li Wei 312-555-0101 312-555-0102", "Li", "Wei", ["312-555-0101", "312-555-0102"], [], ""),
    ("Maria Lopez, 1985-04-15", "Maria", "Lopez", [], [], "1985-04-15"),
    ("Grandma", "Grandma", "", [], [], ""),
])
def test_pasted_lines(line, first, last, phones, emails, note):
    draft = only(parse_pasted(line))
    assert (draft.first_name, draft.last_name, draft.phones, draft.emails, draft.note) == (
        first, last, phones, emails, note)


def test_pasted_list_skips_blank_lines_and_a_header_and_reports_lines_without_a_name():
    text = "Name, Phone\n\nMaria Lopez, 312-555-0101\n   \n312-555-0199\n---\nBob Smith bob@example.org\n"
    result = parse_pasted(text)
    assert [(c.first_name, c.last_name, c.line) for c in result.contacts] == [
        ("Maria", "Lopez", 3), ("Bob", "Smith", 7)]
    assert [(e.line, e.raw) for e in result.errors] == [(5, "312-555-0199"), (6, "---")]
    assert "no name" in result.errors[0].reason


def test_a_runaway_line_is_an_error_not_a_slow_regex():
    result = parse_pasted("Maria Lopez 312-555-0101\n" + "a" * 200_000 + "@\n")
    assert len(result.contacts) == 1
    assert result.errors[0].line == 2 and "too long" in result.errors[0].reason


@settings(max_examples=500, deadline=None)
@given(st.text())
@example("\x1f,")  # a Unicode space that str.split() knows and the punctuation strip did not
@example("Ana\u2028Ruiz\x85, \u3000312-555-0101")
def test_parse_pasted_never_raises_and_never_returns_a_nameless_contact(text):
    result = parse_pasted(text)
    assert all(c.first_name or c.last_name for c in result.contacts)
    assert all(p == p.strip() and p for c in result.contacts for p in c.phones)
    nonblank = sum(1 for line in text.splitlines() if line.strip())
    assert len(result.contacts) + len(result.errors) <= nonblank


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}, \(?\d{3}\)?[ -]\d{3}-\d{4}", fullmatch=True),
                min_size=1, max_size=8))
def test_every_name_and_phone_line_becomes_one_contact(lines):
    result = parse_pasted("\n".join(lines))
    assert len(result.contacts) == len(lines) and not result.errors
    for line, draft in zip(lines, result.contacts, strict=True):
        name, phone = line.split(", ")
        assert f"{draft.first_name} {draft.last_name}" == name and draft.phones == [phone]


# -------------------------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(("raw", "expected"), [
    ("1985-04-15", "1985-04-15"), ("19850415", "1985-04-15"), ("1985-04-15T00:00:00Z", "1985-04-15"),
    ("--0415", "--04-15"), ("--04-15", "--04-15"), ("1604-04-15", "--04-15"), ("4/15/1985", "1985-04-15"),
    ("15/4/1985", "1985-04-15"), ("0/0/00", ""), ("1985-02-30", ""), ("--0229", "--02-29"), ("soon", ""), ("", ""),
])
def test_normalise_birthday(raw, expected):
    assert normalise_birthday(raw) == expected


@pytest.mark.parametrize(("full", "expected"), [
    ("Maria Lopez", ("Maria", "Lopez")), ("Lopez, Maria", ("Maria", "Lopez")),
    ("Maria de la Cruz", ("Maria", "de la Cruz")), ("Cher", ("Cher", "")), ("  ", ("", "")),
])
def test_split_name(full, expected):
    assert split_name(full) == expected
