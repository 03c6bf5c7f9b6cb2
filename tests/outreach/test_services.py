"""Building a campaign: field-level errors, going live (and why not), pausing, keeping targets in step."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from groundswell.orgs.access import Actor
from groundswell.outreach import services
from groundswell.outreach.models import Campaign, Target
from groundswell.outreach.scripts import render
from groundswell.people.models import ListMember
from tests import factories


@pytest.fixture
def organizer(org_tree):
    return Actor.for_user(factories.membership(org_tree.north, "organizer").user)


def test_create_checks_script_window_and_list(org_tree, organizer):
    foreign = factories.people_list(org_tree.south)
    with pytest.raises(ValidationError) as err:
        services.campaign_create(actor=organizer, team=org_tree.north, name="", script="Hi {frist_name}",
                                 window_start=dt.time(8), people_list=foreign)
    assert {"name", "script", "window_start", "people_list"} <= set(err.value.message_dict)
    assert "{frist_name}" in err.value.message_dict["script"][0]
    with pytest.raises(ValidationError) as late:
        services.campaign_create(actor=organizer, team=org_tree.north, name="Late", window_end=dt.time(22))
    assert "window_end" in late.value.message_dict
    assert not Campaign.objects.exists()


def test_a_campaign_without_script_or_people_cannot_go_live(org_tree, organizer):
    empty = factories.people_list(org_tree.north, kind="static")
    campaign = services.campaign_create(actor=organizer, team=org_tree.north, name="GOTV", people_list=empty)
    with pytest.raises(ValidationError) as no_script:
        services.campaign_go_live(actor=organizer, campaign=campaign)
    assert "script" in no_script.value.message_dict
    services.campaign_update(actor=organizer, campaign=campaign, script="Hi {first_name}!")
    with pytest.raises(ValidationError) as no_people:
        services.campaign_go_live(actor=organizer, campaign=campaign)
    assert "nobody" in no_people.value.message_dict["people_list"][0]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


def test_go_live_makes_targets_and_pause_frees_claims(org_tree, organizer):
    people = [factories.person(org_tree.north_chapter) for _ in range(3)]
    source = factories.people_list(org_tree.north, kind="static")
    ListMember.objects.bulk_create([ListMember(list=source, person=p) for p in people])
    campaign = services.campaign_create(actor=organizer, team=org_tree.north, name="GOTV", script="Hi",
                                        people_list=source)
    assert services.campaign_go_live(actor=organizer, campaign=campaign) == 3
    assert services.campaign_go_live(actor=organizer, campaign=campaign) == 0  # resuming adds no duplicates
    Target.objects.filter(campaign=campaign).update(claimed_by=organizer.user)
    services.campaign_set_status(actor=organizer, campaign=campaign, status=Campaign.Status.PAUSED)
    assert not Target.objects.filter(claimed_by__isnull=False).exists()
    with pytest.raises(ValidationError):
        services.campaign_set_status(actor=organizer, campaign=campaign, status=Campaign.Status.LIVE)


def test_a_dynamic_list_feeds_the_campaign(org_tree, organizer):
    dem = factories.person(org_tree.north_team, party="DEM")
    factories.person(org_tree.north_team, party="REP")
    outside = factories.person(org_tree.south_team, party="DEM")
    source = factories.people_list(org_tree.north, filters={"party": ["DEM"]})
    campaign = services.campaign_create(actor=organizer, team=org_tree.north, name="Dems", script="Hi",
                                        people_list=source)
    services.campaign_go_live(actor=organizer, campaign=campaign)
    assert list(Target.objects.filter(campaign=campaign).values_list("person_id", flat=True)) == [dem.pk]
    assert outside.pk not in Target.objects.values_list("person_id", flat=True)


def test_questions_validate_keys_choices_and_branches(org_tree, organizer):
    campaign = factories.campaign(org_tree.north)
    q1 = services.question_save(actor=organizer, campaign=campaign, key="support", prompt="Support?",
                                kind="single", choices=["yes", "no"])
    with pytest.raises(ValidationError) as dup:
        services.question_save(actor=organizer, campaign=campaign, key="support", prompt="Again", kind="text")
    assert "key" in dup.value.message_dict
    with pytest.raises(ValidationError) as nowhere:
        services.question_save(actor=organizer, campaign=campaign, key="why", prompt="Why?", kind="single",
                               choices=[{"value": "a", "next": 9}])
    assert "choices" in nowhere.value.message_dict
    q2 = services.question_save(actor=organizer, campaign=campaign, key="why", prompt="Why?", kind="single",
                                choices=[{"value": "a", "next": q1.position}, {"value": "b"}])
    assert q2.choices == [{"value": "a", "label": "a", "next": q1.position}, {"value": "b", "label": "b",
                                                                              "next": None}]


def test_merge_fields_render_and_missing_values_are_blank():
    script = "Hi {first_name}, I'm {volunteer_first_name} from {team_name}. {literal}"
    assert render(script, {"first_name": "Ana", "team_name": "North"}) == "Hi Ana, I'm  from North. {literal}"
