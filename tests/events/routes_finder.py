"""Authorization-matrix entries for finding events (see tests/matrix.py): the list, the map, its data and the
embed are public; what each shows a signed-in member is tested in tests/events/test_finder_views.py."""

from tests.matrix import Route

WEB: dict[str, Route] = {
    "events:finder": Route("GET", "public"),
    "events:map": Route("GET", "public"),
    "events:embed": Route("GET", "public"),
    "events:finder-json": Route("GET", "public"),
}
API: dict[str, Route] = {}
