"""The emails: confirmation with the calendar file and the person's own change/cancel link, waitlist, a place
freed, a cancelled event, the host's message; nothing for signups without an email."""

import icalendar
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from groundswell.events.models import Signup
from groundswell.events.services_signups import Contact, signup_cancel, signup_create
from groundswell.orgs.access import Actor

ANON = Actor.for_user(AnonymousUser())


def sign(event, name, **fields):
    return signup_create(actor=ANON, shift=event.shifts.get(),
                         contact=Contact(first_name=name, email=f"{name.lower()}@example.test", **fields))


def test_confirmation_has_the_calendar_file_and_the_manage_link(event, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign(event, "Ana")
    (message,) = mailoutbox
    assert message.to == ["ana@example.test"] and message.subject == "You're signed up: Canvass launch"
    assert "2430 N Cannon Dr" in message.body and "/events/s/" in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert Signup.objects.get(pk=signup.pk).confirmation_sent_at is not None


def test_waitlist_then_promotion_emails(event, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _, _ = sign(event, "Ana"), sign(event, "Ben"), sign(event, "Cy")
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["You're signed up", "You're signed up",
                                                             "You're on the waitlist"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(actor=ANON, signup=first)
    (message,) = mailoutbox
    assert message.to == ["cy@example.test"] and message.subject.startswith("A place opened up")


def test_phone_only_signup_gets_no_email_and_no_error(event, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(actor=ANON, shift=event.shifts.get(), contact=Contact(first_name="Di", phone="3125550199"))
    assert mailoutbox == []


def test_hosts_message_reaches_confirmed_people_with_their_own_links(event, personas, client_for, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign(event, "Ana"), sign(event, "Ben"), sign(event, "Cy")  # Cy waits
    mailoutbox.clear()
    client = client_for(personas.organizer)
    response = client.post(reverse("events:message", args=[event.pk]),
                           {"subject": "Parking", "body": "Park on Cannon Dr; we're by the field house."})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.test", "ben@example.test"]
    assert all("Park on Cannon Dr" in m.body and "/events/s/" in m.body for m in mailoutbox)
    assert len({m.body for m in mailoutbox}) == 2  # each with their own link
    empty = client.post(reverse("events:message", args=[event.pk]), {"subject": "", "body": ""})
    assert empty.status_code == 422


def test_shift_removed_by_the_host_tells_its_people(event, personas, client_for, mailoutbox,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign(event, "Ana")
    mailoutbox.clear()
    client_for(personas.organizer).post(reverse("events:shift-remove", args=[event.pk, event.shifts.get().pk]))
    (message,) = mailoutbox
    assert message.subject.startswith("Cancelled: your shift") and Signup.objects.get().status == "cancelled"
