"""Simultaneous signups for the last places: never more confirmed than the capacity (PostgreSQL row lock)."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from groundswell.events.models import Signup
from groundswell.events.services_signups import Contact, signup_create
from groundswell.orgs.access import Actor


@pytest.mark.django_db(transaction=True)
def test_concurrent_signups_never_overbook(event):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database locks whole tables across threads; SQLite's single writer "
                    "serialises signups, which the single-thread tests cover")
    shift = event.shifts.get()  # capacity 2
    errors: list[BaseException] = []
    start = threading.Barrier(10)

    def sign(n: int) -> None:
        try:
            start.wait()
            signup_create(actor=Actor.for_user(AnonymousUser()), shift=shift,
                          contact=Contact(first_name=f"Racer{n}", email=f"racer{n}@example.test"), notify=False)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    statuses = list(Signup.objects.filter(shift=shift).values_list("status", flat=True))
    assert statuses.count("confirmed") == 2 and statuses.count("waitlisted") == 8
