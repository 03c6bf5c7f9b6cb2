"""Turn the domain errors raised by access.py and services (groundswell.common.errors) into pages.

NotFound becomes a 404 that does not say whether the thing exists; PermissionDenied a 403 that says what
was refused; Conflict a 409 that says why not now. `DomainErrorMiddleware` (in settings.MIDDLEWARE)
applies this to every view, and gives a page to the empty 405 Django answers when a form's address is
opened directly; `NulInputMiddleware` answers input with a NUL character with a 400. Django's own 400, 404
and 500 (urls.handler400/404/500) are JSON under /api/ and our pages elsewhere, so a mistyped address on a
phone still gets the site's layout and a way home.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

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
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not _is_api(request):
            page = render(request, "web/error.html", {
                "title": "Nothing to show here",
                "message": "This address is where a form sends its answers; it has no page of its own. "
                           "Go back and use the form's button."}, status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return error_response(request, exception)


class NulInputMiddleware:
    """A NUL character in a query string or a posted form gets a 400 before any view runs. Nobody types one
    (it comes from a broken client or a probe), and PostgreSQL refuses it in text: wherever a view reads a
    value straight into a query (a search box, a filter, an id) it would otherwise be a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            return _answer(request, 400, "Bad request",
                           "The request contains a NUL character (\\0), which no field accepts.")
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _answer(request: HttpRequest, status: int, title: str, message: str, *, api_detail: str = "") -> HttpResponse:
    """An error as JSON (`detail`: `api_detail`, else `message`) under /api/, else the site's error page."""
    if _is_api(request):
        return JsonResponse({"detail": api_detail or message}, status=status)
    return render(request, "web/error.html", {"title": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 (a bad Host header, a malformed upload): JSON on the API, a page elsewhere."""
    return _answer(request, 400, "Bad request", "The request could not be read.", api_detail="bad request")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An address that matches no page (a typo, an old link)."""
    return _answer(request, 404, "Not found", "There is no page at this address. Check the link, or start again "
                   "from your home page.", api_detail="not found")


def server_error(request: HttpRequest) -> HttpResponse:
    """Something broke. The page uses no context processor, database or session: any of those may be what
    broke."""
    if _is_api(request):
        return JsonResponse({"detail": "server error: it has been logged; try again in a moment"}, status=500)
    return HttpResponse(loader.get_template("web/500.html").render(), status=500)
