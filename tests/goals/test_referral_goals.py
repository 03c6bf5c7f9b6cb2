"""A volunteer's referrals count toward their own goals (the events issue's last item): a friend who signs up
through the volunteer's share link moves the volunteer's personal "event referrals" goal and their My goals
page, and a signup without the link does not."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from groundswell.events.services_signups import Contact, share_link, signup_create
from groundswell.goals.rollups import rollups_refresh
from groundswell.goals.services import goal_create
from groundswell.orgs.access import Actor
from tests.events.helpers import make_event

ANON = Actor.for_user(AnonymousUser())


def test_a_friend_signing_up_through_the_link_moves_the_volunteers_goal(org_tree, personas, client_for):
    organizer = Actor.for_user(personas.organizer)
    today = timezone.localdate()
    goal_create(actor=organizer, team=org_tree.north_team, metric="event_referrals", start=today - dt.timedelta(1),
                end=today + dt.timedelta(days=30), target=3, member_id=personas.volunteer.pk)
    event = make_event(organizer, org_tree.north_team, capacity=10, days=3)
    link = share_link(event=event, user=personas.volunteer)
    shift = event.shifts.get()
    signup_create(actor=ANON, shift=shift, contact=Contact(first_name="Ana", email="ana@example.test"), ref=link.code,
                  notify=False)
    signup_create(actor=ANON, shift=shift, contact=Contact(first_name="Bo", email="bo@example.test"), notify=False)
    rollups_refresh(org=org_tree.org)
    page = client_for(personas.volunteer).get("/my/goals/")
    line = next(g for g in page.context["goals"] if g.goal.metric == "event_referrals")
    assert (line.actual, line.goal.target) == (1, 3)
