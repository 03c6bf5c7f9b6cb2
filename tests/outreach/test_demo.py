"""The demo's phone banks: a live Midwest campaign with a survey and calling history, a Chicago draft."""

import pytest
from django.utils import timezone

from groundswell.orgs.demo import demo_load
from groundswell.orgs.models import Team
from groundswell.outreach.demo import outreach_demo_load
from groundswell.outreach.models import Campaign, ContactAttempt
from groundswell.outreach.stats import campaign_stats


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DEMO_PARTS = ("people", "outreach")  # what these tests look at (the demo loads faster)


def test_the_demo_has_a_live_phone_bank_with_history_and_loads_once(db, settings):
    settings.DEMO_PEOPLE = 1500
    demo_load()
    live = Campaign.objects.get(name="Midwest GOTV calls")
    assert live.status == Campaign.Status.LIVE
    assert [q.key for q in live.questions.all()] == ["support", "plan", "volunteer"]
    stats = campaign_stats(live)
    assert stats.targets > 0
    assert stats.attempts == ContactAttempt.objects.filter(campaign=live).count() > 0
    assert Campaign.objects.get(name="Chicago phone bank").status == Campaign.Status.DRAFT
    shifts = list(live.call_shifts.all())
    assert len(shifts) == 3 and all(s.starts_at > timezone.now() for s in shifts)
    assert shifts[0].signups.get().user.email == "volunteer@example.org"
    org = Team.objects.get(pk=live.org_id)
    assert outreach_demo_load(org) == 2  # a second load writes nothing
    assert ContactAttempt.objects.filter(campaign=live).count() == stats.attempts
