"""List pages: the builder's live count, saving, freezing, renaming, deleting, and scope (other teams 404)."""

import pytest
from django.urls import reverse

from groundswell.people.models import CustomField, ListMember, PeopleList, PersonTag, Tag
from tests import factories


@pytest.fixture
def people(org_tree):
    dems = [factories.person(org_tree.north, party="DEM", city="Austin") for _ in range(3)]
    factories.person(org_tree.north, party="REP")
    factories.person(org_tree.south, party="DEM")
    return dems


def test_live_count_shows_how_many_match_and_a_sample(org_tree, personas, people, client_for):
    client = client_for(personas.organizer)
    response = client.post(reverse("people:list-count", args=[org_tree.north.slug]), {"party": "DEM"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-count="3"' in response.text
    assert str(people[0]) in response.text
    assert reverse("people:person-detail", args=[people[0].pk]) in response.text


def test_live_count_of_a_bad_filter_names_the_field_instead_of_failing(org_tree, personas, client_for):
    client = client_for(personas.organizer)
    response = client.post(reverse("people:list-count", args=[org_tree.north.slug]),
                           {"age_min": "old", "radius_distance": "5"})
    assert response.status_code == 200
    assert "must be a whole number" in response.text
    assert "give either a ZIP code or both lat and lng" in response.text
    assert "data-count" not in response.text


def test_the_builder_page_counts_everyone_at_first_and_triggers_recounts(org_tree, personas, people, client_for):
    response = client_for(personas.organizer).get(reverse("people:list-new", args=[org_tree.north.slug]))
    assert response.status_code == 200
    assert 'data-count="4"' in response.text
    assert f'hx-post="{reverse("people:list-count", args=[org_tree.north.slug])}"' in response.text
    assert "delay:" in response.text


def test_saving_a_dynamic_list_stores_the_cleaned_filter(org_tree, personas, people, client_for):
    org = org_tree.org
    CustomField.objects.create(org=org, key="shirt", label="Shirt", kind="choice", choices=["S", "M"])
    tag = Tag.objects.create(org=org, name="Donor")
    PersonTag.objects.create(person=people[0], tag=tag)
    response = client_for(personas.organizer).post(reverse("people:list-new", args=[org_tree.north.slug]), {
        "name": "Austin donors", "kind": "dynamic", "party": "DEM, IND", "tags_any": "donor",
        "custom_shirt_in": ["m"], "radius_zip": "78701", "radius_distance": "3", "radius_unit": "km",
        "has_phone": "no", "opted_out_text": "no", "contactable": ["email"], "age_min": "18",
    })
    saved = PeopleList.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("people:list-detail", args=[saved.pk])
    assert saved.kind == "dynamic" and saved.team == org_tree.north
    assert saved.filters == {
        "party": ["DEM", "IND"], "tags": {"any": ["Donor"]}, "radius": {"zip": "78701", "distance": 3.0, "unit": "km"},
        "contactable": ["email"], "age": {"min": 18}, "has_phone": False, "opted_out": {"text": False},
        "custom": {"shirt": {"in": ["M"]}},
    }


def test_saving_a_static_list_freezes_its_people_now(org_tree, personas, people, client_for):
    client_for(personas.organizer).post(reverse("people:list-new", args=[org_tree.north.slug]),
                                        {"name": "Dems today", "kind": "static", "party": "DEM"})
    saved = PeopleList.objects.get()
    assert saved.kind == "static"
    assert set(ListMember.objects.filter(list=saved).values_list("person_id", flat=True)) == {p.pk for p in people}


def test_saving_with_errors_keeps_the_input_and_says_what_is_wrong(org_tree, personas, client_for):
    response = client_for(personas.organizer).post(reverse("people:list-new", args=[org_tree.north.slug]),
                                                   {"name": "", "party": "DEM", "age_min": "40", "age_max": "30"})
    assert response.status_code == 400
    assert "Give the list a name." in response.text
    assert not PeopleList.objects.exists()


def test_editing_a_dynamic_list_shows_its_filters_and_saves_new_ones(org_tree, personas, people, client_for):
    people_list = factories.people_list(org_tree.north, name="Dems", filters={"party": ["DEM"], "age": {"min": 30}})
    client = client_for(personas.organizer)
    page = client.get(reverse("people:list-edit", args=[people_list.pk]))
    assert 'name="party" value="DEM"' in page.text and 'name="age_min" value="30"' in page.text
    response = client.post(reverse("people:list-edit", args=[people_list.pk]), {"name": "Reps", "party": "REP"})
    assert response.status_code == 302
    people_list.refresh_from_db()
    assert (people_list.name, people_list.filters) == ("Reps", {"party": ["REP"]})


def test_a_saved_filter_that_no_longer_validates_shows_errors_not_a_crash(org_tree, personas, client_for):
    people_list = factories.people_list(org_tree.north, filters={"tags": {"any": ["deleted-tag"]}})
    response = client_for(personas.organizer).get(reverse("people:list-edit", args=[people_list.pk]))
    assert response.status_code == 200
    assert "unknown tag(s): deleted-tag" in response.text


def test_list_detail_pages_its_people_and_describes_the_filter(org_tree, personas, people, client_for):
    people_list = factories.people_list(org_tree.north, filters={"party": ["DEM"]})
    response = client_for(personas.organizer).get(reverse("people:list-detail", args=[people_list.pk]))
    assert response.status_code == 200
    assert "Party: DEM" in response.text
    assert all(str(p) in response.text for p in people)
    assert reverse("people:person-detail", args=[people[0].pk]) in response.text


def test_the_index_lists_the_subtrees_lists_and_counts_each_lazily(org_tree, personas, people, client_for):
    mine = factories.people_list(org_tree.north_chapter, name="Chapter list", filters={"party": ["DEM"]})
    factories.people_list(org_tree.south, name="South list")
    client = client_for(personas.organizer)
    response = client.get(reverse("people:list-index", args=[org_tree.north.slug]))
    assert "Chapter list" in response.text and "South list" not in response.text
    count_url = reverse("people:list-detail", args=[mine.pk]) + "?part=count"
    assert count_url in response.text
    count = client.get(count_url, HTTP_HX_REQUEST="true")
    assert count.text.strip() == '<span class="list-count">0 people</span>'  # its people are on North itself


def test_freeze_rename_and_delete(org_tree, personas, people, client_for):
    people_list = factories.people_list(org_tree.north, name="Dems", filters={"party": ["DEM"]})
    client = client_for(personas.organizer)
    response = client.post(reverse("people:list-freeze", args=[people_list.pk]))
    frozen = PeopleList.objects.get(frozen_from=people_list)
    assert response["Location"] == reverse("people:list-detail", args=[frozen.pk])
    assert ListMember.objects.filter(list=frozen).count() == 3
    client.post(reverse("people:list-rename", args=[frozen.pk]), {"name": "Dems, November"})
    frozen.refresh_from_db()
    assert frozen.name == "Dems, November"
    client.post(reverse("people:list-rename", args=[frozen.pk]), {"name": ""})
    frozen.refresh_from_db()
    assert frozen.name == "Dems, November"
    response = client.post(reverse("people:list-delete", args=[frozen.pk]))
    assert response["Location"] == reverse("people:list-index", args=[org_tree.north.slug])
    assert not PeopleList.objects.filter(pk=frozen.pk).exists()
    assert not ListMember.objects.filter(list_id=frozen.pk).exists()


def test_a_static_lists_edit_page_sends_you_back_to_the_list(org_tree, personas, client_for):
    static = factories.people_list(org_tree.north, kind="static")
    response = client_for(personas.organizer).get(reverse("people:list-edit", args=[static.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("people:list-detail", args=[static.pk])


@pytest.mark.parametrize("name", ["people:list-detail", "people:list-edit"])
def test_lists_of_other_teams_are_not_found(org_tree, personas, client_for, name):
    south = factories.people_list(org_tree.south)
    assert client_for(personas.organizer).get(reverse(name, args=[south.pk])).status_code == 404
    assert client_for(personas.outsider).get(reverse(name, args=[south.pk])).status_code == 404
    assert client_for(personas.organizer).get(reverse(name, args=[999999])).status_code == 404


def test_posting_to_another_teams_list_changes_nothing(org_tree, personas, client_for):
    south = factories.people_list(org_tree.south, name="South")
    client = client_for(personas.organizer)
    assert client.post(reverse("people:list-delete", args=[south.pk])).status_code == 404
    assert client.post(reverse("people:list-rename", args=[south.pk]), {"name": "Mine"}).status_code == 404
    south.refresh_from_db()
    assert south.name == "South"


def test_an_unknown_kind_of_list_is_refused_with_a_message(org_tree, personas, client_for):
    response = client_for(personas.organizer).post(reverse("people:list-new", args=[org_tree.north.slug]),
                                                   {"name": "x", "kind": "frozen"})
    assert response.status_code == 400
    assert "must be one of dynamic, static" in response.text
    assert not PeopleList.objects.exists()
