"""Reads of campaigns, scoped. Two kinds of reader:

- people who run or watch a campaign (EDIT_SCRIPTS / SUPERVISE_OUTREACH on its team's subtree), and
- callers (MAKE_CONTACTS), who may work on a live campaign of their own team, one below it, or one above it
  (access.reachable_teams) and see only the contacts handed to them.
"""

from django.db.models import QuerySet

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.orgs.access import Actor, reachable_teams, scoped
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.outreach.models import Campaign, ContactAttempt, Question, ResultCode, Target
from groundswell.outreach.result_codes import ensure_result_codes


def campaigns_for(actor: Actor, cap: Cap = Cap.SUPERVISE_OUTREACH) -> QuerySet[Campaign]:
    """Campaigns of teams where the actor holds `cap` (and below)."""
    return scoped(Campaign.objects.select_related("team", "people_list"), actor, cap=cap)


def get_campaign_for(actor: Actor, campaign_id: int, cap: Cap = Cap.SUPERVISE_OUTREACH) -> Campaign:
    """A campaign the actor can see (else NotFound) on which they may do `cap` (else PermissionDenied)."""
    campaign = scoped(Campaign.objects.select_related("team", "org", "people_list"), actor, cap=Cap.VIEW_TEAM)
    campaign = campaign.filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFound("campaign")
    if not actor.can(cap, campaign.team):
        raise PermissionDenied(f"you may not {cap.value.replace('_', ' ')} for this campaign")
    return campaign


def workable_campaigns(actor: Actor) -> QuerySet[Campaign]:
    """Live campaigns the actor may make contacts for: their teams', below, and above them in their branch."""
    teams = reachable_teams(actor, Cap.MAKE_CONTACTS)
    return Campaign.objects.select_related("team").filter(team__in=teams, status=Campaign.Status.LIVE)


def get_campaign_to_work(actor: Actor, campaign_id: int) -> Campaign:
    """A campaign the actor may make contacts for, whatever its status (the page says when it is paused).
    NotFound when it is outside their branch, PermissionDenied when they see it but may not contact."""
    teams = reachable_teams(actor, Cap.MAKE_CONTACTS)
    campaign = Campaign.objects.select_related("team", "org", "people_list").filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFound("campaign")
    if not teams.filter(pk=campaign.team_id).exists():
        if scoped(Campaign.objects.filter(pk=campaign_id), actor, cap=Cap.VIEW_TEAM).exists():
            raise PermissionDenied("you may not make contacts for this campaign")
        raise NotFound("campaign")
    return campaign


def questions(campaign: Campaign) -> list[Question]:
    return list(campaign.questions.all())


def result_codes(campaign: Campaign) -> list[ResultCode]:
    return ensure_result_codes(campaign.org)


def held_targets(campaign: Campaign, user_id: int, now) -> QuerySet[Target]:
    """Targets of `campaign` the user holds now, oldest claim first."""
    return Target.objects.filter(campaign=campaign, claimed_by_id=user_id, claimed_until__gt=now,
                                 done=False).order_by("claimed_at", "id")


def get_held_target(actor: Actor, campaign: Campaign, target_id: int, now) -> Target:
    """A target the actor holds now (a volunteer sees only what was handed to them)."""
    target = held_targets(campaign, actor.user_id, now).select_related("person").filter(pk=target_id).first()
    if target is None:
        raise NotFound("contact")
    return target


def my_attempts(actor: Actor, campaign: Campaign) -> QuerySet[ContactAttempt]:
    return ContactAttempt.objects.filter(campaign=campaign, caller_id=actor.user_id)


def org_attempts(org: Team, *, channel: str | None = None, reached: bool = False) -> QuerySet[ContactAttempt]:
    """Every applied contact attempt of an organization (for goal rollups; callers scope what they show):
    optionally one channel, or only those whose result code counts as reaching the person."""
    attempts = ContactAttempt.objects.filter(org=org, applied=True)
    if channel:
        attempts = attempts.filter(channel=channel)
    if reached:
        codes = ResultCode.objects.filter(org=org, category=ResultCode.Category.REACHED).values("code")
        attempts = attempts.filter(result__in=codes)
    return attempts
