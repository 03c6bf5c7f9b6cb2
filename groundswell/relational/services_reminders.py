"""Key-date reminders: on each of a program's key dates (registration deadline, early voting, election day) every
captain gets an email with the checklist of their people still to talk to or still to vote. The worker has no
clock, so program pages sweep at most once a minute and `groundswell manage send_program_reminders` can run
from cron; each date is sent once (ProgramDate.reminded_at)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from groundswell.relational.models import Program, ProgramDate
from groundswell.relational.selectors import captain_people

SWEEP_EVERY = 60
STALE_AFTER = dt.timedelta(days=2)  # a date long gone is marked done without mailing anyone


def checklist(captain) -> list:
    """The captain's people still to act on: not talked to yet, or (once voting opened) not voted yet."""
    return [entry for entry in captain_people(captain) if not entry.talked or not entry.voted]


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Send every key-date reminder that is due; returns how many emails went out."""
    now = now or timezone.now()
    sent = 0
    due = (ProgramDate.objects.filter(reminded_at__isnull=True, date__lte=now.date() + dt.timedelta(days=1),
                                      program__status__in=[Program.Status.ENROLLING, Program.Status.RUNNING])
           .select_related("program__team"))
    for key_date in due:
        local_today = now.astimezone(ZoneInfo(key_date.program.team.time_zone)).date()
        if key_date.date > local_today:
            continue
        with transaction.atomic():
            locked = ProgramDate.objects.select_for_update().filter(pk=key_date.pk, reminded_at__isnull=True).first()
            if locked is None:
                continue  # another process sent it
            if local_today - key_date.date <= STALE_AFTER:
                sent += _send(key_date)
            locked.reminded_at = now
            locked.save(update_fields=["reminded_at"])
    return sent


def _send(key_date: ProgramDate) -> int:
    program = key_date.program
    sent = 0
    for captain in program.captains.select_related("user"):
        people = checklist(captain)
        body = render_to_string("relational/email/key_date.txt", {
            "program": program, "key_date": key_date, "captain": captain, "people": people,
            "site_url": getattr(settings, "SITE_URL", ""),
        })
        send_mail(f"{program.name}: {key_date.title} — your people", body, None, [captain.user.email])
        sent += 1
    return sent


def sweep_if_due(now: dt.datetime | None = None) -> int | None:
    if not cache.add("relational:reminder-sweep", 1, timeout=SWEEP_EVERY):
        return None
    return reminders_send_due(now=now)
