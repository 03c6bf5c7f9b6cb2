"""What the authorization matrix needs to describe a route; shared by the matrix and each app's route table."""

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count

from django.urls import reverse

from groundswell.orgs.models import Membership, Team
from groundswell.people.models import DuplicateCandidate
from tests import factories

ROLES = ["admin", "organizer", "leader", "volunteer", "analyst", "data_steward"]
RELATIONS = ["own", "child", "sibling", "parent"]
EVERYONE = frozenset(ROLES)
MEMBER_READERS = frozenset({"admin", "organizer", "leader", "data_steward"})
TEAM_MANAGERS = frozenset({"admin", "organizer"})
INVITERS = frozenset({"admin", "organizer", "leader"})
# The CRM: personal data of people who are not members. Leaders and analysts see counts elsewhere, not records.
PEOPLE_READERS = frozenset({"admin", "organizer", "data_steward"})
PEOPLE_EDITORS = frozenset({"admin", "organizer", "data_steward"})
IMPORTERS = frozenset({"admin", "organizer", "data_steward"})  # the matrix teams allow imports (fixture)
EXPORTERS = frozenset({"admin", "data_steward"})
ERASERS = frozenset({"admin", "data_steward"})
# Outreach: who builds campaigns (EDIT_SCRIPTS), who watches them live, who makes contacts. Callers may also
# work on a campaign of a team *above* theirs (a regional phone bank), so caller routes set `up=CALLERS`.
CAMPAIGN_EDITORS = frozenset({"admin", "organizer"})
SUPERVISORS = frozenset({"admin", "organizer", "leader"})
CALLERS = frozenset({"admin", "organizer", "leader", "volunteer"})
seq = count(1)


@dataclass(frozen=True)
class Route:
    """How to call a route and who may.

    target: what the URL points at — "team", "membership", "invitation" (scoped, checked per relation),
    "self" (any signed-in user, about themselves), "public" (anyone), "staff" (Django admin).
    up: roles that may also use the route on the *parent* team's object (callers working on a phone bank run
    higher up their branch); everyone else gets 404 there, as for every other route.
    """

    method: str
    target: str
    allowed: frozenset[str] = frozenset()
    url: Callable[..., str] | None = None
    payload: Callable[[Team], dict] | None = None
    json: bool = False
    ok: frozenset[int] = field(default_factory=lambda: frozenset({200, 201, 204, 302}))
    up: frozenset[str] = frozenset()


def api_url(path: str) -> Callable[[object], str]:
    return lambda obj: "/api/v1" + path.format(id=getattr(obj, "pk", obj))


def token(team: Team) -> str:
    return factories.invitation(team).token


def team_payload(team: Team) -> dict:
    return {"parent_id": team.pk, "name": f"Matrix team {next(seq)}"}


def member_payload(team: Team) -> dict:
    return {"email": f"new{next(seq)}@example.org", "full_name": "New Person", "role": "volunteer"}


def slug_url(name: str) -> Callable[[Team], str]:
    return lambda t: reverse(name, args=[t.slug])


def duplicate(team: Team):
    """A queued pair of look-alike people, both owned by `team` (the duplicates queue's detail page)."""
    first, second = factories.person(team), factories.person(team)
    return DuplicateCandidate.objects.create(org=first.org, first=first, second=second, reason="matrix pair")


def live_campaign(team: Team):
    """A live call campaign of `team` with two callable people (in Chicago, with phones)."""
    people = [factories.person(team, phones=[f"+1312555{next(seq) % 10000:04d}"], time_zone="America/Chicago")
              for _ in range(2)]
    return factories.campaign(team, people=people, live=True)


# How to make the object a scoped route points at, owned by a given team.
TARGET_MAKERS: dict[str, Callable[[Team], object]] = {
    "team": lambda team: team,
    "membership": lambda team: Membership.objects.create(user=factories.user(), team=team, role="volunteer"),
    "invitation": factories.invitation,
    "person": factories.person,
    "list": factories.people_list,
    "import": factories.import_job,
    "duplicate": duplicate,
    "campaign": live_campaign,
}
