"""The join flow with the Django test client: new and existing accounts, dead links, double submits."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import LoginFailure, User
from groundswell.audit.models import AuditEntry
from groundswell.orgs.models import Invitation, Membership
from tests import factories

NEW_PERSON = {"full_name": "Nia Newcomer", "email": "nia@example.test", "password": "a-long-fresh-passphrase"}


@pytest.fixture
def invitation(org_tree, personas) -> Invitation:
    return factories.invitation(org_tree.north_team, created_by=personas.leader, role="volunteer")


def account_url(invitation) -> str:
    return reverse("join:account", args=[invitation.token])


def test_a_newcomer_joins_in_five_steps(client: Client, invitation, org_tree, personas):
    landing = client.get(reverse("join:invitation", args=[invitation.token]))
    assert landing.status_code == 200
    assert "Step 1 of 5" in landing.content.decode()
    assert "Lee Leader" in landing.content.decode()
    assert "Step 2 of 5" in client.get(account_url(invitation)).content.decode()

    response = client.post(account_url(invitation), NEW_PERSON)
    assert response.status_code == 302
    assert response.url == reverse("join:conduct", args=[org_tree.north_team.slug])
    membership = Membership.objects.get(user__email="nia@example.test")
    assert (membership.team, membership.role, membership.recruited_by) == (org_tree.north_team, "volunteer",
                                                                           personas.leader)
    assert membership.invitation == invitation
    assert Invitation.objects.get(pk=invitation.pk).use_count == 1

    conduct = client.get(response.url)
    assert "Step 3 of 5" in conduct.content.decode()
    assert "Be kind. Be on time." in conduct.content.decode()  # the organization's, as the team has none
    response = client.post(response.url)
    assert response.url == reverse("join:preferences", args=[org_tree.north_team.slug])
    assert "Step 4 of 5" in client.get(response.url).content.decode()
    response = client.post(response.url, {"availability": ["weekends"], "interests": ["canvassing", "texting"]})
    assert response.url == reverse("web:home")

    home = client.get(response.url).content.decode()
    assert "Step 5 of 5" in home
    assert "You're in!" in home
    assert "Meet your team: North Team, led by Lee Leader" in home
    membership.refresh_from_db()
    assert membership.onboarding_steps_done == Membership.ONBOARDING_STEPS
    assert membership.interests == ["canvassing", "texting"]


def test_it_shows_field_errors_for_a_bad_account_and_creates_nothing(client, invitation):
    response = client.post(account_url(invitation), {"full_name": "", "email": "x@example.test", "password": "123"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"full_name", "password"}
    assert not User.objects.filter(email="x@example.test").exists()
    assert invitation.memberships.count() == 0


def test_it_recognises_an_existing_account_by_email(client, invitation, org_tree):
    existing = factories.user(email="sam@example.test", full_name="Sam Existing")
    response = client.post(account_url(invitation), {**NEW_PERSON, "email": "SAM@example.test"})
    assert response.status_code == 200
    assert "Welcome back" in response.content.decode()
    assert User.objects.filter(email="sam@example.test").count() == 1

    wrong = client.post(account_url(invitation), {"mode": "existing", "email": "sam@example.test",
                                                  "password": "not-the-password"})
    assert wrong.status_code == 400
    assert "Wrong password" in wrong.content.decode()
    assert LoginFailure.objects.filter(email="sam@example.test").count() == 1
    assert not Membership.objects.filter(user=existing).exists()

    right = client.post(account_url(invitation), {"mode": "existing", "email": "sam@example.test",
                                                  "password": factories.PASSWORD})
    assert right.status_code == 302
    assert Membership.objects.filter(user=existing, team=org_tree.north_team).exists()
    assert client.get(reverse("web:home")).status_code == 200  # signed in


def test_it_throttles_password_guessing(client, invitation, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    factories.user(email="sam@example.test")
    for _ in range(2):
        client.post(account_url(invitation), {"mode": "existing", "email": "sam@example.test", "password": "guess"})
    response = client.post(account_url(invitation), {"mode": "existing", "email": "sam@example.test",
                                                     "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "Too many attempts" in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(hours=1)}, 410, "This invitation has expired."),
        ({"revoked_at": timezone.now()}, 410, "This invitation was withdrawn by the team."),
        ({"max_uses": 1, "use_count": 1}, 410, "This invitation has already been used."),
    ],
)
def test_a_dead_link_explains_what_happened(client, org_tree, personas, fields, status, message):
    dead = factories.invitation(org_tree.north_team, created_by=personas.leader, **fields)
    for url in (reverse("join:invitation", args=[dead.token]), account_url(dead)):
        response = client.get(url)
        assert response.status_code == status
        assert message in response.content.decode()
        assert "Lee Leader" in response.content.decode()  # whom to ask for a new link
    assert client.post(account_url(dead), NEW_PERSON).status_code == status
    assert not User.objects.filter(email=NEW_PERSON["email"]).exists()


def test_an_unknown_link_is_404(client, db):
    response = client.get(reverse("join:invitation", args=["no-such-token"]))
    assert response.status_code == 404
    assert "ask the organizer" in response.content.decode()


def test_a_signed_in_person_skips_the_account_step(invitation, personas, client_for, org_tree):
    client = client_for(personas.analyst)
    landing = client.get(reverse("join:invitation", args=[invitation.token])).content.decode()
    assert f'action="{account_url(invitation)}"' in landing
    response = client.post(account_url(invitation))
    assert response.url == reverse("join:conduct", args=[org_tree.north_team.slug])
    assert Membership.objects.get(user=personas.analyst, team=org_tree.north_team).recruited_by == personas.leader


def test_double_submits_do_not_duplicate(client, invitation, org_tree):
    client.post(account_url(invitation), NEW_PERSON)
    again = client.post(account_url(invitation), NEW_PERSON)  # signed in now: joins again, harmlessly
    assert again.status_code == 302
    assert Membership.objects.filter(user__email=NEW_PERSON["email"]).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).use_count == 1
    conduct = reverse("join:conduct", args=[org_tree.north_team.slug])
    client.post(conduct)
    first = Membership.objects.get(user__email=NEW_PERSON["email"]).conduct_accepted_at
    client.post(conduct)
    assert Membership.objects.get(user__email=NEW_PERSON["email"]).conduct_accepted_at == first


def test_going_back_after_the_link_is_used_up_still_works(client, org_tree, personas):
    one_use = factories.invitation(org_tree.north_team, created_by=personas.leader, max_uses=1)
    client.post(account_url(one_use), NEW_PERSON)
    assert client.get(reverse("join:invitation", args=[one_use.token])).status_code == 200


def test_a_link_for_someone_else_is_refused(invitation, personas, client_for):
    invitation.email = "someone@example.test"
    invitation.save()
    response = client_for(personas.analyst).post(account_url(invitation))
    assert response.status_code == 400
    assert "different email" in response.content.decode()
    assert not Membership.objects.filter(user=personas.analyst, team=invitation.team).exists()


def test_bad_preferences_show_errors_and_change_nothing(client, invitation, org_tree):
    client.post(account_url(invitation), NEW_PERSON)
    response = client.post(reverse("join:preferences", args=[org_tree.north_team.slug]),
                           {"availability": ["midnight"], "interests": ["canvassing"]})
    assert response.status_code == 400
    assert "availability" in response.context["form"].errors
    assert Membership.objects.get(user__email=NEW_PERSON["email"]).onboarded_at is None


def test_onboarding_steps_need_a_membership_on_the_team(personas, client_for, org_tree):
    response = client_for(personas.outsider).get(reverse("join:conduct", args=[org_tree.north_team.slug]))
    assert response.status_code == 404
    response = client_for(personas.organizer).get(reverse("join:conduct", args=[org_tree.north_team.slug]))
    assert response.status_code == 302  # sees the team but is not a member of it: back to its page


def test_a_personal_link_does_not_create_an_account_for_another_email(client, invitation):
    invitation.email = "meant-for@example.test"
    invitation.save()
    response = client.post(account_url(invitation), NEW_PERSON)
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(email=NEW_PERSON["email"]).exists()


def test_signing_up_through_a_join_link_is_audited_as_a_sign_in_from_a_new_device(org_tree, client):
    invitation = factories.invitation(org_tree.north_team)
    client.post(reverse("join:account", args=[invitation.token]),
                {"full_name": "Nia New", "email": "nia@example.org", "password": "a-long-pass-phrase-9"})
    actions = set(AuditEntry.objects.filter(actor__email="nia@example.org").values_list("action", flat=True))
    assert {"accounts.login", "accounts.login.new_device"} <= actions
    assert client.cookies.get("gs_device") is not None
