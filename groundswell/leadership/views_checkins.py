"""Check-ins: a team's roster with who is due, recording a check-in, and the team's cadence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.common.errors import NotFound
from groundswell.common.forms import add_service_errors
from groundswell.common.ids import parse_id
from groundswell.leadership.forms import CadenceForm, CheckInForm
from groundswell.leadership.selectors_checkins import cadence_days, checkin_roster, roster_member, team_check_ins
from groundswell.leadership.services_checkins import cadence_set, check_in_record
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap


@login_required
def check_ins_page(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.DEVELOP_LEADERS)
    return render(request, "leadership/check_ins.html", {
        "team": team, "roster": checkin_roster(request.actor, team), "zone": team.time_zone,
        "recent": team_check_ins(request.actor, team)[:30], "every_days": cadence_days(team),
        "cadence_form": CadenceForm(initial={"every_days": cadence_days(team)}),
        "may_set_cadence": request.actor.can(Cap.MANAGE_TEAM, team),
    })


@login_required
def check_in_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.DEVELOP_LEADERS)
    member = roster_member(team, parse_id(request.GET.get("member")) or 0)
    if member is None:  # not on this team's check-in list: as if there were no such person
        raise NotFound("member")
    with timezone.override(team.time_zone):
        form = CheckInForm(request.POST or None, initial={"held_at": timezone.now()})
        valid = request.method == "POST" and form.is_valid()
    if valid:
        try:
            check_in_record(actor=request.actor, team=team, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Check-in with {member.full_name} saved.")
            return redirect("leadership:check-ins", team.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "leadership/check_in_new.html", {"team": team, "member": member, "form": form,
                                                            "zone": team.time_zone}, status=status)


@login_required
@require_POST
def cadence_update(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.MANAGE_TEAM)
    form = CadenceForm(request.POST)
    if form.is_valid():
        try:
            cadence_set(actor=request.actor, team=team, every_days=form.cleaned_data["every_days"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Check-ins every {form.cleaned_data['every_days']} days.")
    else:
        messages.error(request, "Check in every 1 to 90 days.")
    return redirect("leadership:check-ins", team.slug)
