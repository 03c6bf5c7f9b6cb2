"""Authorization-matrix entries for this area's web routes and API operations (see tests/matrix.py)."""

from tests.matrix import Route

WEB: dict[str, Route] = {}
API: dict[str, Route] = {}
