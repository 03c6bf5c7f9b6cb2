"""Emails to people who signed up. Each notice is sent by a background task after the signup commits.

(First cut: plain-text emails; the calendar file, the manage link and reminders are added next.)"""

from django.core.mail import send_mail

from groundswell.events.models import Signup


def _send(signup_id: int, subject: str, body: str) -> None:
    signup = Signup.objects.select_related("event", "shift").filter(pk=signup_id).first()
    if signup is None or not signup.email:
        return
    send_mail(subject.format(event=signup.event.title), body.format(signup=signup), None, [signup.email])


def signup_confirmed(signup_id: int) -> None:
    _send(signup_id, "You're signed up: {event}", "Hi {signup.first_name}, you're signed up for {signup.event.title}.")


def waitlist_promoted(signup_id: int) -> None:
    _send(signup_id, "A place opened up: {event}",
          "Hi {signup.first_name}, you now have a place at {signup.event.title}.")
