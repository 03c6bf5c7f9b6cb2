"""Background tasks of the phone bank (django.tasks: the database queue in production, inline in tests)."""

from django.tasks import task

from groundswell.phonebank.services_shifts import sweep_no_shows


@task
def sweep_no_shows_task() -> dict[str, int]:
    """Settle call shifts that began more than GRACE ago: no-shows lose their place and their contacts.
    Idempotent, so enqueueing it often (the shift and supervisor pages do, throttled) is harmless."""
    return sweep_no_shows()
