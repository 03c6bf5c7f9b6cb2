"""Reminders 24 h and 2 h before a shift. Each confirmed signup gets each reminder once (stamped on the signup
under a row lock, so two runs never send twice). A signup made 3 h before gets only the 2 h one; made within
2 h, none (its confirmation says it all).

When the task backend can defer (django-tasks-db in production), signing up enqueues a run of `send_due` at
T−24 h and T−2 h, which the worker executes on time; a run that finds nothing due does nothing. Without a
deferring backend, `sweep_if_due` (pages call it, throttled) and `groundswell manage send_event_reminders`
(cron) cover it."""

import datetime as dt

from django.core.cache import cache
from django.db import transaction
from django.tasks import default_task_backend
from django.utils import timezone

from groundswell.events.models import Event, Signup

LEADS = {"24h": dt.timedelta(hours=24), "2h": dt.timedelta(hours=2)}
STAMP = {"24h": "reminded_24h_at", "2h": "reminded_2h_at"}
SWEEP_EVERY = 60


def _due(which: str, now: dt.datetime):
    """Confirmed signups of live shifts of published events starting within the lead time, not yet reminded;
    the 24 h reminder is skipped once the 2 h one is due."""
    lead = LEADS[which]
    qs = Signup.objects.filter(
        status=Signup.Status.CONFIRMED, event__status=Event.Status.PUBLISHED, shift__cancelled_at__isnull=True,
        shift__starts_at__gt=now, shift__starts_at__lte=now + lead, **{f"{STAMP[which]}__isnull": True},
    )
    if which == "24h":
        qs = qs.filter(shift__starts_at__gt=now + LEADS["2h"])
    return qs


def send_due(now: dt.datetime | None = None) -> int:
    """Send every reminder that is due; returns how many emails went out."""
    from groundswell.events.notices import send_signup_email

    now = now or timezone.now()
    sent = 0
    for which in ("2h", "24h"):
        for signup_id in list(_due(which, now).values_list("pk", flat=True)):
            with transaction.atomic():
                claimed = _due(which, now).filter(pk=signup_id).update(**{STAMP[which]: now})
                if which == "2h":  # the day-before one is moot now
                    Signup.objects.filter(pk=signup_id, reminded_24h_at__isnull=True).update(reminded_24h_at=now)
            if claimed and send_signup_email(signup_id, f"reminder_{which}"):
                sent += 1
    return sent


def schedule(signup_id: int) -> None:
    """Enqueue deferred runs at T−24 h and T−2 h of the signup's shift (when the backend can defer)."""
    signup = Signup.objects.select_related("shift").filter(pk=signup_id).first()
    if signup is not None:
        schedule_shift(signup.shift)


def schedule_shift(shift) -> int:
    """Deferred runs of `send_due` at T−24 h and T−2 h of `shift` (each run sends whatever is due, for every
    shift); returns how many were enqueued — none when the backend cannot defer."""
    if not getattr(default_task_backend, "supports_defer", False):
        return 0
    from groundswell.events.tasks import send_due_reminders_task

    now = timezone.now()
    runs = [shift.starts_at - lead for lead in LEADS.values() if shift.starts_at - lead > now]
    for at in runs:
        send_due_reminders_task.using(run_after=at).enqueue()
    return len(runs)


def sweep_if_due(now: dt.datetime | None = None) -> int | None:
    """`send_due` unless it ran in the last SWEEP_EVERY seconds (pages call this; the worker has no clock)."""
    if not cache.add("events:reminder-sweep", 1, timeout=SWEEP_EVERY):
        return None
    return send_due(now)
