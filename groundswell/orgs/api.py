from django.conf import settings
from django.urls import reverse
from ninja import Router

from groundswell.accounts.services import user_get_or_invite
from groundswell.common.errors import PermissionDenied
from groundswell.common.pagination import PageQuery, paginate
from groundswell.common.schemas import ERRORS, PageOut
from groundswell.orgs.access import get_team_for
from groundswell.orgs.models import Invitation, Membership, Team
from groundswell.orgs.roles import Cap
from groundswell.orgs.schemas import (
    InvitationCreateIn,
    InvitationOut,
    MemberAddIn,
    MemberOut,
    TeamCreateIn,
    TeamOut,
)
from groundswell.orgs.selectors import member_list, team_list, team_parent_ids
from groundswell.orgs.services import invitation_create, membership_grant, team_create

router = Router(tags=["teams"])


def _team_out(team: Team, actor, parent_ids: dict[str, int] | None = None) -> dict:
    parent_path = team.path[: -Team.steplen]
    if parent_ids is None:
        parent_ids = team_parent_ids(actor=actor, teams=[team])
    data = {name: getattr(team, name) for name in TeamOut.model_fields if name != "parent_id"}
    return {**data, "parent_id": parent_ids.get(parent_path)}


def _teams_out(teams: list[Team], actor) -> list[dict]:
    """Serialize a page of teams with one query for all their parents' ids."""
    parent_ids = team_parent_ids(actor=actor, teams=teams)
    return [_team_out(t, actor, parent_ids) for t in teams]


def _member_out(m: Membership) -> dict:
    return {
        "id": m.pk, "user_id": m.user_id, "full_name": m.user.full_name, "email": m.user.email,
        "team_id": m.team_id, "role": m.role, "recruited_by_id": m.recruited_by_id,
        "created_at": m.created_at, "onboarding_steps_done": m.onboarding_steps_done,
    }


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("join:invitation", args=[invitation.token])


@router.get("/teams", response={200: PageOut[TeamOut], **ERRORS})
def teams_list(request, params: PageQuery):
    page = paginate(team_list(actor=request.actor), params)
    page["items"] = _teams_out(page["items"], request.actor)
    return page


@router.post("/teams", response={201: TeamOut, **ERRORS})
def teams_create(request, payload: TeamCreateIn):
    parent = get_team_for(request.actor, payload.parent_id, Cap.MANAGE_TEAM)
    data = payload.model_dump(exclude={"parent_id"}, exclude_none=True)
    team = team_create(actor=request.actor, parent=parent, **data)
    return 201, _team_out(team, request.actor)


@router.get("/teams/{team_id}", response={200: TeamOut, **ERRORS})
def teams_get(request, team_id: int):
    return _team_out(get_team_for(request.actor, team_id), request.actor)


@router.get("/teams/{team_id}/members", response={200: PageOut[MemberOut], **ERRORS})
def members_list(request, team_id: int, params: PageQuery):
    team = get_team_for(request.actor, team_id, Cap.VIEW_MEMBERS)
    page = paginate(member_list(actor=request.actor, team=team), params)
    page["items"] = [_member_out(m) for m in page["items"]]
    return page


@router.post("/teams/{team_id}/members", response={201: MemberOut, **ERRORS})
def members_add(request, team_id: int, payload: MemberAddIn):
    team = get_team_for(request.actor, team_id, Cap.MANAGE_MEMBERS)
    if not request.actor.may_grant(payload.role, team):
        raise PermissionDenied(f"you may not make people {payload.role} on this team")
    user = user_get_or_invite(actor=request.actor, email=payload.email, full_name=payload.full_name)
    membership = membership_grant(
        actor=request.actor, user=user, team=team, role=payload.role, recruited_by=request.actor.user
    )
    return 201, _member_out(membership)


@router.post("/teams/{team_id}/invitations", response={201: InvitationOut, **ERRORS})
def invitations_create(request, team_id: int, payload: InvitationCreateIn):
    team = get_team_for(request.actor, team_id, Cap.INVITE)
    invitation = invitation_create(
        actor=request.actor, team=team, role=payload.role, email=payload.email or "",
        expires_at=payload.expires_at, max_uses=payload.max_uses, note=payload.note,
    )
    return 201, {
        "id": invitation.pk, "team_id": team.pk, "role": invitation.role, "email": invitation.email,
        "url": invitation_url(invitation), "expires_at": invitation.expires_at,
        "max_uses": invitation.max_uses, "use_count": invitation.use_count,
    }
