"""The demo's events: upcoming and past ones across the chapters, with shifts, signups, referrals,
attendance and follow-ups, and the demo logins' own (a canvass the volunteer signed up for and brought friends
to, the volunteer's house party waiting for approval)."""

from django.db.models import F
from django.utils import timezone

from groundswell.events.demo import events_demo_load
from groundswell.events.models import Event, FollowUp, Signup
from groundswell.orgs.demo import demo_load
from groundswell.orgs.models import Team


def test_demo_has_events_with_signups_referrals_and_attendance(db, settings):
    settings.DEMO_PARTS = ("events",)
    demo_load()
    events = Event.objects.all()
    assert events.count() >= 30
    assert events.filter(shifts__starts_at__gt=timezone.now()).distinct().count() >= 20
    assert events.filter(shifts__ends_at__lt=timezone.now()).distinct().count() >= 15
    assert Signup.objects.filter(attendance="attended").exists()
    assert Signup.objects.filter(attendance="no_show").exists()
    assert FollowUp.objects.filter(done_at__isnull=True).exists()
    canvass = Event.objects.get(title="Lincoln Park Saturday canvass")
    assert canvass.signups.filter(user__email="volunteer@example.org").exists()
    assert canvass.signups.filter(referrer__email="volunteer@example.org").count() >= 2
    assert Event.objects.get(title__startswith="House party").status == Event.Status.PENDING
    assert Signup.objects.filter(status="waitlisted").exists()
    days = {signup.created_at.date() for signup in Signup.objects.all()}
    assert len(days) >= 10  # made over weeks, so the dashboard's charts show a history, not one jump
    assert not Signup.objects.filter(created_at__gt=F("shift__starts_at")).exists()
    assert not Signup.objects.filter(checked_in_at__lt=F("shift__starts_at")).exists()
    before = Event.objects.count()
    assert events_demo_load(Team.objects.get(depth=1)) == before  # a second load adds nothing
