"""The supervisor's live view: who is calling now, numbers per caller, results, survey tallies and pace; pausing,
resuming and messaging a caller, scoped to the campaign the supervisor may watch."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.orgs.access import Actor
from groundswell.outreach.models import ContactAttempt, Question, Target
from groundswell.phonebank.models import CallingSession
from groundswell.phonebank.sessions import session_start
from tests import factories


@pytest.fixture
def campaign(org_tree):
    team = org_tree.north_team
    people = [factories.person(team, phones=[f"+1312555{i:04d}"], time_zone="America/Chicago") for i in range(6)]
    record = factories.campaign(team, people=people, live=True, name="Weekend calls")
    Question.objects.create(campaign=record, key="support", prompt="Will you vote?", position=1,
                            choices=[{"value": "yes", "label": "Yes", "next": None},
                                     {"value": "no", "label": "No", "next": None}])
    return record


def caller(team, name: str):
    user = factories.user(full_name=name)
    factories.membership(team, "volunteer", user_obj=user)
    return user


def attempt(campaign, user, result: str, seconds: int, answers: dict | None = None, ago_minutes: int = 5):
    target = Target.objects.filter(campaign=campaign, done=False, attempts=0).order_by("id").first()
    Target.objects.filter(pk=target.pk).update(attempts=1, done=result == "contacted")
    return ContactAttempt.objects.create(
        org=campaign.org, campaign=campaign, target=target, person=target.person, caller=user, channel="call",
        result=result, answers=answers or {}, duration_seconds=seconds, client_uuid=uuid.uuid4(),
        created_at=timezone.now() - dt.timedelta(minutes=ago_minutes))


@pytest.fixture
def calling(campaign, org_tree):
    """Two callers at work: Cara reached one of two, Dev got no answer once; Eve went quiet long ago."""
    cara, dev, eve = (caller(org_tree.north_team, n) for n in ("Cara Caller", "Dev Dialer", "Eve Early"))
    sessions = {user.full_name: session_start(actor=Actor.for_user(user), campaign=campaign) for user in (cara, dev)}
    quiet = session_start(actor=Actor.for_user(eve), campaign=campaign,
                          now=timezone.now() - dt.timedelta(minutes=30))
    attempt(campaign, cara, "contacted", 120, {"support": "yes"})
    attempt(campaign, cara, "no_answer", 20)
    attempt(campaign, dev, "no_answer", 40)
    return sessions, quiet


def test_the_page_shows_who_is_calling_and_how_it_goes(campaign, calling, personas, client_for):
    response = client_for(personas.leader).get(reverse("phonebank:supervisor", args=[campaign.pk]))
    assert response.status_code == 200
    text = response.text
    assert "Cara Caller" in text and "Dev Dialer" in text
    assert "Eve Early" not in text  # her session went quiet 30 minutes ago
    assert 'data-stat="live">2<' in text
    attempts = reverse("outreach:campaign-attempts", args=[campaign.pk])
    assert f'data-stat="attempts"><a href="{attempts}">3<' in text
    assert f'data-stat="contact-rate"><a href="{attempts}?reached=1">33%<' in text
    # 5 targets still to finish (one reached) at 3 calls in the last hour: 1.7 hours.
    assert f'href="{reverse("outreach:campaign-queue", args=[campaign.pk])}">5<' in text
    assert 'data-stat="pace">3<' in text and 'data-stat="hours-left">1.7<' in text
    assert 'data-result="contacted"' in text and f'href="{attempts}?result=no_answer">2<' in text
    assert 'data-result="busy"' not in text
    assert "Will you vote?" in text


def test_each_caller_has_their_calls_reached_and_average_duration(campaign, calling, personas, client_for):
    sessions, _ = calling
    response = client_for(personas.organizer).get(reverse("phonebank:supervisor-live", args=[campaign.pk]))
    text = response.text
    cara = text.split(f'data-session="{sessions["Cara Caller"].pk}"')[1].split('data-session="')[0]
    assert "<strong>2</strong> calls" in cara and "<strong>1</strong> reached" in cara and "70 s" in cara


def test_the_live_part_polls_every_five_seconds(campaign, personas, client_for):
    response = client_for(personas.leader).get(reverse("phonebank:supervisor-live", args=[campaign.pk]),
                                               HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'hx-trigger="every 5s' in response.text
    assert f'hx-get="{reverse("phonebank:supervisor-live", args=[campaign.pk])}"' in response.text
    assert "<html" not in response.text


def test_pausing_a_caller_frees_their_contacts_and_tells_them_why(campaign, calling, personas, client_for):
    sessions, _ = calling
    cara = sessions["Cara Caller"]
    held = Target.objects.filter(campaign=campaign, done=False).first()
    Target.objects.filter(pk=held.pk).update(claimed_by=cara.caller, claimed_until=timezone.now()
                                             + dt.timedelta(minutes=5))
    response = client_for(personas.leader).post(
        reverse("phonebank:caller-pause", args=[campaign.pk, cara.pk]), {"message": "Break time"},
        HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Paused Cara Caller" in response.text and "badge-paused" in response.text
    cara.refresh_from_db()
    assert cara.paused_at is not None and cara.message == "Break time"
    held.refresh_from_db()
    assert held.claimed_by is None


def test_resuming_and_messaging_a_caller(campaign, calling, personas, client_for):
    sessions, _ = calling
    dev = sessions["Dev Dialer"]
    client = client_for(personas.organizer)
    client.post(reverse("phonebank:caller-pause", args=[campaign.pk, dev.pk]))
    response = client.post(reverse("phonebank:caller-resume", args=[campaign.pk, dev.pk]))
    assert response.status_code == 302
    dev.refresh_from_db()
    assert dev.paused_at is None
    response = client.post(reverse("phonebank:caller-message", args=[campaign.pk, dev.pk]),
                           {"message": "  Great pace!  "}, follow=True)
    assert "Message sent to Dev Dialer." in response.text
    dev.refresh_from_db()
    assert dev.message == "Great pace!"


def test_an_empty_message_is_refused_and_changes_nothing(campaign, calling, personas, client_for):
    sessions, _ = calling
    dev = sessions["Dev Dialer"]
    response = client_for(personas.leader).post(reverse("phonebank:caller-message", args=[campaign.pk, dev.pk]),
                                                {"message": "   "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Write a message first." in response.text
    dev.refresh_from_db()
    assert dev.message == ""


def test_a_session_of_another_campaign_is_not_found_through_this_one(campaign, org_tree, personas, client_for):
    other = factories.campaign(org_tree.south_team, live=True)
    stranger = CallingSession.objects.create(campaign=other, caller=factories.user())
    response = client_for(personas.admin).post(
        reverse("phonebank:caller-pause", args=[campaign.pk, stranger.pk]), {"message": "gotcha"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.paused_at is None


def test_a_supervisor_of_one_branch_cannot_see_another(org_tree, personas, client_for):
    south = factories.campaign(org_tree.south_team, live=True)
    response = client_for(personas.organizer).get(reverse("phonebank:supervisor", args=[south.pk]))
    assert response.status_code == 404


def test_volunteers_and_analysts_may_not_supervise(campaign, calling, personas, client_for):
    sessions, _ = calling
    for user in (personas.volunteer, personas.analyst):
        client = client_for(user)
        assert client.get(reverse("phonebank:supervisor", args=[campaign.pk])).status_code == 403
        pause = reverse("phonebank:caller-pause", args=[campaign.pk, sessions["Cara Caller"].pk])
        assert client.post(pause).status_code == 403
    sessions["Cara Caller"].refresh_from_db()
    assert sessions["Cara Caller"].paused_at is None


def test_a_paused_campaign_says_callers_get_nothing_new(campaign, personas, client_for):
    campaign.status = "paused"
    campaign.save(update_fields=["status"])
    response = client_for(personas.leader).get(reverse("phonebank:supervisor", args=[campaign.pk]))
    assert "This campaign is paused" in response.text
    assert "Nobody is calling right now." in response.text


def test_every_count_links_to_the_calls_it_counts(campaign, calling, personas, client_for):
    sessions, _ = calling
    cara = sessions["Cara Caller"].caller
    client = client_for(personas.leader)
    url = reverse("outreach:campaign-attempts", args=[campaign.pk])
    page = client.get(reverse("phonebank:supervisor", args=[campaign.pk])).text
    assert f'href="{url}?caller={cara.pk}"><strong>2</strong> calls' in page
    assert f'href="{url}?caller={cara.pk}&amp;reached=1"><strong>1</strong> reached' in page

    def rows(query: str) -> int:
        response = client.get(url + query)
        assert response.status_code == 200
        return response.text.count("data-attempt=")

    assert rows("") == 3
    assert rows(f"?caller={cara.pk}") == 2
    assert rows(f"?caller={cara.pk}&reached=1") == 1
    assert rows("?result=no_answer") == 2
    assert rows("?reached=1") == 1
    assert rows("?caller=nobody") == 3  # a caller id that is not a number filters nothing, and does not fail


def test_calls_of_another_campaign_are_not_listed(campaign, calling, org_tree, personas, client_for):
    other = factories.campaign(org_tree.north_team, people=[factories.person(org_tree.north_team,
                                                                             phones=["+13125559999"])], live=True)
    attempt(other, personas.leader, "contacted", 30)
    response = client_for(personas.leader).get(reverse("outreach:campaign-attempts", args=[campaign.pk]))
    assert response.text.count("data-attempt=") == 3


def test_when_nobody_can_be_called_now_it_says_why_and_links_them(campaign, personas, client_for):
    Target.objects.filter(campaign=campaign).update(next_attempt_at=timezone.now() + dt.timedelta(hours=2))
    response = client_for(personas.leader).get(reverse("phonebank:supervisor", args=[campaign.pk]))
    assert "Nobody can be called at this moment" in response.text
    link = reverse("outreach:campaign-queue-reason", args=[campaign.pk, "cooling_down"])
    assert f'<a href="{link}">6 waiting before the next try</a>' in response.text
