"""Authorization-matrix entries for the relational API (see tests/matrix.py).

/api/v1/relationships... are the caller's own contacts: "self" routes (every signed-in role is served on their
own contact; someone else's is 404, checked in tests/relational/test_api.py from `OWNED`). The matrix posts
without a body, which the API answers with 422 before anything else: still served, not 401/403/404; what each
role gets with a real body is in test_api.py. A program's report is scoped like the web report page."""

from tests.matrix import Route
from tests.relational.routes_people import my_contact
from tests.relational.routes_programs import REPORTERS, program_on

SERVED_OR_INVALID = frozenset({200, 201, 422})

OWNED: dict[str, Route] = {
    "GET /api/v1/relationships/{relationship_id}": Route(
        "GET", "self", url=lambda u: f"/api/v1/relationships/{my_contact(u).pk}"),
    "POST /api/v1/relationships/{relationship_id}/match": Route(
        "POST", "self", url=lambda u: f"/api/v1/relationships/{my_contact(u).pk}/match", json=True,
        payload=lambda t: {"action": "none"}, ok=SERVED_OR_INVALID),
}

WEB: dict = {}
API: dict[str, Route] = {
    "GET /api/v1/relationships": Route("GET", "self"),
    "POST /api/v1/relationships": Route("POST", "self", ok=SERVED_OR_INVALID),
    "GET /api/v1/programs": Route("GET", "self"),
    "GET /api/v1/programs/{program_id}/report": Route(
        "GET", "team", REPORTERS, url=lambda t: f"/api/v1/programs/{program_on(t).pk}/report"),
    **OWNED,
}
