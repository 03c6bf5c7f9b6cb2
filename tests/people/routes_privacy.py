"""Authorization-matrix entries for this area's web routes and API operations (see tests/matrix.py)."""

from django.urls import reverse

from tests.matrix import ERASERS, EXPORTERS, PEOPLE_EDITORS, Route, slug_url

WEB: dict[str, Route] = {
    "people:list-export": Route("GET", "list", EXPORTERS, url=lambda lst: reverse("people:list-export", args=[lst.pk])),
    "people:person-export": Route("GET", "person", EXPORTERS,
                                  url=lambda p: reverse("people:person-export", args=[p.pk])),
    "people:person-erase": Route("GET", "person", ERASERS, url=lambda p: reverse("people:person-erase", args=[p.pk])),
    "people:deleted-list": Route("GET", "team", ERASERS, url=slug_url("people:deleted-list")),
    "people:duplicate-list": Route("GET", "team", PEOPLE_EDITORS, url=slug_url("people:duplicate-list")),
    "people:duplicate-scan": Route("POST", "team", PEOPLE_EDITORS, url=slug_url("people:duplicate-scan")),
    "people:duplicate-detail": Route(
        "GET", "duplicate", PEOPLE_EDITORS,
        url=lambda c: reverse("people:duplicate-detail", args=[c.first.team.slug, c.pk]),
    ),
}
API: dict[str, Route] = {}
