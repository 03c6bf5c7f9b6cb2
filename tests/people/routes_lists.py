"""Authorization-matrix entries for this area's web routes and API operations (see tests/matrix.py)."""

from django.urls import reverse

from tests.matrix import PEOPLE_EDITORS, PEOPLE_READERS, Route, api_url, seq, slug_url


def list_url(name: str):
    return lambda people_list: reverse(name, args=[people_list.pk])


def new_list(team) -> dict:
    return {"team_id": team.pk, "name": f"Matrix list {next(seq)}", "filters": {"party": ["DEM"]}}


WEB: dict[str, Route] = {
    "people:list-index": Route("GET", "team", PEOPLE_READERS, url=slug_url("people:list-index")),
    "people:list-new": Route("POST", "team", PEOPLE_EDITORS, url=slug_url("people:list-new"),
                             payload=lambda t: {"name": f"Matrix list {next(seq)}", "party": "DEM"}),
    "people:list-count": Route("POST", "team", PEOPLE_EDITORS, url=slug_url("people:list-count"),
                               payload=lambda t: {"party": "DEM"}),
    "people:list-detail": Route("GET", "list", PEOPLE_READERS, url=list_url("people:list-detail")),
    "people:list-edit": Route("GET", "list", PEOPLE_EDITORS, url=list_url("people:list-edit")),
    "people:list-rename": Route("POST", "list", PEOPLE_EDITORS, url=list_url("people:list-rename"),
                                payload=lambda t: {"name": "Renamed"}),
    "people:list-freeze": Route("POST", "list", PEOPLE_EDITORS, url=list_url("people:list-freeze")),
    "people:list-delete": Route("POST", "list", PEOPLE_EDITORS, url=list_url("people:list-delete")),
}
API: dict[str, Route] = {
    "GET /api/v1/lists": Route("GET", "self"),
    "POST /api/v1/lists": Route("POST", "team", PEOPLE_EDITORS, url=lambda t: "/api/v1/lists", payload=new_list,
                                json=True),
    "GET /api/v1/lists/{list_id}": Route("GET", "list", PEOPLE_READERS, url=api_url("/lists/{id}")),
    "GET /api/v1/lists/{list_id}/people": Route("GET", "list", PEOPLE_READERS, url=api_url("/lists/{id}/people")),
}
