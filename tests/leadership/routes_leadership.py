"""Authorization-matrix entries for the leadership pages and API (see tests/matrix.py)."""

WEB: dict = {}
API: dict = {}
