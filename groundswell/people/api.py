"""The people API: /api/v1/people, /api/v1/lists, /api/v1/imports (one router per area)."""

from ninja import Router

from groundswell.people.api_imports import router as imports_router
from groundswell.people.api_lists import router as lists_router
from groundswell.people.api_people import router as people_router

router = Router()
router.add_router("", people_router)
router.add_router("", lists_router)
router.add_router("", imports_router)
