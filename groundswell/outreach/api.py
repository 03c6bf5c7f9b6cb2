"""/api/v1/outreach/… and /api/v1/attempts: the calling screen's API (claim, release, attempts, stats)."""

from ninja import Router

router = Router(tags=["outreach"])
