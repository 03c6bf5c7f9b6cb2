import datetime as dt

from django.utils import timezone

from groundswell.events.services_events import event_create, shifts_add


def make_event(actor, team, *, capacity=2, days=1, **fields):
    """An event of `team` (published by a host, pending otherwise) with one shift `days` from now, 10:00–12:00."""
    values = {"title": "Canvass launch", "kind": "canvass", "zip": "60614", "address1": "2430 N Cannon Dr"}
    values.update(fields)
    event = event_create(actor=actor, team=team, **values)
    if event.status == "published":
        day = timezone.localdate() + dt.timedelta(days=days)
        shifts_add(actor=actor, event=event, day=day, start=dt.time(10), end=dt.time(12), capacity=capacity)
    return event
