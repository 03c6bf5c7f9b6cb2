"""Call shifts: adding them, places and sign-ups (idempotent, never over capacity), cancelling, checking in by
starting to call, and the no-show sweep that frees places and contacts. A fixed clock throughout."""

import datetime as dt
import uuid
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from groundswell.common.errors import Conflict, PermissionDenied
from groundswell.orgs.access import Actor
from groundswell.outreach import claims
from groundswell.outreach.models import Campaign, Target
from groundswell.phonebank import selectors_shifts, services_shifts
from groundswell.phonebank.models import CallingSession, CallShift, ShiftSignup
from groundswell.phonebank.sessions import session_start
from groundswell.phonebank.tasks import sweep_no_shows_task
from tests import factories

# 18:00 UTC is 12:00 in Chicago, where the campaign's contacts live: inside the calling window.
NOON = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)
Status = ShiftSignup.Status


@pytest.fixture
def organizer(org_tree):
    # North lets its own organizers build campaigns (the autonomy switch is tested in tests/orgs).
    org_tree.north.can_edit_scripts = True
    org_tree.north.save(update_fields=["can_edit_scripts"])
    user = factories.user()
    factories.membership(org_tree.north, "organizer", user_obj=user)
    return Actor.for_user(user)


@pytest.fixture
def callers(org_tree):
    users = [factories.user() for _ in range(3)]
    for user in users:
        factories.membership(org_tree.north_team, "volunteer", user_obj=user)
    return [Actor.for_user(u) for u in users]


@pytest.fixture
def campaign(org_tree):
    people = [factories.person(org_tree.north_team, phones=[f"+1312555{i:04d}"], time_zone="America/Chicago")
              for i in range(4)]
    return factories.campaign(org_tree.north, people=people, live=True)


def _shift(campaign, *, starts=NOON, hours=2, capacity=10) -> CallShift:
    return CallShift.objects.create(campaign=campaign, starts_at=starts, ends_at=starts + dt.timedelta(hours=hours),
                                    capacity=capacity)


# Adding shifts


def test_it_stores_a_shift_given_in_the_teams_zone_in_utc(campaign, organizer):
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    starts = dt.datetime(2026, 11, 24, 10, 0, tzinfo=chicago)
    shift = services_shifts.shift_create(actor=organizer, campaign=campaign, starts_at=starts,
                                         ends_at=starts + dt.timedelta(hours=2), capacity=8, now=NOON)
    shift.refresh_from_db()
    assert shift.starts_at == dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)
    assert shift.starts_at.utcoffset() == dt.timedelta(0)
    assert (shift.capacity, shift.created_by_id) == (8, organizer.user_id)


@pytest.mark.parametrize(("starts", "hours", "capacity", "field"), [
    (NOON + dt.timedelta(hours=1), -1, 5, "ends_at"),
    (NOON + dt.timedelta(hours=1), 0, 5, "ends_at"),
    (NOON + dt.timedelta(hours=1), 13, 5, "ends_at"),
    (NOON - dt.timedelta(hours=1), 2, 5, "starts_at"),
    (NOON + dt.timedelta(hours=1), 2, 0, "capacity"),
    (NOON + dt.timedelta(hours=1), 2, 501, "capacity"),
])
def test_it_refuses_a_bad_shift_naming_the_field(campaign, organizer, starts, hours, capacity, field):
    with pytest.raises(ValidationError) as caught:
        services_shifts.shift_create(actor=organizer, campaign=campaign, starts_at=starts,
                                     ends_at=starts + dt.timedelta(hours=hours), capacity=capacity, now=NOON)
    assert field in caught.value.message_dict
    assert not CallShift.objects.exists()


def test_a_caller_may_not_add_shifts(campaign, callers):
    with pytest.raises(PermissionDenied):
        services_shifts.shift_create(actor=callers[0], campaign=campaign, starts_at=NOON + 60 * MIN,
                                     ends_at=NOON + 120 * MIN, capacity=5, now=NOON)


def test_an_organizer_on_a_team_that_keeps_scripts_to_itself_may_not_add_shifts(org_tree, campaign):
    user = factories.user()
    factories.membership(org_tree.north, "organizer", user_obj=user)
    with pytest.raises(PermissionDenied):
        services_shifts.shift_create(actor=Actor.for_user(user), campaign=campaign, starts_at=NOON + 60 * MIN,
                                     ends_at=NOON + 120 * MIN, capacity=5, now=NOON)


def test_a_shift_is_cancelled_only_before_it_starts(campaign, organizer, callers):
    shift = _shift(campaign, starts=NOON + 60 * MIN)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON)
    with pytest.raises(Conflict, match="already started"):
        services_shifts.shift_delete(actor=organizer, shift=shift, now=NOON + 61 * MIN)
    assert services_shifts.shift_delete(actor=organizer, shift=shift, now=NOON) == 1
    assert not CallShift.objects.filter(pk=shift.pk).exists()


# Signing up


def test_places_are_never_given_beyond_capacity(campaign, callers):
    shift = _shift(campaign, starts=NOON + 60 * MIN, capacity=2)
    for caller in callers[:2]:
        services_shifts.shift_signup(actor=caller, shift=shift, now=NOON)
    with pytest.raises(Conflict, match=r"full \(2 of 2 places taken\)"):
        services_shifts.shift_signup(actor=callers[2], shift=shift, now=NOON)
    assert shift.signups.count() == 2
    row = selectors_shifts.open_shifts(campaign, callers[2].user_id, NOON)[0]
    assert (row.taken, row.free, row.is_mine) == (2, 0, False)


def test_signing_up_twice_keeps_one_place(campaign, callers):
    shift = _shift(campaign, starts=NOON + 60 * MIN, capacity=1)
    first = services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON)
    again = services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON + MIN)
    assert again.pk == first.pk
    assert shift.signups.count() == 1


def test_a_retried_post_with_the_same_client_uuid_answers_the_same(campaign, callers):
    shift = _shift(campaign, starts=NOON + 60 * MIN)
    key = uuid.uuid4()
    first = services_shifts.shift_signup(actor=callers[0], shift=shift, client_uuid=key, now=NOON)
    services_shifts.shift_signup_cancel(actor=callers[0], shift=shift, now=NOON + MIN)
    # A stale retry of the first post does not sign the caller up again behind their back.
    retried = services_shifts.shift_signup(actor=callers[0], shift=shift, client_uuid=key, now=NOON + 2 * MIN)
    assert retried.pk == first.pk
    assert retried.status == Status.CANCELLED
    with pytest.raises(ValidationError) as caught:
        services_shifts.shift_signup(actor=callers[1], shift=shift, client_uuid=key, now=NOON)
    assert "client_uuid" in caught.value.message_dict
    assert shift.signups.count() == 1


def test_cancelling_frees_the_place(campaign, callers):
    shift = _shift(campaign, starts=NOON + 60 * MIN, capacity=1)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON)
    with pytest.raises(Conflict):
        services_shifts.shift_signup(actor=callers[1], shift=shift, now=NOON)
    cancelled = services_shifts.shift_signup_cancel(actor=callers[0], shift=shift, now=NOON)
    assert cancelled.status == Status.CANCELLED
    assert services_shifts.shift_signup_cancel(actor=callers[0], shift=shift, now=NOON).status == Status.CANCELLED
    taken = services_shifts.shift_signup(actor=callers[1], shift=shift, now=NOON)
    assert taken.status == Status.SIGNED_UP
    # Signing up again after cancelling needs a free place like anyone else.
    with pytest.raises(Conflict, match="full"):
        services_shifts.shift_signup(actor=callers[0], shift=shift, client_uuid=uuid.uuid4(), now=NOON)


def test_a_shift_that_is_over_is_refused(campaign, callers):
    shift = _shift(campaign, starts=NOON - 180 * MIN, hours=2)
    with pytest.raises(ValidationError, match="over"):
        services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON)
    assert not shift.signups.exists()
    assert selectors_shifts.open_shifts(campaign, callers[0].user_id, NOON) == []


def test_a_done_campaign_takes_no_signups(campaign, callers):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DONE)
    shift = _shift(Campaign.objects.get(pk=campaign.pk), starts=NOON + 60 * MIN)
    with pytest.raises(Conflict, match="done"):
        services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON)


def test_a_caller_who_called_keeps_their_record(campaign, callers):
    shift = _shift(campaign, starts=NOON)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON - 60 * MIN)
    services_shifts.mark_attended(callers[0].user_id, campaign, NOON + MIN)
    with pytest.raises(Conflict, match="already called"):
        services_shifts.shift_signup_cancel(actor=callers[0], shift=shift, now=NOON + 2 * MIN)


# Checking in


def test_starting_to_call_during_the_shift_marks_the_caller_attended(campaign, callers):
    shift = _shift(campaign, starts=NOON)
    other = _shift(campaign, starts=NOON + 300 * MIN)
    for s in (shift, other):
        services_shifts.shift_signup(actor=callers[0], shift=s, now=NOON - 120 * MIN)
    session_start(actor=callers[0], campaign=campaign, now=NOON - 10 * MIN)
    assert services_shifts.mark_attended(callers[0].user_id, campaign, NOON - 10 * MIN) == 1
    statuses = dict(ShiftSignup.objects.values_list("shift_id", "status"))
    assert statuses == {shift.pk: Status.ATTENDED, other.pk: Status.SIGNED_UP}


def test_starting_to_call_well_before_the_shift_is_not_a_check_in(campaign, callers):
    shift = _shift(campaign, starts=NOON)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON - 120 * MIN)
    assert services_shifts.mark_attended(callers[0].user_id, campaign, NOON - 16 * MIN) == 0
    assert services_shifts.mark_attended(callers[0].user_id, campaign, NOON + 121 * MIN) == 0
    assert shift.signups.get().status == Status.SIGNED_UP


def test_check_in_opens_a_session_tied_to_the_shift(campaign, callers):
    shift = _shift(campaign, starts=NOON)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON - 60 * MIN)
    session = services_shifts.shift_check_in(actor=callers[0], campaign=campaign, now=NOON + 5 * MIN)
    assert (session.shift_id, session.caller_id, session.ended_at) == (shift.pk, callers[0].user_id, None)
    assert shift.signups.get().status == Status.ATTENDED
    assert selectors_shifts.current_signup(callers[0].user_id, campaign, NOON + 5 * MIN).shift_id == shift.pk


def test_check_in_without_a_shift_still_starts_calling(campaign, callers):
    session = services_shifts.shift_check_in(actor=callers[1], campaign=campaign, now=NOON)
    assert session.shift_id is None


def test_check_in_is_refused_while_the_campaign_is_paused(campaign, callers):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.PAUSED)
    with pytest.raises(Conflict, match="paused"):
        services_shifts.shift_check_in(actor=callers[0], campaign=Campaign.objects.get(pk=campaign.pk), now=NOON)
    assert not CallingSession.objects.exists()


# The no-show sweep


def test_the_sweep_marks_no_shows_and_frees_their_place_and_contacts(campaign, callers):
    shift = _shift(campaign, starts=NOON, capacity=2)
    absent, present, late = callers
    for caller in (absent, present):
        services_shifts.shift_signup(actor=caller, shift=shift, now=NOON - 60 * MIN)
    held = claims.claim_next(actor=absent, campaign=campaign, now=NOON - 30 * MIN)
    assert held.claimed_by_id == absent.user_id
    session_start(actor=present, campaign=campaign, now=NOON - 5 * MIN)

    assert services_shifts.sweep_no_shows(NOON + 14 * MIN) == {"attended": 0, "no_show": 0, "released": 0}
    counts = services_shifts.sweep_no_shows(NOON + 16 * MIN)

    assert counts == {"attended": 1, "no_show": 1, "released": 1}
    statuses = dict(shift.signups.values_list("user_id", "status"))
    assert statuses == {absent.user_id: Status.NO_SHOW, present.user_id: Status.ATTENDED}
    target = Target.objects.get(pk=held.pk)
    assert (target.claimed_by_id, target.claimed_until) == (None, None)
    # The place is free again: a third caller may take it.
    assert services_shifts.shift_signup(actor=late, shift=shift, now=NOON + 17 * MIN).status == Status.SIGNED_UP
    # Sweeping again changes nothing.
    assert services_shifts.sweep_no_shows(NOON + 20 * MIN) == {"attended": 0, "no_show": 0, "released": 0}


def test_a_late_signup_gets_its_own_grace(campaign, callers):
    shift = _shift(campaign, starts=NOON)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON + 20 * MIN)
    assert services_shifts.sweep_no_shows(NOON + 30 * MIN)["no_show"] == 0
    assert services_shifts.sweep_no_shows(NOON + 36 * MIN)["no_show"] == 1


def test_a_no_show_who_comes_late_is_attended(campaign, callers):
    shift = _shift(campaign, starts=NOON)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON - 60 * MIN)
    services_shifts.sweep_no_shows(NOON + 16 * MIN)
    services_shifts.shift_check_in(actor=callers[0], campaign=campaign, now=NOON + 30 * MIN)
    assert shift.signups.get().status == Status.ATTENDED


def test_a_late_sweep_does_not_take_contacts_from_someone_calling_now(campaign, callers):
    yesterday = _shift(campaign, starts=NOON - dt.timedelta(days=1))
    services_shifts.shift_signup(actor=callers[0], shift=yesterday, now=NOON - dt.timedelta(days=2))
    session_start(actor=callers[0], campaign=campaign, now=NOON)
    held = claims.claim_next(actor=callers[0], campaign=campaign, now=NOON)
    counts = services_shifts.sweep_no_shows(NOON + MIN)
    assert counts == {"attended": 0, "no_show": 1, "released": 0}
    assert Target.objects.get(pk=held.pk).claimed_by_id == callers[0].user_id


def test_the_sweep_can_be_limited_to_one_campaign(org_tree, campaign, callers):
    elsewhere = factories.campaign(org_tree.north, live=True)
    mine, theirs = _shift(campaign), _shift(elsewhere)
    for shift in (mine, theirs):
        services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON - 60 * MIN)
    assert services_shifts.sweep_no_shows(NOON + 16 * MIN, campaign=campaign)["no_show"] == 1
    assert theirs.signups.get().status == Status.SIGNED_UP


def test_the_sweep_task_runs_the_sweep(campaign, callers):
    shift = _shift(campaign, starts=NOON)
    services_shifts.shift_signup(actor=callers[0], shift=shift, now=NOON - 60 * MIN)
    # The task runs on the real clock: move the shift and the signup well into the past so it is due.
    CallShift.objects.filter(pk=shift.pk).update(starts_at=NOON - dt.timedelta(days=3650),
                                                 ends_at=NOON - dt.timedelta(days=3649))
    ShiftSignup.objects.filter(shift=shift).update(updated_at=NOON - dt.timedelta(days=3651))
    result = sweep_no_shows_task.enqueue()
    assert result.return_value == {"attended": 0, "no_show": 1, "released": 0}
    assert shift.signups.get().status == Status.NO_SHOW
