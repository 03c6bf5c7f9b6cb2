"""Members list, adding a member, changing a role and removing one (htmx row swaps)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.orgs.models import Membership
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


def members_url(team, **kwargs) -> str:
    return reverse("orgs:member-list", args=[team.slug])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("organizer", 200), ("leader", 200), ("steward", 200),
     ("volunteer", 403), ("analyst", 403), ("outsider", 404)],
)
def test_it_guards_the_member_list(org_tree, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).get(members_url(org_tree.north_team))
    assert response.status_code == status


def test_it_lists_members_with_recruiter_and_onboarding(org_tree, personas, client_for):
    recruit = factories.user(full_name="Rita Recruit")
    factories.membership(org_tree.north_team, "volunteer", user_obj=recruit, recruited_by=personas.leader)
    page = client_for(personas.leader).get(members_url(org_tree.north_team)).content.decode()
    assert "Rita Recruit" in page
    assert "Lee Leader" in page  # recruited by
    assert "1/4 steps" in page


def test_it_includes_sub_teams_only_when_asked(org_tree, personas, client_for):
    client = client_for(personas.organizer)
    assert "Val Volunteer" not in client.get(members_url(org_tree.north)).content.decode()
    assert "Val Volunteer" in client.get(members_url(org_tree.north) + "?subteams=1").content.decode()


def test_it_adds_a_new_person_as_a_member(org_tree, personas, client_for):
    response = client_for(personas.organizer).post(
        reverse("orgs:member-add", args=[org_tree.north_team.slug]),
        {"email": "Newbie@Example.test", "full_name": "New Bie", "role": "leader"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="newbie@example.test", team=org_tree.north_team)
    assert membership.role == "leader"


def test_it_only_offers_roles_the_actor_may_grant(org_tree, personas, client_for):
    response = client_for(personas.organizer).get(reverse("orgs:member-add", args=[org_tree.north_team.slug]))
    offered = {value for value, _ in response.context["form"].fields["role"].choices}
    assert offered == {"organizer", "leader", "volunteer", "analyst"}


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "not-an-email", "full_name": "X", "role": "volunteer"},
        {"email": "nobody@example.test", "full_name": "", "role": "volunteer"},  # new person needs a name
        {"email": "x@example.test", "full_name": "X", "role": "admin"},  # organizers cannot make admins
    ],
)
def test_it_shows_errors_for_bad_member_input_and_changes_nothing(org_tree, personas, client_for, payload):
    before = (User.objects.count(), Membership.objects.count())
    response = client_for(personas.organizer).post(reverse("orgs:member-add", args=[org_tree.north_team.slug]),
                                                   payload)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert (User.objects.count(), Membership.objects.count()) == before


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("volunteer", 403), ("outsider", 404)])
def test_it_guards_adding_members(org_tree, personas, client_for, persona, status):
    response = client_for(getattr(personas, persona)).post(
        reverse("orgs:member-add", args=[org_tree.north_team.slug]),
        {"email": "sneak@example.test", "full_name": "Sneak", "role": "volunteer"},
    )
    assert response.status_code == status
    assert not User.objects.filter(email="sneak@example.test").exists()


def volunteer_membership(personas, org_tree) -> Membership:
    return Membership.objects.get(user=personas.volunteer, team=org_tree.north_team)


def test_it_changes_a_role_and_swaps_the_row(org_tree, personas, client_for):
    m = volunteer_membership(personas, org_tree)
    response = client_for(personas.organizer).post(
        reverse("orgs:member-role", args=[org_tree.north.slug, m.pk]), {"role": "leader"}, **HTMX)
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<tr id="member-{m.pk}"')
    assert Membership.objects.get(pk=m.pk).role == "leader"


def test_it_refuses_a_role_change_to_an_ungrantable_role(org_tree, personas, client_for):
    m = volunteer_membership(personas, org_tree)
    response = client_for(personas.organizer).post(
        reverse("orgs:member-role", args=[org_tree.north.slug, m.pk]), {"role": "admin"}, **HTMX)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Membership.objects.get(pk=m.pk).role == "volunteer"


def test_it_does_not_let_an_organizer_demote_an_admin(org_tree, personas, client_for):
    admin_on_team = factories.membership(org_tree.north_team, "admin")
    response = client_for(personas.organizer).post(
        reverse("orgs:member-role", args=[org_tree.north.slug, admin_on_team.pk]), {"role": "volunteer"}, **HTMX)
    assert response.status_code == 403
    assert Membership.objects.get(pk=admin_on_team.pk).role == "admin"


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("analyst", 403), ("outsider", 404)])
def test_it_guards_role_changes(org_tree, personas, client_for, persona, status):
    m = volunteer_membership(personas, org_tree)
    team = org_tree.north_team
    response = client_for(getattr(personas, persona)).post(reverse("orgs:member-role", args=[team.slug, m.pk]),
                                                           {"role": "leader"})
    assert response.status_code == status
    assert Membership.objects.get(pk=m.pk).role == "volunteer"


def test_it_removes_a_member(org_tree, personas, client_for):
    m = volunteer_membership(personas, org_tree)
    response = client_for(personas.organizer).post(
        reverse("orgs:member-remove", args=[org_tree.north.slug, m.pk]), **HTMX)
    assert response.status_code == 200
    assert response.content == b""
    assert not Membership.objects.filter(pk=m.pk).exists()


def test_it_404s_a_membership_outside_the_team(org_tree, personas, client_for):
    south_member = factories.membership(org_tree.south_team, "volunteer")
    response = client_for(personas.admin).post(
        reverse("orgs:member-remove", args=[org_tree.north.slug, south_member.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=south_member.pk).exists()


def test_adding_an_existing_admin_cannot_demote_them(org_tree, personas, client_for):
    admin_on_team = factories.membership(org_tree.north_team, "admin")
    response = client_for(personas.organizer).post(
        reverse("orgs:member-add", args=[org_tree.north_team.slug]),
        {"email": admin_on_team.user.email, "full_name": "", "role": "volunteer"},
    )
    assert response.status_code == 403
    assert Membership.objects.get(pk=admin_on_team.pk).role == "admin"


def test_a_refused_role_change_without_htmx_says_why(org_tree, personas, client_for):
    m = volunteer_membership(personas, org_tree)
    client = client_for(personas.organizer)
    response = client.post(reverse("orgs:member-role", args=[org_tree.north.slug, m.pk]), {"role": "admin"},
                           follow=True)
    assert "Val Volunteer: Select a valid choice" in response.content.decode()
    assert Membership.objects.get(pk=m.pk).role == "volunteer"


def test_every_count_on_the_overview_links_to_its_rows(org_tree, personas, client_for):
    Membership.objects.filter(user=personas.volunteer).update(
        conduct_accepted_at=timezone.now(), onboarded_at=timezone.now())
    client = client_for(personas.organizer)
    report = client.get(reverse("orgs:team-detail", args=[org_tree.north.slug])).context["report"]
    everyone = client.get(members_url(org_tree.north) + "?subteams=1").context["members"]
    onboarding = client.get(members_url(org_tree.north) + "?subteams=1&onboarding=incomplete").context["members"]
    this_week = client.get(members_url(org_tree.north) + "?subteams=1&joined=week").context["members"]
    assert len(everyone) == report.total == 5
    assert len(onboarding) == report.onboarding_incomplete == 4
    assert personas.volunteer not in [m.user for m in onboarding]
    assert len(this_week) == report.new_this_week == 5


def test_a_swapped_row_keeps_the_team_column_when_sub_teams_are_shown(org_tree, personas, client_for):
    m = volunteer_membership(personas, org_tree)
    response = client_for(personas.organizer).post(
        reverse("orgs:member-role", args=[org_tree.north.slug, m.pk]), {"role": "leader", "subteams": "1"}, **HTMX)
    assert '<td data-label="Team">North Team</td>' in response.content.decode()
