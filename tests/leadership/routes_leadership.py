"""Authorization-matrix entries for the leadership pages and API (see tests/matrix.py).

One-on-ones, the pipeline, moves and check-ins are DEVELOP_LEADERS (admin, organizer, leader) on the subtree;
a CRM record that is not a member is reached by those who also browse the CRM (admin, organizer), so a leader
gets 403 there. The ladder's stages belong to the whole organization: only its root's admins edit them, so on
a region nobody may (403). The library is every member's, and a team's materials are inherited by every team
below it (so the material routes set `up`); adding and editing is MANAGE_TEAM on the material's own team."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from groundswell.leadership.models import Commitment, Material, OneOnOne
from groundswell.orgs.models import Membership
from groundswell.people.services import org_of
from groundswell.people.services_intake import person_for_member
from tests import factories
from tests.matrix import EVERYONE, TEAM_MANAGERS, Route, slug_url

DEVELOPERS = frozenset({"admin", "organizer", "leader"})
CRM_DEVELOPERS = frozenset({"admin", "organizer"})


def meeting_on(team) -> OneOnOne:
    return OneOnOne.objects.create(org=org_of(team), team=team, person=factories.person(team),
                                   scheduled_for=timezone.now() + dt.timedelta(days=1))


def commitment_on(team) -> Commitment:
    return Commitment.objects.create(org=org_of(team), team=team, person=factories.person(team), what="Host a party",
                                     due=dt.date.today())


def material_on(team, **fields) -> Material:
    return Material.objects.create(org=org_of(team), team=team, title="Guide", kind="document",
                                   url="https://example.org/guide", **fields)


def member_on(team) -> Membership:
    return factories.membership(team, "volunteer")


def _object_url(name: str, make):
    return lambda t: reverse(name, args=[make(t).pk])


def _one_on_one_payload(team) -> dict:
    person = person_for_member(user=member_on(team).user, team=team)
    return {"team_id": team.pk, "person_id": person.pk,
            "scheduled_for": (timezone.now() + dt.timedelta(days=2)).isoformat()}


WEB: dict[str, Route] = {
    "leadership:pipeline": Route("GET", "team", DEVELOPERS, url=slug_url("leadership:pipeline")),
    "leadership:place": Route("POST", "team", DEVELOPERS, url=slug_url("leadership:place")),
    "leadership:stages": Route("GET", "team", frozenset(), url=slug_url("leadership:stages")),
    "leadership:person": Route("GET", "person", CRM_DEVELOPERS,
                               url=lambda p: reverse("leadership:person", args=[p.pk])),
    "leadership:person-move": Route("POST", "person", CRM_DEVELOPERS,
                                    url=lambda p: reverse("leadership:person-move", args=[p.pk]),
                                    payload=lambda t: {"team": t.pk}),
    "leadership:team-one-on-ones": Route("GET", "team", DEVELOPERS, url=slug_url("leadership:team-one-on-ones")),
    "leadership:one-on-one-new": Route("GET", "team", DEVELOPERS, url=slug_url("leadership:one-on-one-new")),
    "leadership:one-on-one": Route("GET", "team", DEVELOPERS, url=_object_url("leadership:one-on-one", meeting_on)),
    "leadership:one-on-one-cancel": Route("POST", "team", DEVELOPERS,
                                          url=_object_url("leadership:one-on-one-cancel", meeting_on)),
    "leadership:commitment-resolve": Route("POST", "team", DEVELOPERS,
                                           url=_object_url("leadership:commitment-resolve", commitment_on)),
    "leadership:my-follow-ups": Route("GET", "self"),
    "leadership:check-ins": Route("GET", "team", DEVELOPERS, url=slug_url("leadership:check-ins")),
    "leadership:check-in-new": Route(
        "GET", "team", DEVELOPERS,
        url=lambda t: reverse("leadership:check-in-new", args=[t.slug]) + f"?member={member_on(t).user_id}"),
    "leadership:check-in-cadence": Route("POST", "team", TEAM_MANAGERS, url=slug_url("leadership:check-in-cadence"),
                                         payload=lambda t: {"every_days": 14}),
    "leadership:library": Route("GET", "team", EVERYONE, url=slug_url("leadership:library")),
    "leadership:material-new": Route("GET", "team", TEAM_MANAGERS, url=slug_url("leadership:material-new")),
    "leadership:material": Route("GET", "team", EVERYONE, up=EVERYONE,
                                 url=_object_url("leadership:material", material_on)),
    "leadership:material-edit": Route("GET", "team", TEAM_MANAGERS,
                                      url=_object_url("leadership:material-edit", material_on)),
    "leadership:material-file": Route(
        "GET", "team", EVERYONE, up=EVERYONE,
        url=_object_url("leadership:material-file",
                        lambda t: material_on(t, file=SimpleUploadedFile("guide.txt", b"Knock, smile, listen.")))),
    "leadership:material-done": Route("POST", "team", EVERYONE, up=EVERYONE,
                                      url=_object_url("leadership:material-done", material_on)),
    "leadership:material-share": Route("POST", "team", DEVELOPERS, up=DEVELOPERS,
                                       url=_object_url("leadership:material-share", material_on)),
    "leadership:my-trainings": Route("GET", "self"),
}
API: dict[str, Route] = {
    "GET /api/v1/one-on-ones": Route("GET", "self"),
    "POST /api/v1/one-on-ones": Route("POST", "team", DEVELOPERS, url=lambda t: "/api/v1/one-on-ones",
                                      payload=_one_on_one_payload, json=True),
    "GET /api/v1/people/{person_id}/ladder": Route(
        "GET", "person", CRM_DEVELOPERS, url=lambda p: f"/api/v1/people/{p.pk}/ladder"),
}
