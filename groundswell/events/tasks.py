"""Background tasks of events (django.tasks: the database queue in production, inline in tests). Emails go out
here so a signup answers at once; reminders are deferred tasks that run at their time."""

from django.tasks import task


@task
def send_signup_email_task(signup_id: int, kind: str) -> bool:
    from groundswell.events.notices import send_signup_email

    return send_signup_email(signup_id, kind)


@task
def send_message_task(event_id: int, signup_ids: list[int], subject: str, body: str, sender_id: int | None) -> int:
    from groundswell.events.notices import send_message

    return send_message(event_id, signup_ids, subject, body, sender_id)


@task
def send_due_reminders_task() -> int:
    from groundswell.events.reminders import send_due

    return send_due()
