"""Attendance and shift times: check-in by the host or by starting to call a linked phone bank, no-shows and
follow-ups, a weekly series that keeps its local time across the end of daylight saving time."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from groundswell.common.errors import Conflict, PermissionDenied
from groundswell.events.models import FollowUp, Shift, Signup
from groundswell.events.services_attendance import check_in, mark_no_shows
from groundswell.events.services_events import event_create, shifts_add
from groundswell.events.services_signups import member_signup
from groundswell.phonebank.sessions import session_start
from tests import factories
from tests.conftest import actor_for

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def test_weekly_series_keeps_local_time_across_the_dst_change(org_tree, organizer, monkeypatch):
    # 2026-11-01 is when Chicago goes from CDT (UTC-5) to CST (UTC-6).
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    event = event_create(actor=organizer, team=org_tree.north_team, title="Weekly phone bank", kind="phone_bank",
                         zip="60614")
    shifts = shifts_add(actor=organizer, event=event, day=dt.date(2026, 10, 25), start=dt.time(18),
                        end=dt.time(20), weeks=3)
    assert [s.starts_at.astimezone(CHICAGO).hour for s in shifts] == [18, 18, 18]
    assert [s.starts_at.hour for s in shifts] == [23, 0, 0]  # 23:00 UTC in CDT, then 00:00 UTC next day in CST
    assert shifts[1].starts_at - shifts[0].starts_at == dt.timedelta(days=7, hours=1)


def test_volunteer_cannot_check_people_in(event, personas):
    signup = member_signup(actor=actor_for(personas.organizer), shift=event.shifts.get())
    with pytest.raises(PermissionDenied):
        check_in(actor=actor_for(personas.volunteer), signup=signup)


def test_no_shows_only_once_the_shift_started_and_each_gets_a_call(event, organizer, personas):
    shift = event.shifts.get()
    signup = member_signup(actor=actor_for(personas.volunteer), shift=shift)
    with pytest.raises(Conflict):
        mark_no_shows(actor=organizer, shift=shift)
    Shift.objects.filter(pk=shift.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    shift.refresh_from_db()
    assert mark_no_shows(actor=organizer, shift=shift) == 1
    assert Signup.objects.get(pk=signup.pk).attendance == "no_show"
    assert FollowUp.objects.get(signup=signup).kind == FollowUp.Kind.CALL_NO_SHOW
    check_in(actor=organizer, signup=signup)  # came late after all: the call is no longer needed
    assert not FollowUp.objects.filter(signup=signup, kind=FollowUp.Kind.CALL_NO_SHOW).exists()


def test_starting_to_call_checks_in_the_callers_phone_bank_shift(org_tree, organizer, personas):
    people = [factories.person(org_tree.north_team, phones=["+13125550101"], time_zone="America/Chicago")]
    campaign = factories.campaign(org_tree.north, people=people, live=True)
    event = event_create(actor=organizer, team=org_tree.north_team, title="Calling party", kind="phone_bank",
                         zip="60614", campaign=campaign)
    shift = shifts_add(actor=organizer, event=event, day=timezone.localdate() + dt.timedelta(days=1),
                       start=dt.time(10), end=dt.time(12))[0]
    volunteer = actor_for(personas.volunteer)
    signup = member_signup(actor=volunteer, shift=shift)
    session_start(actor=volunteer, campaign=campaign, now=shift.starts_at - dt.timedelta(hours=2))
    assert Signup.objects.get(pk=signup.pk).attendance == ""  # too early: not their shift yet
    from groundswell.phonebank.sessions import session_end

    session_end(actor=volunteer, campaign=campaign)
    session_start(actor=volunteer, campaign=campaign, now=shift.starts_at + dt.timedelta(minutes=5))
    assert Signup.objects.get(pk=signup.pk).attendance == "attended"
