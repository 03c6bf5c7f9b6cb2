"""Join links: make one, list them with their status, link and QR code, withdraw one."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from groundswell.orgs import selectors, services
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.forms import InvitationForm
from groundswell.orgs.roles import Cap
from groundswell.orgs.views import add_errors


def invitation_rows(request: HttpRequest, invitations) -> list[dict]:
    rows = []
    for invitation in invitations:
        status = selectors.invitation_status(invitation)
        link = request.build_absolute_uri(reverse("join:invitation", args=[invitation.token]))
        rows.append({
            "invitation": invitation, "status": status, "status_label": selectors.INVITATION_STATUS[status],
            "link": link, "qr_svg": segno.make(link, error="m").svg_inline(scale=3) if status == "active" else "",
        })
    return rows


@login_required
def invitation_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.INVITE)
    form = InvitationForm(request.POST or None, roles=selectors.grantable_roles(actor=request.actor, team=team))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invitation_create(
                actor=request.actor, team=team, role=data["role"], email=data["email"],
                expires_at=data["expires_at"], max_uses=data["max_uses"], note=data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your join link is ready: copy it or show the QR code.")
            return redirect("orgs:invitation-list", team.slug)
    invitations = selectors.invitation_list(actor=request.actor, team=team)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/invitation_list.html", {
        "team": team, "form": form, "rows": invitation_rows(request, invitations),
    }, status=status)


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.INVITE)
    invitation = selectors.team_invitation_get(actor=request.actor, team=team, invitation_id=invitation_id)
    if invitation.revoked_at is None:
        services.invitation_revoke(actor=request.actor, invitation=invitation)
    messages.success(request, "The link was withdrawn: nobody new can join with it.")
    return redirect("orgs:invitation-list", team.slug)
