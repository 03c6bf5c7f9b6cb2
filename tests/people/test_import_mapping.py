"""Suggesting, checking and remembering column mappings."""

import pytest

from groundswell.people.importing.fields import IMPORT_FIELDS, suggest_field
from groundswell.people.importing.mapping import check_mapping, remember_mapping, suggest_mapping
from groundswell.people.models import CustomField

HEADER = ["Voter ID", "FIRST NAME", "last_name", "DOB", "Cell Phone", "Phone", "E-mail", "Zip Code", "Notes"]


def test_it_suggests_fields_from_header_names(org_tree):
    assert suggest_mapping(org_tree.org, HEADER) == {
        "Voter ID": "voter_id", "FIRST NAME": "first_name", "last_name": "last_name", "DOB": "birth_date",
        "Cell Phone": "mobile", "Phone": "phone", "E-mail": "email", "Zip Code": "zip", "Notes": "",
    }


def test_a_field_is_suggested_for_its_first_column_only(org_tree):
    assert suggest_mapping(org_tree.org, ["Email", "Email Address"]) == {"Email": "email", "Email Address": ""}


@pytest.mark.parametrize(
    ("column", "field"),
    [
        ("voted_2024_general", "vote:2024-general"), ("2022 Primary", "vote:2022-primary"),
        ("General 2020", "vote:2020-general"), ("VH_2018_G", "vote:2018-general"), ("2024", ""),
        ("Favourite colour", ""),
    ],
)
def test_it_recognises_vote_history_columns(column, field):
    assert suggest_field(column) == field


def test_it_suggests_the_organizations_custom_fields_by_key_or_label(org_tree):
    CustomField.objects.create(org=org_tree.org, key="shirt", label="T-shirt size", kind="choice", choices=["S", "M"])
    mapping = suggest_mapping(org_tree.org, ["first", "T-Shirt Size", "shirt"])
    assert mapping == {"first": "first_name", "T-Shirt Size": "custom:shirt", "shirt": ""}


def test_a_remembered_mapping_wins_for_the_same_header(org_tree):
    remember_mapping(org_tree.org, HEADER, {"Voter ID": "voter_id", "Notes": "last_name", "Phone": "landline"})
    # The same header, however it is spaced or capitalised, finds the remembered mapping.
    mapping = suggest_mapping(org_tree.org, HEADER)
    assert mapping["Notes"] == "last_name"
    assert mapping["Phone"] == "landline"
    assert mapping["FIRST NAME"] == ""
    # Another organization does not see it.
    assert suggest_mapping(org_tree.other, HEADER)["Notes"] == ""


def test_a_sound_mapping_has_no_problems():
    assert check_mapping(["id", "first", "x"], {"id": "voter_id", "first": "first_name", "x": ""}) == []


@pytest.mark.parametrize(
    ("mapping", "problem"),
    [
        ({"a": "", "b": ""}, "no usable columns: no column is mapped to a person field"),
        ({"a": "phone", "b": "city"}, "no name column: map a column to first name, last name or full name"),
        ({"a": "first_name", "b": "city"},
         "no column identifies a person: map a voter-file id, a phone or an email column"),
        ({"a": "first_name", "b": "shoe_size"}, "column 'b': unknown field 'shoe_size'"),
        ({"a": "first_name", "b": "first_name"}, "field 'first_name' is mapped twice (columns 'a' and 'b')"),
        ({"a": "first_name", "zz": "email"}, "column 'zz' is not in the file's header"),
        ({"a": "first_name", "b": "vote:last-year"}, "column 'b': unknown field 'vote:last-year'"),
        ({"a": "first_name", "b": ["email"]}, "a mapping is {column name: field name}, both text"),
    ],
)
def test_it_reports_what_is_wrong_with_a_mapping(mapping, problem):
    assert problem in check_mapping(["a", "b"], mapping)


def test_the_fields_for_the_mapping_screen_have_labels():
    assert list(IMPORT_FIELDS)[:3] == ["voter_id", "first_name", "middle_name"]
    assert all(isinstance(label, str) and label for label in IMPORT_FIELDS.values())
