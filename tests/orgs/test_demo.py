import hashlib
import zoneinfo
from collections import Counter

import pytest
from django.contrib.auth.hashers import check_password
from django.db import transaction

from groundswell.accounts.models import User
from groundswell.orgs.access import Actor
from groundswell.orgs.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_is_loaded, demo_load
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.roles import Cap
from tests import factories

Role = Membership.Role
Kind = Team.Kind


@pytest.fixture(autouse=True)
def only_the_movement(settings):
    settings.DEMO_PARTS = ()  # teams, members and invitations: the other apps' parts have their own tests


@pytest.fixture
def demo(db):
    return demo_load()


def _membership(email: str) -> Membership:
    return Membership.objects.select_related("team", "recruited_by").get(user__email=email)


def test_it_loads_a_movement_of_the_expected_shape(demo):
    teams = Team.objects.filter(path__startswith=demo.org.path)
    kinds = Counter(teams.values_list("kind", flat=True))
    assert demo.created
    assert kinds == {Kind.NATIONAL: 1, Kind.REGION: 4, Kind.CHAPTER: 20, Kind.TEAM: 60}
    assert sorted(teams.filter(kind=Kind.REGION).values_list("name", flat=True)) == [
        "Midwest", "Northeast", "South", "West"
    ]
    assert Membership.objects.filter(role=Role.VOLUNTEER).count() >= 280
    assert Membership.objects.filter(team__kind=Kind.TEAM, role=Role.LEADER).count() == 60
    assert Membership.objects.filter(team__kind=Kind.CHAPTER, role=Role.ORGANIZER).count() == 20
    assert demo.org.code_of_conduct.count("\n- ") == 4 and demo.org.mission
    assert Team.objects.find_problems() == ([], [], [], [], [])


def test_it_gives_every_chapter_its_city_time_zone(demo):
    chapters = dict(Team.objects.filter(kind=Kind.CHAPTER).values_list("name", "time_zone"))
    assert chapters["Denver"] == "America/Denver"
    assert chapters["Phoenix"] == "America/Phoenix"
    assert chapters["Atlanta"] == "America/New_York"
    assert set(Team.objects.values_list("time_zone", flat=True)) <= zoneinfo.available_timezones()


def test_it_creates_the_four_demo_logins_on_related_teams(demo):
    admin, organizer, leader, volunteer = (_membership(email) for email, _ in DEMO_LOGINS)
    assert admin.role == Role.ADMIN and admin.team == demo.org
    assert admin.user.is_staff and admin.user.is_superuser
    assert organizer.role == Role.ORGANIZER and organizer.team.kind == Kind.REGION
    assert leader.role == Role.LEADER and leader.team.path.startswith(organizer.team.path)
    assert volunteer.role == Role.VOLUNTEER and volunteer.team == leader.team
    assert volunteer.recruited_by == leader.user
    for membership in (admin, organizer, leader, volunteer):
        assert check_password(DEMO_PASSWORD, membership.user.password)


def test_it_builds_recruitment_chains_and_super_recruiters(demo):
    memberships = list(Membership.objects.all())
    recruiter_of = {m.user_id: m.recruited_by_id for m in memberships if m.role == Role.VOLUNTEER}

    def chain(user_id: int) -> int:
        depth = 0
        while recruiter_of.get(user_id):
            user_id, depth = recruiter_of[user_id], depth + 1
        return depth

    depths = Counter(chain(user_id) for user_id in recruiter_of)
    recruits = Counter(m.recruited_by_id for m in memberships if m.recruited_by_id)
    assert sum(1 for m in memberships if m.recruited_by_id) / len(memberships) > 0.85
    assert 3 <= max(depths) <= 7  # up to six volunteers below the leader who started the chain
    assert sum(1 for n in recruits.values() if n >= 8) >= 3


def test_it_varies_onboarding_progress(demo):
    volunteers = Membership.objects.filter(role=Role.VOLUNTEER)
    assert volunteers.filter(conduct_accepted_at__isnull=True).exists()
    assert volunteers.filter(conduct_accepted_at__isnull=False, onboarded_at__isnull=True).exists()
    onboarded = volunteers.filter(onboarded_at__isnull=False)
    assert onboarded.count() > volunteers.count() / 3
    assert all(m.availability and m.interests for m in onboarded)


def test_it_leaves_an_expired_and_an_active_invitation_on_the_leaders_team(demo):
    invitations = Invitation.objects.filter(team=_membership("leader@example.org").team)
    reasons = [invitation.unusable_reason() for invitation in invitations]
    assert "This invitation has expired." in reasons
    assert any(reason is None and inv.max_uses for reason, inv in zip(reasons, invitations, strict=True))


def test_it_loads_only_once(demo):
    users = User.objects.count()
    assert demo_is_loaded()
    again = demo_load()
    assert not again.created
    assert again.org == demo.org and again.users == demo.users
    assert User.objects.count() == users


def test_it_is_reproducible(db):
    def load_and_digest() -> str:
        with transaction.atomic():
            demo_load(seed=7)
            names = list(Team.objects.order_by("path").values_list("name", "slug", "time_zone"))
            people = list(Membership.objects.order_by("user__email").values_list(
                "user__email", "user__full_name", "team__name", "role", "recruited_by__email"
            ))
            transaction.set_rollback(True)
        return hashlib.sha256(repr((names, people)).encode()).hexdigest()

    assert load_and_digest() == load_and_digest()
    assert not demo_is_loaded()


def test_it_refuses_an_unknown_size(db):
    with pytest.raises(ValueError, match="size"):
        demo_load(size="huge")


def test_it_refuses_to_load_over_an_existing_demo_login(db):
    factories.user(email="leader@example.org")
    with pytest.raises(ValueError, match="leader@example.org"):
        demo_load()
    assert not demo_is_loaded()


def test_it_avoids_slugs_another_organization_took(db):
    factories.team(name="Chicago")
    demo_load()
    assert Team.objects.filter(slug="chicago-2", kind=Kind.CHAPTER).exists()


def test_the_demo_organizer_may_import_voter_files_into_their_region(demo):
    organizer = _membership("organizer@example.org")
    actor = Actor.for_user(organizer.user)
    assert organizer.team.can_import_people
    assert actor.can(Cap.IMPORT_PEOPLE, organizer.team)
