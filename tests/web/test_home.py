"""The home page per role: a volunteer's next task, team overview cards for everyone who runs a team."""

from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.models import Membership
from tests import factories

HOME = "/"


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_new_volunteer_is_asked_to_finish_joining(org_tree, personas, client_for):
    page = client_for(personas.volunteer).get(HOME).content.decode()
    assert "Your next task" in page
    assert "Finish joining North Team" in page
    assert reverse("join:conduct", args=[org_tree.north_team.slug]) in page


def test_an_onboarded_volunteer_meets_their_team(org_tree, personas, client_for):
    Membership.objects.filter(user=personas.volunteer).update(
        conduct_accepted_at=timezone.now(), onboarded_at=timezone.now(), interests=["texting"])
    page = client_for(personas.volunteer).get(HOME).content.decode()
    assert "Meet your team: North Team, led by Lee Leader" in page
    assert "Your teams at a glance" not in page  # no counts for volunteers


def test_an_organizer_sees_overview_cards_without_personal_data(org_tree, personas, client_for):
    factories.invitation(org_tree.north, created_by=personas.organizer)
    response = client_for(personas.organizer).get(HOME)
    card = next(c for c in response.context["cards"] if c.team == org_tree.north)
    # organizer, analyst and steward on North; leader and volunteer on North Team
    assert card.report.total == 5
    assert card.report.new_this_week == 5
    assert card.report.onboarding_incomplete == 5
    assert card.pending_invitations == 1
    page = response.content.decode()
    assert "Your teams at a glance" in page
    assert "volunteer@example.test" not in page


def test_an_analyst_sees_counts_but_no_invitations(org_tree, personas, client_for):
    card = client_for(personas.analyst).get(HOME).context["cards"][0]
    assert card.report.total == 5
    assert card.pending_invitations is None


def test_an_outsider_sees_only_their_own_organization(org_tree, personas, client_for):
    response = client_for(personas.outsider).get(HOME)
    assert [c.team for c in response.context["cards"]] == [org_tree.other]
    assert "North" not in response.content.decode()
