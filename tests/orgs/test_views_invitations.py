"""Join links: creating, listing with status, link and QR code, and withdrawing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.models import Invitation
from tests import factories


def list_url(team) -> str:
    return reverse("orgs:invitation-list", args=[team.slug])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("organizer", 200), ("leader", 200), ("volunteer", 403), ("analyst", 403), ("steward", 403),
     ("outsider", 404)],
)
def test_it_guards_the_invitations_page(org_tree, personas, client_for, persona, status):
    assert client_for(getattr(personas, persona)).get(list_url(org_tree.north_team)).status_code == status


def test_it_creates_a_link_and_shows_it_with_a_qr_code(org_tree, personas, client_for):
    client = client_for(personas.leader)
    response = client.post(list_url(org_tree.north_team),
                           {"role": "volunteer", "expires_in": "7", "max_uses": "20", "note": "Saturday rally"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(team=org_tree.north_team)
    assert invitation.created_by == personas.leader
    assert invitation.max_uses == 20
    assert timedelta(days=6) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    page = client.get(list_url(org_tree.north_team)).content.decode()
    assert f"http://testserver/join/{invitation.token}/" in page
    assert "<svg" in page
    assert "Active" in page


def test_it_makes_links_that_never_expire(org_tree, personas, client_for):
    client_for(personas.leader).post(list_url(org_tree.north_team), {"role": "volunteer", "expires_in": "never"})
    assert Invitation.objects.get(team=org_tree.north_team).expires_at is None


@pytest.mark.parametrize(
    "payload",
    [
        {"role": "organizer", "expires_in": "7"},  # leaders may not hand out organizer
        {"role": "volunteer", "expires_in": "365"},
        {"role": "volunteer", "expires_in": "7", "max_uses": "0"},
        {"role": "volunteer", "expires_in": "7", "email": "nope"},
    ],
)
def test_it_shows_errors_for_bad_links_and_makes_none(org_tree, personas, client_for, payload):
    response = client_for(personas.leader).post(list_url(org_tree.north_team), payload)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Invitation.objects.exists()


def test_it_shows_each_status(org_tree, personas, client_for):
    team = org_tree.north_team
    factories.invitation(team, expires_at=timezone.now() - timedelta(days=1))
    factories.invitation(team, max_uses=1, use_count=1)
    factories.invitation(team, revoked_at=timezone.now())
    page = client_for(personas.leader).get(list_url(team)).content.decode()
    assert "Expired" in page
    assert "Used up" in page
    assert "Withdrawn" in page


def test_it_withdraws_a_link(org_tree, personas, client_for):
    invitation = factories.invitation(org_tree.north_team, created_by=personas.leader)
    response = client_for(personas.leader).post(
        reverse("orgs:invitation-revoke", args=[org_tree.north_team.slug, invitation.pk]))
    assert response.status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None


@pytest.mark.parametrize(("persona", "status"), [("volunteer", 403), ("outsider", 404)])
def test_it_guards_withdrawing(org_tree, personas, client_for, persona, status):
    invitation = factories.invitation(org_tree.north_team)
    response = client_for(getattr(personas, persona)).post(
        reverse("orgs:invitation-revoke", args=[org_tree.north_team.slug, invitation.pk]))
    assert response.status_code == status
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None


def test_it_404s_a_link_of_another_team(org_tree, personas, client_for):
    invitation = factories.invitation(org_tree.south_team)
    response = client_for(personas.admin).post(
        reverse("orgs:invitation-revoke", args=[org_tree.north_team.slug, invitation.pk]))
    assert response.status_code == 404


def test_it_respects_a_team_that_switched_invitations_off(org_tree, personas, client_for):
    org_tree.north_team.can_invite = False
    org_tree.north_team.save()
    assert client_for(personas.leader).get(list_url(org_tree.north_team)).status_code == 403
    assert client_for(personas.organizer).get(list_url(org_tree.north_team)).status_code == 200
