import pytest
from django.core.exceptions import ValidationError

from groundswell.people.custom_fields import clean_custom
from groundswell.people.models import CustomField


@pytest.fixture
def fields(org_tree):
    org = org_tree.org
    return [
        CustomField.objects.create(org=org, key="shirt", label="Shirt size", kind="choice", choices=["S", "M", "L"]),
        CustomField.objects.create(org=org, key="donated", label="Donated", kind="number"),
        CustomField.objects.create(org=org, key="first_event", label="First event", kind="date"),
        CustomField.objects.create(org=org, key="story", label="Story", kind="text"),
    ]


def test_values_are_stored_in_their_clean_form(fields):
    values = {"shirt": "m", "donated": "1,250.50", "first_event": "3/7/2024", "story": " Teacher "}
    assert clean_custom(fields, values) == {
        "shirt": "M", "donated": 1250.5, "first_event": "2024-03-07", "story": "Teacher",
    }


def test_empty_values_are_left_out(fields):
    assert clean_custom(fields, {"shirt": "", "donated": None}) == {}


def test_every_bad_value_gets_its_own_message(fields):
    with pytest.raises(ValidationError) as error:
        clean_custom(fields, {"shirt": "XXL", "donated": "lots", "first_event": "soon", "nope": "x"})
    messages = error.value.message_dict
    assert "unknown choice 'XXL'" in messages["shirt"][0]
    assert "is not a number" in messages["donated"][0]
    assert "is not a date" in messages["first_event"][0]
    assert "unknown custom field" in messages["nope"][0]


def test_not_a_number_and_infinity_are_refused(fields):
    for bad in ("nan", "inf"):
        with pytest.raises(ValidationError):
            clean_custom(fields, {"donated": bad})
