"""The JSON API: /api/v1/..., OpenAPI at /api/openapi.json, docs at /api/docs."""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from groundswell.accounts.api import router as accounts_router
from groundswell.api.auth import BearerToken, SessionUser
from groundswell.common.errors import Conflict, NotFound, PermissionDenied
from groundswell.events.api import router as events_router
from groundswell.goals.api import router as goals_router
from groundswell.leadership.api import router as leadership_router
from groundswell.orgs.api import router as orgs_router
from groundswell.outreach.api import router as outreach_router
from groundswell.people.api import router as people_router
from groundswell.relational.api import router as relational_router

api = NinjaAPI(
    title="Groundswell API",
    version="1",
    description="Scoped exactly like the web pages: anything outside your teams is 404.",
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
    auth=[BearerToken(), SessionUser()],
)
api.add_router("/v1/", accounts_router)
api.add_router("/v1/", orgs_router)
api.add_router("/v1/", people_router)
api.add_router("/v1/", outreach_router)
api.add_router("/v1/", relational_router)
api.add_router("/v1/", events_router)
api.add_router("/v1/", leadership_router)
api.add_router("/v1/", goals_router)


@api.exception_handler(NotFound)
@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "not found"}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)


@api.exception_handler(Conflict)
def conflict(request, exc):
    return api.create_response(request, {"detail": str(exc) or "conflict"}, status=409)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(NinjaValidationError)
def invalid_request(request, exc: NinjaValidationError):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(request, {"detail": "authentication required"}, status=401)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)
