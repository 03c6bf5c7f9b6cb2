"""Custom field definitions: listing, adding, editing, reordering, and refusing changes that break values."""

import pytest
from django.urls import reverse

from groundswell.people.models import CustomField
from tests import factories


def fields_url(team) -> str:
    return reverse("people:field-list", args=[team.slug])


def field(org, key, **kw) -> CustomField:
    kw.setdefault("label", key.title())
    return CustomField.objects.create(org=org, key=key, **kw)


def test_people_readers_see_the_organizations_fields_but_only_org_editors_may_change_them(
        org_tree, personas, client_for):
    field(org_tree.org, "shirt", kind="choice", choices=["S", "M"])
    page = client_for(personas.organizer).get(fields_url(org_tree.north))
    assert page.status_code == 200
    assert "Shirt" in page.content.decode() and not page.context["can_edit"]
    refused = client_for(personas.organizer).post(fields_url(org_tree.north), {"label": "X", "key": "x",
                                                                               "kind": "text"})
    assert refused.status_code == 403
    assert client_for(personas.leader).get(fields_url(org_tree.north_team)).status_code == 403
    assert client_for(personas.outsider).get(fields_url(org_tree.north)).status_code == 404


def test_an_org_admin_adds_a_choice_field(org_tree, personas, client_for):
    response = client_for(personas.admin).post(fields_url(org_tree.north), {
        "label": "Shirt size", "key": "shirt_size", "kind": "choice", "choices": "S\nM\n\nm\nL"})
    assert response.status_code == 302
    created = CustomField.objects.get(org=org_tree.org)
    assert (created.key, created.kind, created.choices) == ("shirt_size", "choice", ["S", "M", "L"])


@pytest.mark.parametrize(
    ("data", "error_field"),
    [
        ({"label": "Shirt", "key": "shirt", "kind": "text"}, "key"),  # taken
        ({"label": "Bad", "key": "Bad Key!", "kind": "text"}, "key"),
        ({"label": "Empty", "key": "empty", "kind": "choice", "choices": ""}, "choices"),
        ({"label": "", "key": "nolabel", "kind": "text"}, "label"),
        ({"label": "Odd", "key": "odd", "kind": "colour"}, "kind"),
    ],
)
def test_bad_definitions_get_field_errors(org_tree, personas, client_for, data, error_field):
    field(org_tree.org, "shirt")
    response = client_for(personas.admin).post(fields_url(org_tree.org), data)
    assert response.status_code == 400
    assert error_field in response.context["form"].errors
    assert CustomField.objects.count() == 1


def test_dropping_a_choice_that_people_hold_is_refused_with_a_clear_message(org_tree, personas, client_for):
    shirt = field(org_tree.org, "shirt", kind="choice", choices=["S", "M", "L"])
    factories.person(org_tree.north_team, custom={"shirt": "M"})
    client = client_for(personas.admin)
    edit_url = reverse("people:field-edit", args=[org_tree.org.slug, shirt.pk])
    refused = client.post(edit_url, {"label": "Shirt", "kind": "choice", "choices": "S\nL"})
    assert refused.status_code == 400
    assert "People still have 'M'" in refused.context["form"].errors["choices"][0]
    shirt.refresh_from_db()
    assert shirt.choices == ["S", "M", "L"]
    allowed = client.post(edit_url, {"label": "T-shirt", "kind": "choice", "choices": "S\nM\nXL"})
    assert allowed.status_code == 302
    shirt.refresh_from_db()
    assert (shirt.label, shirt.choices, shirt.key) == ("T-shirt", ["S", "M", "XL"], "shirt")


def test_the_type_of_a_field_in_use_cannot_change(org_tree, personas, client_for):
    pets = field(org_tree.org, "pets", kind="number")
    factories.person(org_tree.north_team, custom={"pets": 2})
    response = client_for(personas.admin).post(reverse("people:field-edit", args=[org_tree.org.slug, pets.pk]),
                                               {"label": "Pets", "kind": "text"})
    assert "its type cannot change" in response.context["form"].errors["kind"][0]


def test_fields_are_reordered(org_tree, personas, client_for):
    a, b, c = (field(org_tree.org, key, position=n) for n, key in enumerate(["a", "b", "c"], start=1))
    client = client_for(personas.admin)
    client.post(reverse("people:field-move", args=[org_tree.org.slug, c.pk]), {"direction": "up"})
    client.post(reverse("people:field-move", args=[org_tree.org.slug, a.pk]), {"direction": "down"})
    order = list(CustomField.objects.filter(org=org_tree.org).order_by("position").values_list("key", flat=True))
    assert order == ["c", "a", "b"]


def test_a_field_of_another_organization_is_not_found(org_tree, personas, client_for):
    theirs = field(org_tree.other, "secret")
    response = client_for(personas.admin).get(reverse("people:field-edit", args=[org_tree.org.slug, theirs.pk]))
    assert response.status_code == 404
