"""Every page answers hostile input with a page or a message, never a server error: ids too large for the
database, digits that are not ASCII, NUL characters (PostgreSQL refuses them in text).

Each route of the authorization matrix is called as an admin of its team (or as any signed-in user, or a
visitor, as the matrix describes it), by POST and by GET, with its own payload's fields and the names pages
commonly read ids and filters from set to each hostile value."""

import pytest
from django.test import Client

from groundswell.orgs.models import Team
from tests import factories
from tests.test_authorization_matrix import TARGET_MAKERS, WEB_ROUTES, _target_object, _unscoped_url

HOSTILE = ["99999999999999999999999", "²", "bad\x00value"]
# Names pages read ids and filters from (request.POST / request.GET), besides each form's own fields.
READ_BY_PAGES = ["shift", "person", "member", "target_id", "stage", "team", "list", "program", "relationship",
                 "caller", "user", "one_tap", "key", "result", "status", "page", "period", "q", "tag", "kind",
                 "event_type", "zipcode", "max_dist", "date", "start", "end", "next", "answer", "reason"]


@pytest.fixture
def admin(org_tree):
    """An admin of North Region, the team every route is called on (the matrix's "own" team, with its
    switches for imports and scripts on)."""
    Team.objects.filter(pk=org_tree.north.pk).update(can_import_people=True, can_edit_scripts=True)
    user = factories.user(email="admin@hostile.test")
    factories.membership(org_tree.north, "admin", user_obj=user)
    return user


def _url(name, route, admin, team) -> str:
    if route.target in TARGET_MAKERS:
        return route.url(_target_object(route, team))
    return _unscoped_url(name, route, admin if route.target == "self" else team)


def _fields(route, team) -> list[str]:
    own = list(route.payload(team)) if route.payload and not route.json else []
    return sorted(set(own) | set(READ_BY_PAGES))


# The API's own documents are left out: schemathesis tries the API (tests/api/test_api_schema.py).
@pytest.mark.parametrize("name", sorted(n for n, r in WEB_ROUTES.items()
                                        if r.target != "staff" and not n.startswith("api:")))
def test_hostile_input_gets_an_answer_not_a_server_error(name, admin, org_tree, client_for):
    route = WEB_ROUTES[name]
    team = org_tree.north
    # A public page is tried by a visitor and by a signed-in member too (whose pages differ: one-tap signup).
    clients = [client_for(admin)] + ([Client()] if route.target == "public" else [])
    failures = []
    for client in clients:
        for value in HOSTILE:
            for method in ("post", "get"):
                data = dict.fromkeys(_fields(route, team), value)
                # The test client raises a view's exception: a 500 shows up here with its traceback.
                response = getattr(client, method)(_url(name, route, admin, team), data)
                if response.status_code >= 500:
                    failures.append(f"{method.upper()} {value!r}: {response.status_code}")
    assert failures == []
