"""Call shift pages: a caller's "Sign up to call" (htmx cards), the organizer's shifts page with its add
form (field-level errors, times read in the team's zone) and the people behind each count."""

import datetime as dt
import uuid
import zoneinfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.models import Team
from groundswell.phonebank.models import CallingSession, CallShift, ShiftSignup
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}
Status = ShiftSignup.Status
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


@pytest.fixture
def campaign(org_tree):
    Team.objects.filter(pk=org_tree.north.pk).update(can_edit_scripts=True, time_zone="America/Chicago")
    north = Team.objects.get(pk=org_tree.north.pk)
    person = factories.person(org_tree.north_team, phones=["+13125550101"], time_zone="America/Chicago")
    return factories.campaign(north, people=[person], live=True)


@pytest.fixture
def organizer(org_tree):
    return factories.membership(org_tree.north, "organizer").user


@pytest.fixture
def volunteer(org_tree):
    return factories.membership(org_tree.north_team, "volunteer").user


def _shift(campaign, *, in_hours: float = 24, hours: float = 2, capacity: int = 5) -> CallShift:
    starts = timezone.now() + dt.timedelta(hours=in_hours)
    return CallShift.objects.create(campaign=campaign, starts_at=starts, ends_at=starts + dt.timedelta(hours=hours),
                                    capacity=capacity)


def _url(name, campaign, shift=None):
    return reverse(f"phonebank:{name}", args=[campaign.pk] + ([shift.pk] if shift else []))


# The caller's page


def test_the_signup_page_lists_shifts_to_come_in_the_teams_zone(campaign, volunteer, client_for):
    shift = _shift(campaign, capacity=3)
    _shift(campaign, in_hours=-5)  # over: not listed
    local = shift.starts_at.astimezone(CHICAGO)
    response = client_for(volunteer).get(_url("shift-list", campaign))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="card shift-card"') == 1
    assert "3 of 3 places free" in body
    assert local.strftime("%-I:%M").lstrip("0") in body
    assert "America/Chicago" in body


def test_signing_up_swaps_the_card_and_keeps_one_place(campaign, volunteer, client_for):
    shift = _shift(campaign, capacity=3)
    client = client_for(volunteer)
    key = str(uuid.uuid4())
    for _ in range(2):  # a double tap posts the same client_uuid twice
        response = client.post(_url("shift-signup", campaign, shift), {"client_uuid": key}, **HTMX)
        assert response.status_code == 200
    assert "You’re signed up" in response.content.decode()
    assert "2 of 3 places free" in response.content.decode()
    assert shift.signups.get().user_id == volunteer.pk


def test_a_full_shift_says_so_on_its_card(campaign, volunteer, client_for):
    shift = _shift(campaign, capacity=1)
    ShiftSignup.objects.create(shift=shift, user=factories.user())
    response = client_for(volunteer).post(_url("shift-signup", campaign, shift), **HTMX)
    assert response.status_code == 200
    assert "This shift is full (1 of 1 places taken)" in response.content.decode()
    assert not shift.signups.filter(user=volunteer).exists()


def test_without_htmx_a_refusal_comes_back_as_a_message(campaign, volunteer, client_for):
    shift = _shift(campaign, capacity=1)
    ShiftSignup.objects.create(shift=shift, user=factories.user())
    client = client_for(volunteer)
    response = client.post(_url("shift-signup", campaign, shift), follow=True)
    assert response.redirect_chain[-1][0] == _url("shift-list", campaign)
    assert "This shift is full" in response.content.decode()


def test_a_bad_client_uuid_is_ignored_not_a_500(campaign, volunteer, client_for):
    shift = _shift(campaign)
    response = client_for(volunteer).post(_url("shift-signup", campaign, shift), {"client_uuid": "nope"}, **HTMX)
    assert response.status_code == 200
    assert shift.signups.get().client_uuid is None


def test_cancelling_frees_the_place_on_the_card(campaign, volunteer, client_for):
    shift = _shift(campaign, capacity=1)
    client = client_for(volunteer)
    client.post(_url("shift-signup", campaign, shift), **HTMX)
    response = client.post(_url("shift-signup-cancel", campaign, shift), **HTMX)
    assert "1 of 1 place free" in response.content.decode()
    assert shift.signups.get().status == Status.CANCELLED


def test_a_shift_of_another_campaign_is_not_found(org_tree, campaign, volunteer, client_for):
    other = factories.campaign(org_tree.north, live=True)
    shift = _shift(other)
    response = client_for(volunteer).post(_url("shift-signup", campaign, shift))
    assert response.status_code == 404
    assert not shift.signups.exists()


def test_start_calling_checks_the_caller_in(campaign, volunteer, client_for):
    shift = _shift(campaign, in_hours=-0.5)
    ShiftSignup.objects.create(shift=shift, user=volunteer)
    client = client_for(volunteer)
    page = client.get(_url("shift-list", campaign)).content.decode()
    assert "Your shift is on now" in page
    response = client.post(_url("shift-start-calling", campaign))
    assert response["Location"] == reverse("phonebank:calling", args=[campaign.pk])
    assert shift.signups.get().status == Status.ATTENDED
    assert CallingSession.objects.get(caller=volunteer).shift_id == shift.pk


# The organizer's page


def _new(day: dt.date, start="10:00", end="12:00", capacity="8") -> dict:
    return {"date": day.isoformat(), "start": start, "end": end, "capacity": capacity}


def test_an_organizer_adds_a_shift_in_the_teams_zone(campaign, organizer, client_for):
    day = (timezone.now() + dt.timedelta(days=3)).astimezone(CHICAGO).date()
    response = client_for(organizer).post(_url("shift-create", campaign), _new(day))
    assert response.status_code == 302
    shift = CallShift.objects.get(campaign=campaign)
    assert shift.starts_at == dt.datetime.combine(day, dt.time(10), tzinfo=CHICAGO)
    assert shift.ends_at - shift.starts_at == dt.timedelta(hours=2)
    assert (shift.capacity, shift.created_by_id) == (8, organizer.pk)


def test_the_add_form_with_htmx_returns_the_refreshed_list(campaign, organizer, client_for):
    day = (timezone.now() + dt.timedelta(days=3)).astimezone(CHICAGO).date()
    response = client_for(organizer).post(_url("shift-create", campaign), _new(day), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<div id="shift-admin">')
    assert "0 of 8 places taken" in body


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"end": "09:00"}, "end", "must end after it starts"),
    ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
    ({"capacity": "501"}, "capacity", "less than or equal to 500"),
    ({"date": "2020-01-01"}, "start", "already passed"),
    ({"date": "not a day"}, "date", "Enter a valid date"),
    ({"start": ""}, "start", "This field is required"),
])
def test_a_bad_shift_gets_a_field_level_error(campaign, organizer, client_for, change, field, message):
    day = (timezone.now() + dt.timedelta(days=3)).astimezone(CHICAGO).date()
    client = client_for(organizer)
    response = client.post(_url("shift-create", campaign), {**_new(day), **change})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    # The message sits inside the field's own block, next to its input.
    block = body.split(f'id="id_{field}"', 1)[1].split('<div class="field', 1)[0]
    assert message in block
    assert not CallShift.objects.exists()
    htmx = client.post(_url("shift-create", campaign), {**_new(day), **change}, **HTMX)
    assert htmx.status_code == 200
    assert message in htmx.content.decode()


def test_counts_link_to_the_people_they_count(campaign, organizer, volunteer, client_for):
    shift = _shift(campaign)
    ShiftSignup.objects.create(shift=shift, user=volunteer, status=Status.NO_SHOW)
    ShiftSignup.objects.create(shift=shift, user=factories.user(full_name="Sam Signed"))
    client = client_for(organizer)
    page = client.get(_url("shift-manage", campaign)).content.decode()
    people_url = _url("shift-people", campaign, shift)
    assert f'<a href="{people_url}?status=no_show">1 did not come</a>' in page
    assert f'<a href="{people_url}?status=signed_up">1 signed up</a>' in page
    listed = client.get(people_url, {"status": "no_show"}).content.decode()
    assert volunteer.full_name in listed
    assert "Sam Signed" not in listed


def test_opening_the_shifts_page_sweeps_the_no_shows(campaign, organizer, volunteer, client_for):
    cache.clear()
    shift = _shift(campaign, in_hours=-1)
    ShiftSignup.objects.create(shift=shift, user=volunteer, updated_at=timezone.now() - dt.timedelta(hours=2))
    page = client_for(organizer).get(_url("shift-manage", campaign)).content.decode()
    assert shift.signups.get().status == Status.NO_SHOW
    assert "1 did not come" in page


def test_an_organizer_cancels_a_shift_to_come_but_not_one_under_way(campaign, organizer, client_for):
    coming, running = _shift(campaign), _shift(campaign, in_hours=-0.5)
    client = client_for(organizer)
    assert client.post(_url("shift-delete", campaign, coming)).status_code == 302
    response = client.post(_url("shift-delete", campaign, running), follow=True)
    assert "already started" in response.content.decode()
    assert list(CallShift.objects.values_list("pk", flat=True)) == [running.pk]


def test_a_volunteer_may_not_open_the_organizer_page(org_tree, campaign, client_for):
    same_team = factories.membership(org_tree.north, "volunteer").user
    assert client_for(same_team).get(_url("shift-manage", campaign)).status_code == 403
    assert client_for(same_team).get(_url("shift-list", campaign)).status_code == 200


def test_start_calling_on_the_phone_bank_page_checks_a_signed_up_caller_in(org_tree, personas, client_for):
    campaign = factories.campaign(org_tree.north, people=[], live=True)
    now = timezone.now()
    shift = CallShift.objects.create(campaign=campaign, starts_at=now - dt.timedelta(minutes=5),
                                     ends_at=now + dt.timedelta(hours=1))
    signup = ShiftSignup.objects.create(shift=shift, user=personas.volunteer)
    response = client_for(personas.volunteer).post(reverse("phonebank:calling-start", args=[campaign.pk]))
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == ShiftSignup.Status.ATTENDED
    assert shift.sessions.filter(caller=personas.volunteer).exists()
