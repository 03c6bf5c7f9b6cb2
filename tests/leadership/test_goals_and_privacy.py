"""Leadership in the goals (one-on-ones held and commitments kept roll up the tree, each count opens its rows,
overdue commitments need attention) and in a person's privacy rights (subject access, erasure, merge)."""

import datetime as dt

from django.utils import timezone

from groundswell.goals.rollups import rollups_rebuild
from groundswell.leadership.models import Commitment, LadderPlacement, OneOnOne
from groundswell.leadership.services_ladder import person_place
from groundswell.leadership.services_one_on_ones import Record, commitment_resolve, one_on_one_log
from groundswell.people.dedupe_merge import person_merge
from groundswell.people.privacy import person_erase, person_subject_access
from tests import factories
from tests.conftest import actor_for


def hold(actor, team, person, **record):
    return one_on_one_log(actor=actor, team=team, person=person, record=Record(held_at=timezone.now(), **record))


def total(page, key):
    return next(line.total for line in page.context["board"].metrics if line.metric.key == key)


def test_one_on_ones_and_kept_commitments_roll_up_to_the_dashboard(org_tree, personas, client_for, organizer, val):
    meeting = hold(organizer, org_tree.north_team, val, commitment="Host a house party",
                   commitment_due=dt.date.today())
    hold(organizer, org_tree.north_chapter, factories.person(org_tree.north_chapter))
    commitment_resolve(actor=organizer, commitment=meeting.commitments.get(), kept=True)
    rollups_rebuild(org=org_tree.org)
    client = client_for(personas.organizer)
    page = client.get(f"/teams/{org_tree.north.slug}/dashboard/")
    assert (total(page, "one_on_ones"), total(page, "commitments_kept")) == (2, 1)
    assert total(client.get(f"/teams/{org_tree.north_team.slug}/dashboard/"), "one_on_ones") == 1
    rows = client.get(f"/teams/{org_tree.north.slug}/dashboard/rows/one_on_ones/")
    assert rows.context["tables"][0]["count"] == 2
    assert total(client_for(personas.admin).get(f"/teams/{org_tree.south.slug}/dashboard/"), "one_on_ones") == 0


def test_overdue_commitments_need_attention_on_the_dashboard(org_tree, personas, client_for, organizer, val):
    meeting = hold(organizer, org_tree.north_team, val, commitment="Recruit three friends",
                   commitment_due=dt.date.today())
    Commitment.objects.filter(one_on_one=meeting).update(due=dt.date.today() - dt.timedelta(days=3))
    page = client_for(personas.organizer).get(f"/teams/{org_tree.north.slug}/dashboard/")
    attention = dict(page.context["board"].attention)
    assert "Recruit three friends" in " ".join(attention["Overdue commitments"])
    analyst = client_for(personas.analyst).get(f"/teams/{org_tree.north.slug}/dashboard/")
    lines = dict(analyst.context["board"].attention)["Overdue commitments"]
    assert lines == ["1 overdue commitment"]  # counted, not named, for those who do not develop leaders


def test_subject_access_erasure_and_merge(org_tree, personas, organizer, val, stages):
    steward = actor_for(personas.admin)
    person_place(actor=organizer, person=val, team=org_tree.north_team, stage=stages["Leader"])
    meeting = hold(organizer, org_tree.north_team, val, exploration="Her story", values=["faith"],
                   commitment="Lead a team", commitment_due=dt.date.today())
    commitment_resolve(actor=organizer, commitment=meeting.commitments.get(), kept=True)
    section = person_subject_access(actor=steward, person=val)["leadership"]
    assert section["one_on_ones"][0]["exploration"] == "Her story"
    assert section["ladder"][0]["stage"] == "Leader" and section["commitments"][0]["what"] == "Lead a team"

    twin = factories.person(org_tree.north_team, first_name="Val")
    hold(organizer, org_tree.north_team, twin, exploration="Twin's story")
    person_place(actor=organizer, person=twin, team=org_tree.north_team, stage=stages["Supporter"])
    kept = person_merge(actor=steward, keep=val, other=twin)
    assert OneOnOne.objects.filter(person=kept).count() == 2
    assert LadderPlacement.objects.get(person=kept).stage.name == "Leader"  # the kept record's place wins

    person_erase(actor=steward, person=kept, reason="asked to be forgotten")
    assert OneOnOne.objects.count() == 2  # still counted ...
    assert not OneOnOne.objects.exclude(exploration="").exists()  # ... but nothing written about her stays
    assert Commitment.objects.get().what == "(erased)" and Commitment.objects.get().status == "kept"
    assert not LadderPlacement.objects.exists()
