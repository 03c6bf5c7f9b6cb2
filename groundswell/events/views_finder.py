"""Finding events: the public list (no sign-in needed), the same search on a map, and a compact list other
websites embed in an iframe. A signed-in member also finds the members' events of their own branch."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from groundswell.events import selectors
from groundswell.events.display import clock, local, when
from groundswell.events.forms_finder import FinderForm
from groundswell.events.models import Event

PER_PAGE = 20
MAP_LIMIT = 500  # markers on one map; past that, the visitor narrows the search


def _search(request: HttpRequest) -> tuple[FinderForm, QuerySet[Event]]:
    """The filter form and what it finds (nothing while the form has an error to fix)."""
    form = FinderForm(request.GET)
    if not form.is_valid():
        return form, selectors.public_events().none()
    events = selectors.find_events(selectors.findable_events(request.actor), form.finder())
    if form.efforts:
        events = events.filter(effort__in=form.efforts)
    return form, events


def _cards(page: Page, form: FinderForm) -> list[Event]:
    """Each event of the page with its next shift in the event's own zone, places left and distance."""
    events = list(page)
    shifts = selectors.upcoming_shifts_of(events)
    for event in events:
        upcoming = shifts[event.pk]
        event.next_shift = upcoming[0] if upcoming else None
        event.more_shifts = max(len(upcoming) - 1, 0)
        if event.next_shift is not None:
            event.next_when = when(event.next_shift.starts_at, event.next_shift.ends_at, event.time_zone)
        event.miles = selectors.distance_miles(event, form.place.latitude, form.place.longitude) if form.place \
            else None
    return events


def _tries(request: HttpRequest, form: FinderForm) -> list[dict]:
    """What to try when nothing is near: a wider radius, online events, everywhere."""
    if form.place is None:
        return []

    def link(label: str, **changes) -> dict:
        query = request.GET.copy()
        query.pop("page", None)
        for name, value in changes.items():
            query.pop(name, None)
            if value is not None:
                query[name] = value
        return {"label": label, "url": f"?{query.urlencode()}"}

    tries = []
    if form.wider():
        tries.append(link(f"{form.wider()} miles", distance=str(form.wider())))
    if not form.cleaned_data.get("online"):
        tries.append(link("online events", online="on", filtered="1"))
    tries.append(link("anywhere", zip=None, distance=None))
    return tries


def _list_context(request: HttpRequest) -> dict:
    form, events = _search(request)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    cards = _cards(page, form)
    return {"form": form, "page": page, "events": cards,
            "tries": _tries(request, form) if form.is_valid() and not cards else []}


@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    return render(request, "events/finder.html", _list_context(request))


@require_GET
@xframe_options_exempt
def embed(request: HttpRequest) -> HttpResponse:
    """The list for another website's iframe (`?team=<slug>`, `?zip=`, ...): links open in a new tab."""
    return render(request, "events/embed.html", _list_context(request))


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    """The filter form and a map; map.js draws the markers from `finder-json` with the same query string."""
    form, _ = _search(request)
    query = request.GET.urlencode()
    return render(request, "events/map.html", {
        "form": form,
        "data_url": reverse("events:finder-json") + (f"?{query}" if query else ""),
        "list_url": reverse("events:finder") + (f"?{query}" if query else ""),
        "tiles": settings.EVENTS_MAP_TILES, "attribution": settings.EVENTS_MAP_ATTRIBUTION,
    })


def _next_start(event: Event) -> str:
    """ "Sat 14 Mar, 10 am CDT": the first shift not over yet, in the event's zone (as the cards read)."""
    start = local(event.next_start, event.time_zone)
    return f"{start:%a} {start.day} {start:%b}, {clock(start)} {start.tzname()}"


@require_GET
def events_json(request: HttpRequest) -> JsonResponse:
    """The map's markers: in-person events with a position. A bad filter is a 400 with the field messages."""
    form, events = _search(request)
    if not form.is_valid():
        return JsonResponse({"detail": "Check the filters.", "errors": form.errors.get_json_data()}, status=400)
    placed = events.filter(mode=Event.Mode.IN_PERSON, latitude__isnull=False, longitude__isnull=False)
    rows = [{
        "id": e.pk, "title": e.title, "kind": e.get_kind_display(), "effort": e.effort,
        "lat": e.latitude, "lng": e.longitude, "next_start": _next_start(e), "place": e.place,
        "url": reverse("events:event", args=[e.pk]),
    } for e in placed[:MAP_LIMIT]]
    centre = {"lat": form.place.latitude, "lng": form.place.longitude} if form.place else None
    return JsonResponse({"events": rows, "centre": centre, "miles": form.miles, "truncated": len(rows) == MAP_LIMIT})
