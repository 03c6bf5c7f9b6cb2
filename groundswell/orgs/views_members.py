"""Member pages: the list (with onboarding progress), adding someone, changing a role, removing a role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.accounts.services import user_get_or_invite
from groundswell.orgs import selectors, services
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.forms import MemberAddForm, MemberRoleForm
from groundswell.orgs.roles import Cap
from groundswell.orgs.views import add_errors


@login_required
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_MEMBERS)
    include_subteams = request.GET.get("subteams") == "1"
    onboarding_incomplete = request.GET.get("onboarding") == "incomplete"
    joined_this_week = request.GET.get("joined") == "week"
    members = selectors.member_list(
        actor=request.actor, team=team, include_subteams=include_subteams,
        onboarding_incomplete=onboarding_incomplete,
        joined_since=selectors.week_ago() if joined_this_week else None,
    )
    return render(request, "orgs/member_list.html", {
        "team": team,
        "include_subteams": include_subteams,
        "onboarding_incomplete": onboarding_incomplete,
        "joined_this_week": joined_this_week,
        "members": members,
        "can_manage": request.actor.can(Cap.MANAGE_MEMBERS, team),
        "roles": selectors.grantable_roles(actor=request.actor, team=team),
    })


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_MEMBERS)
    form = MemberAddForm(request.POST or None, roles=selectors.grantable_roles(actor=request.actor, team=team))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_get_or_invite(actor=request.actor, email=data["email"], full_name=data["full_name"])
            services.membership_grant(actor=request.actor, user=user, team=team, role=data["role"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{user} is now on {team.name}.")
            return redirect("orgs:member-list", team.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/member_add.html", {"team": team, "form": form}, status=status)


@require_POST
@login_required
def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_MEMBERS)
    membership = selectors.team_member_get(actor=request.actor, team=team, membership_id=membership_id)
    roles = selectors.grantable_roles(actor=request.actor, team=team)
    form = MemberRoleForm(request.POST, roles=roles)
    if form.is_valid():
        try:
            membership = services.membership_role_change(
                actor=request.actor, membership=membership, role=form.cleaned_data["role"])
        except ValidationError as error:
            add_errors(form, error)
    if not request.htmx:
        for error in form.errors.get("role", []) + form.non_field_errors():
            messages.error(request, f"{membership.user}: {error}")
        return redirect("orgs:member-list", team.slug)
    # htmx swaps only 2xx responses by default, so the row comes back as a 200 with its error.
    return render(request, "orgs/_member_row.html", {
        "team": team, "m": membership, "can_manage": True, "roles": roles, "form": form,
        "include_subteams": request.POST.get("subteams") == "1",  # keeps the row's columns in line with the table
    })


@require_POST
@login_required
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_MEMBERS)
    membership = selectors.team_member_get(actor=request.actor, team=team, membership_id=membership_id)
    services.membership_revoke(actor=request.actor, membership=membership)
    if not request.htmx:
        messages.success(request, f"{membership.user} was removed from {membership.team.name}.")
        return redirect("orgs:member-list", team.slug)
    return HttpResponse("")
