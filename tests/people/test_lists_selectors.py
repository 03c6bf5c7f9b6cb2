"""Lists are scoped like people: a list's people never leave its team subtree or the actor's scope."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groundswell.audit.models import AuditEntry
from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.orgs.models import Membership
from groundswell.orgs.roles import Cap
from groundswell.people.models import ListMember, PeopleList
from groundswell.people.selectors_lists import get_list_for, list_people, lists_for, sub_teams
from groundswell.people.services_lists import list_create, list_delete, list_freeze, list_update
from tests import factories


def ids(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


@pytest.fixture
def people(org_tree):
    return {
        "org": factories.person(org_tree.org, party="DEM"),
        "north": factories.person(org_tree.north, party="DEM"),
        "chapter": factories.person(org_tree.north_chapter, party="DEM"),
        "team": factories.person(org_tree.north_team, party="REP"),
        "south": factories.person(org_tree.south, party="DEM"),
        "other": factories.person(org_tree.other, party="DEM"),
    }


def test_lists_for_covers_the_teams_where_the_actor_sees_people(org_tree, personas):
    north = factories.people_list(org_tree.north)
    chapter = factories.people_list(org_tree.north_chapter)
    factories.people_list(org_tree.south)
    factories.people_list(org_tree.other)
    assert ids(lists_for(Actor.for_user(personas.organizer))) == {north.pk, chapter.pk}
    assert ids(lists_for(Actor.for_user(personas.leader))) == set()


def test_get_list_for_hides_other_teams_and_refuses_roles_without_the_capability(org_tree, personas):
    north = factories.people_list(org_tree.north)
    south = factories.people_list(org_tree.south)
    with pytest.raises(NotFound):
        get_list_for(Actor.for_user(personas.organizer), south.pk)
    with pytest.raises(NotFound):
        get_list_for(Actor.for_user(personas.outsider), north.pk)
    with pytest.raises(PermissionDenied):
        get_list_for(Actor.for_user(personas.leader), factories.people_list(org_tree.north_team).pk)
    with pytest.raises(PermissionDenied):
        get_list_for(Actor.for_user(personas.organizer), north.pk, Cap.ERASE_PEOPLE)
    assert get_list_for(Actor.for_user(personas.organizer), north.pk, Cap.EDIT_PEOPLE) == north


def test_a_dynamic_list_stays_inside_its_team_subtree(org_tree, personas, people):
    admin = Actor.for_user(personas.admin)
    chapter_list = factories.people_list(org_tree.north_chapter, filters={"party": ["DEM"]})
    assert ids(list_people(admin, chapter_list)) == {people["chapter"].pk}
    everyone = factories.people_list(org_tree.org, filters={})
    assert ids(list_people(admin, everyone)) == {p.pk for k, p in people.items() if k != "other"}


def test_a_list_never_shows_more_than_the_actor_may_see(org_tree, personas, people):
    whole_org = factories.people_list(org_tree.org, filters={"party": ["DEM"]})
    # A chapter organizer reading an organization-wide list (through the API's list id) sees only their part.
    chapter_organizer = factories.user()
    factories.membership(org_tree.north_chapter, Membership.Role.ORGANIZER, user_obj=chapter_organizer)
    assert ids(list_people(Actor.for_user(chapter_organizer), whole_org)) == {people["chapter"].pk}


def test_soft_deleted_people_leave_dynamic_and_static_lists(org_tree, personas, people):
    actor = Actor.for_user(personas.organizer)
    dynamic = list_create(actor=actor, team=org_tree.north, name="Dems", filters={"party": ["DEM"]})
    static = list_freeze(actor=actor, people_list=dynamic)
    Person = type(people["north"])
    Person.objects.filter(pk=people["north"].pk).update(deleted_at=timezone.now())
    assert ids(list_people(actor, dynamic)) == {people["chapter"].pk}
    assert ids(list_people(actor, static)) == {people["chapter"].pk}


def test_freezing_copies_todays_people_and_later_changes_do_not_move_them(org_tree, personas, people):
    actor = Actor.for_user(personas.organizer)
    dynamic = list_create(actor=actor, team=org_tree.north, name="Dems", filters={"party": ["DEM"]})
    frozen = list_freeze(actor=actor, people_list=dynamic, name="Dems in November")
    assert frozen.kind == PeopleList.Kind.STATIC and frozen.frozen_from == dynamic and frozen.frozen_at
    assert set(ListMember.objects.filter(list=frozen).values_list("person_id", flat=True)) == {
        people["north"].pk, people["chapter"].pk}
    newcomer = factories.person(org_tree.north, party="DEM")
    type(newcomer).objects.filter(pk=people["chapter"].pk).update(party="REP")
    assert ids(list_people(actor, frozen)) == {people["north"].pk, people["chapter"].pk}
    assert ids(list_people(actor, dynamic)) == {people["north"].pk, newcomer.pk}


def test_a_static_list_is_filled_when_created(org_tree, personas, people):
    actor = Actor.for_user(personas.organizer)
    static = list_create(actor=actor, team=org_tree.north, name="R", kind="static", filters={"party": ["REP"]})
    assert ids(list_people(actor, static)) == {people["team"].pk}
    assert static.frozen_at is not None


def test_saves_freezes_and_deletes_are_audited(org_tree, personas, people):
    actor = Actor.for_user(personas.organizer)
    created = list_create(actor=actor, team=org_tree.north, name="Dems", filters={"party": ["DEM"]})
    list_update(actor=actor, people_list=created, name="Democrats", filters={"party": ["DEM", "IND"]})
    frozen = list_freeze(actor=actor, people_list=created)
    list_delete(actor=actor, people_list=frozen)
    entries = list(AuditEntry.objects.filter(action__startswith="people.list.").order_by("pk"))
    assert [e.action for e in entries] == [
        "people.list.created", "people.list.saved", "people.list.frozen", "people.list.deleted"]
    assert entries[1].data["filters"] == {"party": ["DEM", "IND"]}
    assert entries[2].data["people"] == 2
    assert all(e.actor == personas.organizer and e.team_path == org_tree.north.path for e in entries)


def test_bad_names_and_specs_change_nothing(org_tree, personas):
    actor = Actor.for_user(personas.organizer)
    with pytest.raises(ValidationError) as exc:
        list_create(actor=actor, team=org_tree.north, name=" ", filters={"age": {"min": "old"}})
    assert "name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        list_create(actor=actor, team=org_tree.north, name="Fine", filters={"age": {"min": "old"}})
    assert set(exc.value.message_dict) == {"age.min"}
    with pytest.raises(ValidationError):
        list_create(actor=actor, team=org_tree.north, name="Fine", kind="frozen")
    assert not PeopleList.objects.exists()


def test_a_static_lists_members_stay_when_its_filter_is_resubmitted(org_tree, personas, people):
    actor = Actor.for_user(personas.organizer)
    static = list_create(actor=actor, team=org_tree.north, name="R", kind="static", filters={"party": ["REP"]})
    list_update(actor=actor, people_list=static, name="Renamed", filters={"party": ["DEM"]})
    static.refresh_from_db()
    assert static.name == "Renamed" and static.filters == {"party": ["REP"]}


def test_sub_teams_are_the_teams_below_within_scope(org_tree, personas):
    organizer = Actor.for_user(personas.organizer)
    assert list(sub_teams(organizer, org_tree.north)) == [org_tree.north_chapter, org_tree.north_team]
    assert list(sub_teams(organizer, org_tree.north_team)) == []


@pytest.mark.parametrize("size", [3, 40])
def test_freezing_is_one_insert_whatever_the_size(org_tree, personas, size, django_assert_max_num_queries):
    actor = Actor.for_user(personas.organizer)
    for _ in range(size):
        factories.person(org_tree.north, party="DEM")
    dynamic = list_create(actor=actor, team=org_tree.north, name="Dems", filters={"party": ["DEM"]})
    with django_assert_max_num_queries(8):
        frozen = list_freeze(actor=actor, people_list=dynamic)
    assert ListMember.objects.filter(list=frozen).count() == size


def test_a_static_list_drops_members_who_moved_out_of_its_subtree_or_the_actors_scope(org_tree, personas, people):
    admin = Actor.for_user(personas.admin)
    static = list_create(actor=admin, team=org_tree.north, name="North", kind="static", filters={})
    moved = people["chapter"]
    type(moved).objects.filter(pk=moved.pk).update(team=org_tree.south)
    assert ids(list_people(admin, static)) == {people["north"].pk, people["team"].pk}
    assert ids(list_people(Actor.for_user(personas.organizer), static)) == {people["north"].pk, people["team"].pk}
