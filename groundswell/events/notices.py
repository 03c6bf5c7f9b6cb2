"""Emails to people who signed up: confirmation (with the calendar file), a place freed from the waitlist, a
cancelled shift or event, the host's message, and the 24 h / 2 h reminders. Every email carries the person's
own link to change shift or cancel (events.links: signed, no login).

Callers use the functions at the top (after their transaction commits); each enqueues a background task. The
channel is email; SMS joins through `channels_for` once the texting provider exists."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from groundswell.events import calendars
from groundswell.events.display import shift_when
from groundswell.events.links import manage_url
from groundswell.events.models import Event, Signup

SUBJECTS = {
    "confirmed": "You're signed up: {title}",
    "waitlisted": "You're on the waitlist: {title}",
    "promoted": "A place opened up for you: {title}",
    "shift_cancelled": "Cancelled: your shift at {title}",
    "event_cancelled": "Cancelled: {title}",
    "reminder_24h": "Tomorrow: {title}",
    "reminder_2h": "Starting soon: {title}",
}
WITH_CALENDAR = {"confirmed", "waitlisted", "promoted", "shift_cancelled", "event_cancelled"}


def signup_confirmed(signup_id: int) -> None:
    from groundswell.events import reminders, tasks

    tasks.send_signup_email_task.enqueue(signup_id, "confirmed")
    reminders.schedule(signup_id)


def waitlist_promoted(signup_id: int) -> None:
    from groundswell.events import reminders, tasks

    tasks.send_signup_email_task.enqueue(signup_id, "promoted")
    reminders.schedule(signup_id)


def shift_cancelled(signup_ids: list[int]) -> None:
    from groundswell.events import tasks

    for signup_id in signup_ids:
        tasks.send_signup_email_task.enqueue(signup_id, "shift_cancelled")


def event_cancelled(event_id: int, signup_ids: list[int]) -> None:
    from groundswell.events import tasks

    for signup_id in signup_ids:
        tasks.send_signup_email_task.enqueue(signup_id, "event_cancelled")


def message_signups(event_id: int, signup_ids: list[int], subject: str, body: str, sender_id: int | None) -> None:
    from groundswell.events import tasks

    tasks.send_message_task.enqueue(event_id, signup_ids, subject, body, sender_id)


def channels_for(signup: Signup) -> list[str]:
    """How to reach this signup. Email today; a text to `signup.phone` once a texting provider is set up."""
    return ["email"] if signup.email else []


def _context(signup: Signup) -> dict:
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    signup.shift.event = signup.event
    return {"signup": signup, "event": signup.event, "when": shift_when(signup.shift), "site": site,
            "manage_url": site + manage_url(signup),
            "google_url": calendars.google_url(signup.shift, signup.event)}


def send_signup_email(signup_id: int, kind: str) -> bool:
    """One email about one signup; False when there is nobody to send it to (no email, erased, cancelled)."""
    signup = Signup.objects.select_related("event", "shift").filter(pk=signup_id).first()
    if signup is None or "email" not in channels_for(signup):
        return False
    if kind == "confirmed" and signup.status == Signup.Status.WAITLISTED:
        kind = "waitlisted"
    if kind.startswith("reminder") and (signup.status != Signup.Status.CONFIRMED or signup.event.is_cancelled):
        return False
    body = render_to_string(f"events/email/{kind}.txt", _context(signup))
    message = EmailMessage(SUBJECTS[kind].format(title=signup.event.title), body, None, [signup.email],
                           reply_to=[signup.event.contact_email] if signup.event.contact_email else None)
    if kind in WITH_CALENDAR:
        message.attach("event.ics", calendars.signup_ics(signup), "text/calendar")
    message.send()
    if kind in ("confirmed", "waitlisted"):
        Signup.objects.filter(pk=signup.pk).update(confirmation_sent_at=timezone.now())
    return True


def send_message(event_id: int, signup_ids: list[int], subject: str, body: str, sender_id: int | None) -> int:
    """The host's message to everyone on the list, each with their own change/cancel link. Returns how many."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    sent = 0
    for signup in Signup.objects.filter(pk__in=signup_ids, event=event).select_related("event", "shift"):
        if "email" not in channels_for(signup) or signup.status == Signup.Status.CANCELLED:
            continue
        text = render_to_string("events/email/message.txt", {**_context(signup), "body": body})
        EmailMessage(subject, text, None, [signup.email],
                     reply_to=[event.contact_email] if event.contact_email else None).send()
        sent += 1
    return sent
