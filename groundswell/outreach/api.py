"""/api/v1/outreach/… and /api/v1/attempts: the calling screen's API (claim, release, attempts, stats).

Callers (MAKE_CONTACTS on the campaign's team, below or above theirs) list, read, claim, release and record;
supervisors (SUPERVISE_OUTREACH) read the stats. A campaign outside the caller's reach is 404."""

from ninja import Router

from groundswell.common.pagination import PageQuery, paginate
from groundswell.common.schemas import ERRORS, ErrorOut, PageOut
from groundswell.orgs.roles import Cap
from groundswell.outreach import claims, contacts, selectors
from groundswell.outreach.attempts import AttemptConflict, record_attempt
from groundswell.outreach.models import Campaign, Target
from groundswell.outreach.schemas import (
    AttemptConflictOut,
    AttemptIn,
    AttemptOut,
    CampaignDetailOut,
    CampaignOut,
    ClaimOut,
    ReleaseIn,
    ReleaseOut,
    StatsOut,
)
from groundswell.outreach.stats import campaign_stats

router = Router(tags=["outreach"])

CONFLICT = {409: ErrorOut}


def _campaign_out(campaign: Campaign) -> dict:
    return {name: getattr(campaign, name) for name in CampaignOut.model_fields if name != "team_name"} | {
        "team_name": campaign.team.name}


@router.get("/outreach", response={200: PageOut[CampaignOut], **ERRORS})
def outreach_list(request, params: PageQuery):
    page = paginate(selectors.workable_campaigns(request.actor), params)
    return page | {"items": [_campaign_out(c) for c in page["items"]]}


@router.get("/outreach/{campaign_id}", response={200: CampaignDetailOut, **ERRORS})
def outreach_get(request, campaign_id: int):
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    detail = {name: getattr(campaign, name) for name in CampaignDetailOut.model_fields
              if name not in {"team_name", "questions", "result_codes"}}
    return detail | {
        "team_name": campaign.team.name,
        "questions": selectors.questions(campaign),
        "result_codes": [{"code": c.code, "label": c.label, "category": c.category, "final": c.final}
                         for c in selectors.result_codes(campaign)],
    }


def _claim_out(request, campaign: Campaign, target: Target) -> dict:
    return {
        "target_id": target.pk,
        "person": target.person,
        "phone": contacts.number_to_dial(target.person_id, campaign.channel),
        "script": contacts.script_for(campaign, target.person, request.actor.user),
        "claimed_until": target.claimed_until,
    }


@router.post("/outreach/{campaign_id}/claim", response={200: ClaimOut, 204: None, **CONFLICT, **ERRORS})
def outreach_claim(request, campaign_id: int):
    """The next contact for the caller, held for them; 204 when nobody may be called now (outside every
    contact's calling window, or everyone done); 409 when the campaign is not live or the caller is at their cap.
    With "finish your open ones first" a caller who already holds a contact gets that one back."""
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    target = claims.claim_next(actor=request.actor, campaign=campaign)
    if target is None:
        return 204, None
    return 200, _claim_out(request, campaign, target)


@router.post("/outreach/{campaign_id}/release", response={200: ReleaseOut, **ERRORS})
def outreach_release(request, campaign_id: int, payload: ReleaseIn | None = None):
    """Give back one held contact (skip) or all of them (leaving); they return to the queue at once."""
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    target_id = payload.target_id if payload is not None else None
    return {"released": claims.release(actor=request.actor, campaign=campaign, target_id=target_id)}


@router.post("/attempts", response={200: AttemptOut, 201: AttemptOut, 409: AttemptConflictOut, **ERRORS})
def attempts_create(request, payload: AttemptIn):
    """Record one attempt. 201 when stored; 200 with the stored attempt when this `client_uuid` was already
    posted (a retry); 409 when another caller holds the contact now: the attempt is kept, not applied, and its
    answers and notes are copied to the person's notes. An unknown result or survey answer is a 422 naming it."""
    campaign = selectors.get_campaign_to_work(request.actor, payload.campaign_id)
    try:
        attempt, created = record_attempt(actor=request.actor, campaign=campaign,
                                          **payload.model_dump(exclude={"campaign_id"}))
    except AttemptConflict as exc:
        return 409, {"detail": str(exc), "attempt_id": exc.attempt.pk}
    return (201 if created else 200), attempt


@router.get("/outreach/{campaign_id}/stats", response={200: StatsOut, **ERRORS})
def outreach_stats(request, campaign_id: int):
    campaign = selectors.get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    stats = campaign_stats(campaign)
    return {
        **{name: getattr(stats, name) for name in StatsOut.model_fields
           if name not in {"results", "callers", "survey"}},
        "results": [{"code": c.code, "label": c.label, "category": c.category, "count": n} for c, n in stats.results],
        "callers": stats.callers,
        "survey": [{"key": q.key, "prompt": q.prompt, "tallies": [{"label": label, "count": n} for label, n in tallies]}
                   for q, tallies in stats.survey],
    }
