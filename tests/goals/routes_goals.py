"""Authorization-matrix entries for the goals pages and API (see tests/matrix.py)."""

WEB: dict = {}
API: dict = {}
