"""Turn the domain errors raised by access.py and services (groundswell.common.errors) into pages.

NotFound becomes a 404 that does not say whether the thing exists; PermissionDenied a 403 that says what
was refused; Conflict a 409 that says why not now. `DomainErrorMiddleware` (in settings.MIDDLEWARE)
applies this to every view.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from groundswell.common.errors import Conflict, NotFound, PermissionDenied


def error_response(request: HttpRequest, error: Exception) -> HttpResponse | None:
    if isinstance(error, NotFound):
        return render(request, "web/error.html", {"title": "Not found",
                      "message": "There is nothing here, or it is not shared with you."}, status=404)
    if isinstance(error, PermissionDenied):
        return render(request, "web/error.html", {"title": "Not allowed",
                      "message": f"Sorry — {error}. Ask an organizer if you need this."}, status=403)
    if isinstance(error, Conflict):
        return render(request, "web/error.html", {"title": "Not now", "message": str(error)}, status=409)
    return None


class DomainErrorMiddleware:
    """Map NotFound/PermissionDenied/Conflict raised by any view to the 404/403 pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return error_response(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 (a bad Host header, a malformed upload): JSON on the API, a page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "bad request"}, status=400)
    return render(request, "web/error.html", {"title": "Bad request", "message": "The request could not be read."},
                  status=400)
