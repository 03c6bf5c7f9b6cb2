"""The authorization matrix: every URL and API operation × every role × own / child / sibling / parent team.

Each persona holds one role on North Region ("own"). Targets are North Region itself, North Chapter (its
child), South Region (its sibling) and National (its parent). The allowed roles of every route are written
out here by hand, independently of roles.py, so a change to the rules or an unscoped query shows up as a
failure. A route that is not classified here fails `test_every_route_is_classified`.
"""

import importlib
import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from groundswell.accounts.services import api_token_create
from groundswell.api.api import api
from groundswell.orgs.models import Team
from tests import factories
from tests.conftest import OrgTree
from tests.matrix import (
    EVERYONE,
    INVITERS,
    MEMBER_READERS,
    RELATIONS,
    ROLES,
    TARGET_MAKERS,
    TEAM_MANAGERS,
    Route,
    api_url,
    member_payload,
    seq,
    slug_url,
    team_payload,
    token,
)

API_ROUTES: dict[str, Route] = {
    "POST /api/v1/auth/token": Route("POST", "public"),
    "GET /api/v1/me": Route("GET", "self"),
    "GET /api/v1/teams": Route("GET", "self"),
    "POST /api/v1/teams": Route(
        "POST", "team", TEAM_MANAGERS, url=lambda t: "/api/v1/teams", payload=team_payload, json=True
    ),
    "GET /api/v1/teams/{team_id}": Route("GET", "team", EVERYONE, url=api_url("/teams/{id}")),
    "GET /api/v1/teams/{team_id}/members": Route("GET", "team", MEMBER_READERS, url=api_url("/teams/{id}/members")),
    "POST /api/v1/teams/{team_id}/members": Route(
        "POST", "team", TEAM_MANAGERS, url=api_url("/teams/{id}/members"), payload=member_payload, json=True
    ),
    "POST /api/v1/teams/{team_id}/invitations": Route(
        "POST", "team", INVITERS, url=api_url("/teams/{id}/invitations"), payload=lambda t: {}, json=True
    ),
}

WEB_ROUTES: dict[str, Route] = {
    "web:home": Route("GET", "self"),
    "admin-login-redirect": Route("GET", "public"),
    "web:healthz": Route("GET", "public"),
    "favicon": Route("GET", "public"),
    "accounts:login": Route("GET", "public"),
    "accounts:login-otp": Route("GET", "public"),
    "accounts:logout": Route("POST", "self"),
    "accounts:password-reset": Route("GET", "public"),
    "accounts:password-reset-done": Route("GET", "public"),
    "accounts:password-reset-confirm": Route(
        "GET", "public", url=lambda t: reverse("accounts:password-reset-confirm", args=["MQ", "set-password"])
    ),
    "accounts:password-reset-complete": Route("GET", "public"),
    "accounts:profile": Route("GET", "self"),
    "accounts:token-create": Route("POST", "self"),
    # Own objects only: another user's token id is 404 (tests/accounts/test_views_profile.py).
    "accounts:token-revoke": Route("POST", "self", url=lambda user: reverse("accounts:token-revoke", args=[
        api_token_create(user=user, name="matrix")[0].pk])),
    "accounts:otp-setup": Route("GET", "self"),
    "accounts:otp-disable": Route("POST", "self"),
    "orgs:team-list": Route("GET", "self"),
    "orgs:team-detail": Route("GET", "team", EVERYONE, url=lambda t: reverse("orgs:team-detail", args=[t.slug])),
    "join:invitation": Route("GET", "public", url=lambda t: reverse("join:invitation", args=[token(t)])),
    "api:openapi-json": Route("GET", "public"),
    "api:openapi-view": Route("GET", "public"),
    "api:api-root": Route("GET", "public"),
}


WEB_ROUTES.update({
    "orgs:team-edit": Route("GET", "team", TEAM_MANAGERS, url=slug_url("orgs:team-edit")),
    "orgs:team-create": Route("POST", "team", TEAM_MANAGERS, url=slug_url("orgs:team-create"),
                              payload=lambda t: {"name": f"Matrix sub {next(seq)}", "kind": "team"}),
    "orgs:team-move": Route("GET", "team", frozenset({"admin"}), url=slug_url("orgs:team-move")),
    "orgs:member-list": Route("GET", "team", MEMBER_READERS, url=slug_url("orgs:member-list")),
    "orgs:member-add": Route("POST", "team", TEAM_MANAGERS, url=slug_url("orgs:member-add"), payload=member_payload),
    "orgs:member-role": Route("POST", "membership", TEAM_MANAGERS,
                              url=lambda m: reverse("orgs:member-role", args=[m.team.slug, m.pk]),
                              payload=lambda t: {"role": "leader"}),
    "orgs:member-remove": Route("POST", "membership", TEAM_MANAGERS,
                                url=lambda m: reverse("orgs:member-remove", args=[m.team.slug, m.pk])),
    "orgs:invitation-list": Route("GET", "team", INVITERS, url=slug_url("orgs:invitation-list")),
    "orgs:invitation-revoke": Route("POST", "invitation", INVITERS,
                                    url=lambda i: reverse("orgs:invitation-revoke", args=[i.team.slug, i.pk])),
    "join:account": Route("GET", "public", url=lambda t: reverse("join:account", args=[token(t)])),
    "join:conduct": Route("GET", "team", EVERYONE, url=slug_url("join:conduct")),
    "join:preferences": Route("GET", "team", EVERYONE, url=slug_url("join:preferences")),
    "audit:entry-list": Route("GET", "self", ok=frozenset({200, 403})),
})

# Each area keeps its own table (tests/<app>/routes_*.py, with WEB and API dicts); the matrix checks them all
# the same way. They are found by name, so a new area's table cannot be forgotten.
for _path in sorted(Path(__file__).parent.glob("*/routes_*.py")):
    _table = importlib.import_module(f"tests.{_path.parent.name}.{_path.stem}")
    WEB_ROUTES.update(_table.WEB)
    API_ROUTES.update(_table.API)


def web_route_names() -> set[str]:
    """Every named URL outside the Django admin and the versioned API (whose operations come from OpenAPI)."""

    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in [namespace, pattern.namespace] if n) or None
                yield from walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern) and not route.startswith("api/v1/"):
                yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)

    return {name for name in walk(get_resolver().url_patterns) if not name.startswith("admin:")}


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def test_every_route_is_classified():
    assert web_route_names() - set(WEB_ROUTES) == set(), "classify these routes in WEB_ROUTES"
    assert api_operations() - set(API_ROUTES) == set(), "classify these API operations in API_ROUTES"
    assert set(WEB_ROUTES) - web_route_names() == set(), "WEB_ROUTES names a route that no longer exists"


@pytest.fixture
def matrix(org_tree: OrgTree):
    """One user per role on North Region, plus a signed-in outsider from another organization.

    North Region and its chapter allow their own members to import people and edit scripts, so those routes
    are allowed to the same roles on "own" as on "child" (the autonomy switches are tested in tests/orgs)."""
    Team.objects.filter(pk__in=[org_tree.north.pk, org_tree.north_chapter.pk]).update(
        can_import_people=True, can_edit_scripts=True)
    users = {}
    for role in ROLES:
        person = factories.user(email=f"{role}@matrix.test")
        factories.membership(org_tree.north, role, user_obj=person)
        users[role] = person
    outsider = factories.user(email="outsider@matrix.test")
    factories.membership(org_tree.other, "admin", user_obj=outsider)
    users["outsider"] = outsider
    targets = {
        "own": org_tree.north,
        "child": org_tree.north_chapter,
        "sibling": org_tree.south,
        "parent": org_tree.org,
    }
    return users, targets


def _target_object(route: Route, team: Team):
    return TARGET_MAKERS[route.target](team)


def _call(client: Client, route: Route, team: Team):
    obj = _target_object(route, team)
    url = route.url(obj)
    data = route.payload(team) if route.payload else {}
    if route.method == "GET":
        return client.get(url)
    if route.json:
        return client.generic(route.method, url, data=json.dumps(data), content_type="application/json")
    return client.post(url, data)


SCOPED = {
    **{name: r for name, r in WEB_ROUTES.items() if r.target in TARGET_MAKERS},
    **{name: r for name, r in API_ROUTES.items() if r.target in TARGET_MAKERS},
}


@pytest.mark.parametrize("name", sorted(SCOPED))
def test_scoped_route_obeys_the_matrix(name, matrix, client_for):
    route = SCOPED[name]
    users, targets = matrix
    mismatches = []
    for role in ROLES:
        client = client_for(users[role])
        for relation in RELATIONS:
            status = _call(client, route, targets[relation]).status_code
            if relation == "parent" and role in route.up:
                expected = set(route.ok)
            elif relation in {"sibling", "parent"}:
                expected = {404}
            elif role in route.allowed:
                expected = set(route.ok)
            else:
                expected = {403}
            if status not in expected:
                mismatches.append(f"{role}/{relation}: got {status}, expected {sorted(expected)}")
    outsider = client_for(users["outsider"])
    for relation in RELATIONS:
        status = _call(outsider, route, targets[relation]).status_code
        if status != 404:
            mismatches.append(f"outsider/{relation}: got {status}, expected 404")
    assert mismatches == []


@pytest.mark.parametrize("name", sorted(SCOPED))
def test_scoped_route_refuses_anonymous_visitors(name, matrix):
    route = SCOPED[name]
    _, targets = matrix
    response = _call(Client(), route, targets["own"])
    if " /api/" in name:  # any method: PATCH and DELETE operations answer 401 too
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


UNSCOPED = {
    **{name: r for name, r in WEB_ROUTES.items() if r.target in {"self", "public"}},
    **{name: r for name, r in API_ROUTES.items() if r.target in {"self", "public"}},
}


def _unscoped_url(name: str, route: Route, obj) -> str:
    """URL of a public route (built from a team) or a self route (built from the signed-in user)."""
    if route.url is not None:
        return route.url(obj)
    if name.startswith(("GET ", "POST ")):
        return name.split(" ", 1)[1]
    return reverse(name)


@pytest.mark.parametrize("name", sorted(n for n, r in UNSCOPED.items() if r.target == "self"))
def test_self_routes_serve_every_signed_in_role_and_refuse_anonymous(name, matrix, client_for):
    route = UNSCOPED[name]
    users, _ = matrix
    statuses = {
        role: client_for(users[role]).generic(route.method, _unscoped_url(name, route, users[role])).status_code
        for role in ROLES
    }
    assert {role: s for role, s in statuses.items() if s not in route.ok} == {}
    url = _unscoped_url(name, route, users["volunteer"])
    anonymous = Client().generic(route.method, url)
    assert anonymous.status_code in ({401} if url.startswith("/api/") else {302})


@pytest.mark.parametrize("name", sorted(n for n, r in UNSCOPED.items() if r.target == "public"))
def test_public_routes_answer_anonymous_visitors_without_errors(name, matrix):
    route = UNSCOPED[name]
    _, targets = matrix
    url = _unscoped_url(name, route, targets["own"])
    response = Client().generic(route.method, url)
    assert response.status_code < 500
    assert response.status_code not in (401, 403)
