"""The people list and a person's page: who may see them, what they show, search and filters."""

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.access import Actor
from groundswell.people import consent, services
from groundswell.people.models import CustomField, Vote
from tests import factories


def list_url(team) -> str:
    return reverse("people:person-list", args=[team.slug])


def detail_url(person) -> str:
    return reverse("people:person-detail", args=[person.pk])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("organizer", 200), ("steward", 200),
     ("leader", 403), ("volunteer", 403), ("analyst", 403), ("outsider", 404)],
)
def test_it_guards_the_people_list(org_tree, personas, client_for, persona, status):
    factories.person(org_tree.north_team, first_name="Rosa", last_name="Parks")
    response = client_for(getattr(personas, persona)).get(list_url(org_tree.north_team))
    assert response.status_code == status
    if status == 200:
        assert "Rosa Parks" in response.content.decode()


def test_it_lists_the_subtree_phone_first(org_tree, personas, client_for):
    factories.person(org_tree.north_team, first_name="Nia", last_name="North", city="Duluth",
                     phones=["+12185550123"], text_opt_out_at=timezone.now())
    factories.person(org_tree.south_team, first_name="Sam", last_name="South")
    page = client_for(personas.organizer).get(list_url(org_tree.north)).content.decode()
    assert "Nia North" in page
    assert 'href="tel:+12185550123"' in page
    assert "no texts" in page
    assert "Duluth" in page
    assert "Sam South" not in page
    assert f"/teams/{org_tree.north.slug}/lists/" in page


@pytest.mark.parametrize("query", ["(218) 555-0123", "218.555.0123", "+1 218 555 0123", "2185550123"])
def test_it_finds_a_person_by_phone_in_any_format(org_tree, personas, client_for, query):
    factories.person(org_tree.north_team, first_name="Nia", last_name="North", phones=["+12185550123"])
    factories.person(org_tree.north_team, first_name="Other", last_name="Person", phones=["+12185550199"])
    page = client_for(personas.organizer).get(list_url(org_tree.north), {"q": query})
    names = [str(p) for p in page.context["page"]]
    assert names == ["Nia North"]


def test_it_finds_by_email_and_by_name_words(org_tree, personas, client_for):
    factories.person(org_tree.north_team, first_name="Ada", last_name="Lovelace", emails=["ada@example.org"])
    factories.person(org_tree.north_team, first_name="Ada", last_name="Byron")
    client = client_for(personas.organizer)
    by_email = client.get(list_url(org_tree.north), {"q": " ADA@Example.org "}).context["page"]
    assert [p.last_name for p in by_email] == ["Lovelace"]
    by_name = client.get(list_url(org_tree.north), {"q": "ada love"}).context["page"]
    assert [p.last_name for p in by_name] == ["Lovelace"]


def test_it_filters_by_tag_and_paginates(org_tree, personas, client_for):
    actor = Actor.for_user(personas.organizer)
    for n in range(55):
        person = factories.person(org_tree.north_team, last_name=f"Tagged{n:02d}")
        services.tag_add(actor=actor, person=person, name="Volunteer prospect")
    factories.person(org_tree.north_team, last_name="Untagged")
    client = client_for(personas.organizer)
    first = client.get(list_url(org_tree.north), {"tag": "volunteer prospect"})
    assert first.context["page"].paginator.count == 55
    assert len(first.context["page"]) == 50
    second = client.get(list_url(org_tree.north), {"tag": "volunteer prospect", "page": 2})
    assert [p.last_name for p in second.context["page"]] == [f"Tagged{n:02d}" for n in range(50, 55)]


def test_the_person_page_shows_the_whole_record(org_tree, personas, client_for):
    person = services.person_create(
        actor=Actor.for_user(personas.organizer), team=org_tree.north_team, first_name="Nia", last_name="North",
        birth_date=timezone.now().date().replace(year=1980, month=1, day=1), state="MN", address1="1 Lake St",
        latitude=46.78, longitude=-92.1, party="DFL", precinct="P-12", phones=["218-555-0123"],
        emails=["nia@example.org"], tags=["Donor"],
    )
    Vote.objects.create(person=person, election="2024-general", method="early")
    consent.opt_out(actor=None, person=person, channel="text", source="STOP reply")
    page = client_for(personas.steward).get(detail_url(person)).content.decode()
    for text in ["Nia North", "(218) 555-0123", "nia@example.org", "America/Chicago", "derived from the state",
                 "DFL", "P-12", "2024-general", "Donor", "STOP reply", "Added to the CRM", "46.78000",
                 f"/people/{person.pk}/export.json", f"/people/{person.pk}/erase/"]:
        assert text in page, text


def test_privacy_links_show_only_to_those_who_may_use_them(org_tree, personas, client_for):
    person = factories.person(org_tree.north_team)
    page = client_for(personas.organizer).get(detail_url(person)).content.decode()
    assert "export.json" not in page
    assert "/erase/" not in page


def test_a_stated_time_zone_is_shown_as_stated(org_tree, personas, client_for):
    person = factories.person(org_tree.north_team, state="MN", time_zone="America/Denver")
    page = client_for(personas.organizer).get(detail_url(person)).content.decode()
    assert "America/Denver" in page and "(stated)" in page


def test_custom_values_show_with_their_labels(org_tree, personas, client_for):
    CustomField.objects.create(org=org_tree.org, key="shirt", label="T-shirt size", kind="choice", choices=["S", "M"])
    person = factories.person(org_tree.north_team, custom={"shirt": "M"})
    page = client_for(personas.organizer).get(detail_url(person)).content.decode()
    assert "T-shirt size" in page


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("volunteer", 403), ("outsider", 404)])
def test_it_guards_the_person_page(org_tree, personas, client_for, persona, status):
    person = factories.person(org_tree.north_team)
    assert client_for(getattr(personas, persona)).get(detail_url(person)).status_code == status


def test_a_person_of_a_sibling_team_or_soft_deleted_is_not_found(org_tree, personas, client_for):
    sibling = factories.person(org_tree.south_team)
    deleted = factories.person(org_tree.north_team, deleted_at=timezone.now())
    client = client_for(personas.organizer)
    assert client.get(detail_url(sibling)).status_code == 404
    assert client.get(detail_url(deleted)).status_code == 404


def test_the_nav_and_team_page_link_to_people_for_people_readers(org_tree, personas, client_for):
    factories.person(org_tree.north_team)
    factories.person(org_tree.north)
    factories.person(org_tree.south)
    page = client_for(personas.organizer).get(reverse("orgs:team-detail", args=[org_tree.north.slug])).content
    assert f'href="{list_url(org_tree.north)}">People <small>(2)</small>' in page.decode()
    leader_page = client_for(personas.leader).get(reverse("orgs:team-detail", args=[org_tree.north_team.slug]))
    assert "/people/" not in leader_page.content.decode()


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_the_person_page_cost_the_same_queries_for_more_rows(org_tree, personas, client_for):
    actor = Actor.for_user(personas.organizer)
    client = client_for(personas.organizer)

    def add_people(n: int):
        for i in range(n):
            person = factories.person(org_tree.north_team, phones=[f"+1218555{i:04d}"], emails=[f"p{i}@example.org"])
            services.tag_add(actor=actor, person=person, name=f"tag{i % 3}")
            services.note_add(actor=actor, person=person, body="hello")
        return person

    first = add_people(2)
    few = (_queries(client, list_url(org_tree.north)), _queries(client, detail_url(first)))
    last = add_people(20)
    for i in range(5):
        services.note_add(actor=actor, person=last, body=f"note {i}")
        services.tag_add(actor=actor, person=last, name=f"extra{i}")
    many = (_queries(client, list_url(org_tree.north)), _queries(client, detail_url(last)))
    assert many == few


def test_a_local_number_without_area_code_finds_the_numbers_it_ends(org_tree, personas, client_for):
    factories.person(org_tree.north_team, first_name="Nia", last_name="North", phones=["+12185550123"])
    factories.person(org_tree.north_team, first_name="Other", last_name="Person", phones=["+12185550199"])
    page = client_for(personas.organizer).get(list_url(org_tree.north), {"q": "555-0123"})
    assert [str(p) for p in page.context["page"]] == ["Nia North"]


def test_the_tag_box_suggests_the_organizations_tags(org_tree, personas, client_for):
    actor = Actor.for_user(personas.organizer)
    services.tag_add(actor=actor, person=factories.person(org_tree.north), name="Precinct captain")
    page = client_for(personas.organizer).get(detail_url(factories.person(org_tree.north_team))).content.decode()
    assert '<option value="Precinct captain">' in page


def test_links_to_the_other_people_pages_resolve(org_tree, personas, client_for):
    """The list and person pages link to import, lists, duplicates, export and erasure by path."""
    from django.urls import resolve

    person = factories.person(org_tree.north_team)
    for path, name in [
        (f"/teams/{org_tree.north.slug}/people/import/", "people:import-upload"),
        (f"/teams/{org_tree.north.slug}/lists/", "people:list-index"),
        (f"/teams/{org_tree.north.slug}/people/duplicates/", "people:duplicate-list"),
        (f"/people/{person.pk}/export.json", "people:person-export"),
        (f"/people/{person.pk}/erase/", "people:person-erase"),
    ]:
        assert resolve(path).view_name == name
    page = client_for(personas.admin).get(list_url(org_tree.north)).content.decode()
    assert f"/teams/{org_tree.north.slug}/people/import/" in page
    assert f"/teams/{org_tree.north.slug}/people/duplicates/" in page
