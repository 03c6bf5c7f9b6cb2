"""Authorization-matrix entries for the events API (see tests/matrix.py): the list, detail and signups are
public like the pages; attendances are for the event's hosts (CREATE_EVENTS), 404 outside their subtree."""

from tests.events.routes_host import HOSTS, event_on
from tests.matrix import Route

WEB: dict[str, Route] = {}
API: dict[str, Route] = {
    "GET /api/v1/events": Route("GET", "public"),
    "GET /api/v1/events/{event_id}": Route(
        "GET", "public", url=lambda t: f"/api/v1/events/{event_on(t, visibility='public').pk}"),
    "POST /api/v1/events/{event_id}/signups": Route(
        "POST", "public", url=lambda t: f"/api/v1/events/{event_on(t, visibility='public').pk}/signups"),
    "GET /api/v1/events/{event_id}/attendances": Route(
        "GET", "team", HOSTS, url=lambda t: f"/api/v1/events/{event_on(t).pk}/attendances"),
}
