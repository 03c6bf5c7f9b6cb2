"""A member's own events: what they signed up for, their calendar feed, and their share link per event."""

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from groundswell.events import selectors
from groundswell.events.links import signup_token
from groundswell.events.services_signups import share_link


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    signups = list(selectors.my_signups(request.user))
    for signup in signups:
        signup.shift.event = signup.event
        signup.token = signup_token(signup)
    feed = selectors.calendar_feed(request.user)
    return render(request, "events/mine.html", {
        "upcoming": [s for s in signups if s.shift.ends_at > now],
        "past": [s for s in signups if s.shift.ends_at <= now][-10:],
        "feed_url": request.build_absolute_uri(reverse("events:feed", args=[feed.token])),
        "brought": selectors.referrals_by(request.user).count(),
    })


@login_required
def share(request: HttpRequest, event_id: int) -> HttpResponse:
    """The member's own link to an event, to send to friends; signups through it are theirs."""
    event = selectors.visible_event(request.actor, event_id)
    link = share_link(event=event, user=request.user)
    url = request.build_absolute_uri(reverse("events:event", args=[event.pk])) + f"?ref={link.code}"
    return render(request, "events/share.html", {
        "event": event, "url": url, "qr_svg": segno.make(url, error="m").svg_inline(scale=4),
        "brought": selectors.referrals_by(request.user).filter(event=event).count(),
    })
