"""Team overview, tree, settings, new sub-team and move pages."""

import pytest
from django.urls import reverse

from groundswell.orgs.models import Team


def url(name: str, team: Team) -> str:
    return reverse(name, args=[team.slug])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("organizer", 200), ("leader", 200), ("volunteer", 200), ("analyst", 200), ("outsider", 404)],
)
def test_it_shows_the_team_overview_to_whoever_sees_the_team(org_tree, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).get(url("orgs:team-detail", org_tree.north_team))
    assert response.status_code == status


def test_it_shows_reports_and_buttons_only_when_allowed(org_tree, personas, client_for):
    organizer = client_for(personas.organizer).get(url("orgs:team-detail", org_tree.north)).content.decode()
    assert "Onboarding complete" in organizer
    assert reverse("orgs:team-edit", args=[org_tree.north.slug]) in organizer
    assert reverse("orgs:member-list", args=[org_tree.north.slug]) in organizer
    volunteer = client_for(personas.volunteer).get(url("orgs:team-detail", org_tree.north_team)).content.decode()
    assert "Onboarding complete" not in volunteer
    assert "/members/" not in volunteer
    assert "/edit/" not in volunteer
    analyst = client_for(personas.analyst).get(url("orgs:team-detail", org_tree.north)).content.decode()
    assert "Onboarding complete" in analyst
    assert "/members/" not in analyst


def test_it_shows_visible_ancestors_as_breadcrumbs(org_tree, personas, client_for):
    page = client_for(personas.organizer).get(url("orgs:team-detail", org_tree.north_team)).content.decode()
    assert "North Region</a> ›" in page
    assert "National</a>" not in page  # the organizer cannot see above North Region


def test_it_lists_only_the_visible_tree(org_tree, personas, client_for):
    page = client_for(personas.organizer).get(reverse("orgs:team-list")).content.decode()
    assert "North Chapter" in page
    assert "South Region" not in page


@pytest.mark.parametrize(("persona", "status"), [("organizer", 200), ("leader", 403), ("analyst", 403),
                                                 ("outsider", 404)])
def test_it_guards_the_settings_page(org_tree, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).get(url("orgs:team-edit", org_tree.north_team))
    assert response.status_code == status


def settings_payload(team: Team, **changes) -> dict:
    data = {"name": team.name, "kind": team.kind, "time_zone": team.time_zone, "mission": "",
            "code_of_conduct": "", "can_create_events": "on", "can_invite": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_it_saves_team_settings(org_tree, personas, client_for):
    response = client_for(personas.organizer).post(
        url("orgs:team-edit", org_tree.north_team),
        settings_payload(org_tree.north_team, mission="Win the north", time_zone="America/Chicago", can_invite=None),
    )
    assert response.status_code == 302
    team = Team.objects.get(pk=org_tree.north_team.pk)
    assert (team.mission, team.time_zone, team.can_invite) == ("Win the north", "America/Chicago", False)


def test_it_shows_field_errors_and_changes_nothing(org_tree, personas, client_for):
    response = client_for(personas.organizer).post(
        url("orgs:team-edit", org_tree.north_team),
        settings_payload(org_tree.north_team, name="", time_zone="Mars/Olympus"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"name", "time_zone"}
    assert Team.objects.get(pk=org_tree.north_team.pk).name == "North Team"


def test_it_offers_the_two_factor_switch_only_on_a_root(org_tree, personas, client_for):
    admin = client_for(personas.admin)
    assert "require_2fa_for_admins" in admin.get(url("orgs:team-edit", org_tree.org)).content.decode()
    assert "require_2fa_for_admins" not in admin.get(url("orgs:team-edit", org_tree.north)).content.decode()


def test_it_creates_a_sub_team(org_tree, personas, client_for):
    response = client_for(personas.organizer).post(url("orgs:team-create", org_tree.north),
                                                   {"name": "Lakeside", "kind": "team"})
    assert response.status_code == 302
    lakeside = Team.objects.get(name="Lakeside")
    assert Team.objects.get_parent(lakeside).pk == org_tree.north.pk


def test_it_refuses_a_sub_team_without_a_name(org_tree, personas, client_for):
    before = Team.objects.count()
    response = client_for(personas.organizer).post(url("orgs:team-create", org_tree.north), {"name": "", "kind": "x"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "kind"}
    assert Team.objects.count() == before


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("volunteer", 403), ("outsider", 404)])
def test_it_guards_new_sub_teams(org_tree, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).post(url("orgs:team-create", org_tree.north_team),
                                                           {"name": "Sneaky", "kind": "team"})
    assert response.status_code == status
    assert not Team.objects.filter(name="Sneaky").exists()


def test_it_moves_a_team_under_a_new_parent(org_tree, personas, client_for):
    admin = client_for(personas.admin)
    page = admin.get(url("orgs:team-move", org_tree.north_chapter))
    choices = [t.pk for t in page.context["form"].fields["parent"].queryset]
    assert org_tree.south.pk in choices
    assert org_tree.north_team.pk not in choices  # its own subtree
    response = admin.post(url("orgs:team-move", org_tree.north_chapter), {"parent": org_tree.south.pk})
    assert response.status_code == 302
    assert Team.objects.get_parent(Team.objects.get(pk=org_tree.north_chapter.pk)).pk == org_tree.south.pk


def test_it_refuses_to_move_a_team_into_its_own_subtree(org_tree, personas, client_for):
    response = client_for(personas.admin).post(url("orgs:team-move", org_tree.north),
                                               {"parent": org_tree.north_team.pk})
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors
    assert Team.objects.get_parent(Team.objects.get(pk=org_tree.north.pk)).pk == org_tree.org.pk


@pytest.mark.parametrize(("persona", "status"), [("organizer", 403), ("outsider", 404)])
def test_it_guards_moving(org_tree, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).get(url("orgs:team-move", org_tree.north_chapter))
    assert response.status_code == status
