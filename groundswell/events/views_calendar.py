"""Calendar files: an event's (anyone who may see it), one signup's (by its signed link), and a person's feed
(a secret URL calendar apps poll). Resetting the feed makes the old URL stop working."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from groundswell.events import calendars, selectors
from groundswell.events.links import signup_from_token
from groundswell.events.services_signups import calendar_feed_reset


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.visible_event(request.actor, event_id, key=request.GET.get("key", ""))
    return _ics(calendars.event_ics(event), f"event-{event.pk}.ics")


def signup_ics(request: HttpRequest, token: str) -> HttpResponse:
    signup = signup_from_token(token)
    return _ics(calendars.signup_ics(signup), f"signup-{signup.pk}.ics")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    response = _ics(calendars.feed_ics(selectors.feed_owner(token)), "groundswell.ics")
    response["Content-Disposition"] = 'inline; filename="groundswell.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_POST
@login_required
def feed_reset(request: HttpRequest) -> HttpResponse:
    calendar_feed_reset(user=request.user)
    return redirect("events:mine")
