"""Reminders 24 h and 2 h before: each once, only for confirmed signups of live shifts, not for a signup made
too late, and deferred tasks at the right times when the backend can defer."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from groundswell.events import reminders
from groundswell.events.models import Signup
from groundswell.events.services_events import event_cancel
from groundswell.events.services_signups import Contact, signup_create
from groundswell.orgs.access import Actor
from tests.events.helpers import make_event

ANON = Actor.for_user(AnonymousUser())


def sign(event, name):
    return signup_create(actor=ANON, shift=event.shifts.get(), contact=Contact(first_name=name,
                                                                              email=f"{name.lower()}@example.test"),
                         notify=False)


def test_each_reminder_goes_once_at_its_time(event, mailoutbox):
    signup = sign(event, "Ana")
    start = signup.shift.starts_at
    assert reminders.send_due(now=start - dt.timedelta(hours=30)) == 0
    assert reminders.send_due(now=start - dt.timedelta(hours=23)) == 1
    assert reminders.send_due(now=start - dt.timedelta(hours=22)) == 0  # not twice
    assert mailoutbox[-1].subject == "Tomorrow: Canvass launch"
    assert reminders.send_due(now=start - dt.timedelta(hours=1, minutes=50)) == 1
    assert mailoutbox[-1].subject == "Starting soon: Canvass launch"
    assert reminders.send_due(now=start + dt.timedelta(minutes=5)) == 0


def test_signup_three_hours_before_gets_only_the_two_hour_one(event, mailoutbox):
    signup = sign(event, "Ben")
    start = signup.shift.starts_at
    assert reminders.send_due(now=start - dt.timedelta(hours=1)) == 1
    assert reminders.send_due(now=start - dt.timedelta(minutes=30)) == 0
    assert [m.subject for m in mailoutbox] == ["Starting soon: Canvass launch"]
    assert Signup.objects.get(pk=signup.pk).reminded_24h_at is not None


def test_no_reminders_for_waitlisted_cancelled_or_cancelled_events(event, organizer, mailoutbox):
    for name in ("Ana", "Ben", "Cy"):
        sign(event, name)  # Cy is on the waitlist (capacity 2)
    start = event.shifts.get().starts_at
    assert reminders.send_due(now=start - dt.timedelta(hours=20)) == 2
    event_cancel(actor=organizer, event=event)
    assert reminders.send_due(now=start - dt.timedelta(hours=1)) == 0


def test_command_for_cron(event, capsys):
    call_command("send_event_reminders")
    assert "sent 0 reminders" in capsys.readouterr().out


def test_deferred_reminder_tasks_when_the_backend_can_defer(org_tree, organizer, monkeypatch):
    # Three days out, so both runs lie ahead whatever the hour (tomorrow 10:00 Chicago is less than
    # 24 h away every evening, UTC).
    event = make_event(organizer, org_tree.north_team, capacity=2, days=3)
    enqueued = []

    class Deferred:
        def __init__(self, run_after):
            self.run_after = run_after

        def enqueue(self):
            enqueued.append(self.run_after)

    class Task:
        def using(self, run_after):
            return Deferred(run_after)

    monkeypatch.setattr(reminders.default_task_backend, "supports_defer", True, raising=False)
    from groundswell.events import tasks

    monkeypatch.setattr(tasks, "send_due_reminders_task", Task())
    signup = sign(event, "Ana")
    reminders.schedule(signup.pk)
    start = signup.shift.starts_at
    assert enqueued == [start - dt.timedelta(hours=24), start - dt.timedelta(hours=2)]
