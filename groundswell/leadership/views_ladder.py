"""The leadership ladder: a team's pipeline, placing and moving people, a person's leadership page, and the
organization's stages (thin: access → parse → one service or selector → render)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.common.errors import NotFound, PermissionDenied
from groundswell.common.ids import parse_id
from groundswell.leadership import selectors
from groundswell.leadership.access import get_developable_person, leader_teams
from groundswell.leadership.forms import MoveForm, StageForm
from groundswell.leadership.services_ladder import person_place, stage_create, stage_delete, stage_update
from groundswell.leadership.subjects import subject_for
from groundswell.orgs.access import get_team_by_slug_for, get_team_for
from groundswell.orgs.roles import Cap
from groundswell.people.services import org_of


@login_required
def pipeline_page(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.DEVELOP_LEADERS)
    board = selectors.pipeline(team)
    stages = [column.stage for column in board.columns]
    for membership in board.unplaced:
        membership.suggested_stage_id = getattr(selectors.stage_for_role(stages, membership.role), "pk", None)
    return render(request, "leadership/pipeline.html", {
        "team": team, "board": board, "stages": stages,
        "may_edit_stages": request.actor.can(Cap.MANAGE_TEAM, org_of(team)),
    })


@login_required
@require_POST
def place_member(request: HttpRequest, slug: str) -> HttpResponse:
    """Put a member of the team's subtree who was never placed on the ladder."""
    team = get_team_by_slug_for(request.actor, slug, Cap.DEVELOP_LEADERS)
    stage = selectors.org_stage(org_of(team), parse_id(request.POST.get("stage")))
    try:
        if stage is None:
            raise ValidationError("Choose a stage.")
        person = subject_for(request.actor, team, member_id=parse_id(request.POST.get("member")))
        person_place(actor=request.actor, person=person, team=team, stage=stage)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{person} is on the ladder at {stage.name}.")
    return redirect("leadership:pipeline", team.slug)


@login_required
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_developable_person(request.actor, person_id)
    teams = list(leader_teams(request.actor).filter(path__startswith=org_of(person.team).path).order_by("path"))
    stages = selectors.org_stages(org_of(person.team))
    placed = {p.team_id for p in selectors.person_leadership(request.actor, person).placements}
    default_team = next((t for t in teams if t.pk in placed), teams[0] if teams else None)
    return render(request, "leadership/person.html", {
        "person": person, "info": selectors.person_leadership(request.actor, person), "teams": teams,
        "default_team": default_team, "form": MoveForm(stages=stages),
    })


@login_required
@require_POST
def person_move(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_developable_person(request.actor, person_id)
    team_id = parse_id(request.POST.get("team"))
    if team_id is None:
        raise NotFound("team")
    team = get_team_for(request.actor, team_id, Cap.DEVELOP_LEADERS)
    form = MoveForm(request.POST, stages=selectors.org_stages(org_of(team)))
    if not form.is_valid():
        messages.error(request, "Choose a stage of this organization's ladder.")
        return redirect("leadership:person", person.pk)
    try:
        person_place(actor=request.actor, person=person, team=team, stage=form.cleaned_data["stage"],
                     note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{person} is now at {form.cleaned_data['stage'].name} on {team.name}.")
    if request.POST.get("back") == "pipeline":
        return redirect("leadership:pipeline", team.slug)
    return redirect("leadership:person", person.pk)


def _org_for_stages(request: HttpRequest, slug: str):
    team = get_team_by_slug_for(request.actor, slug)
    org = org_of(team)
    if not request.actor.can(Cap.MANAGE_TEAM, org):
        raise PermissionDenied("only the organization's admins edit the ladder")
    return team, org


@login_required
def stages_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The organization's ladder stages: rename, reorder, add, remove (admins of the whole organization)."""
    team, org = _org_for_stages(request, slug)
    stages = selectors.org_stages(org)
    form = StageForm(request.POST or None)
    if request.method == "POST":
        stage = next((s for s in stages if s.pk == parse_id(request.POST.get("stage"))), None)
        try:
            if request.POST.get("action") == "delete" and stage is not None:
                stage_delete(actor=request.actor, stage=stage)
            elif form.is_valid() and stage is not None:
                stage_update(actor=request.actor, stage=stage, **form.cleaned_data)
            elif form.is_valid():
                stage_create(actor=request.actor, org=org, name=form.cleaned_data["name"],
                             description=form.cleaned_data["description"],
                             is_leadership=form.cleaned_data["is_leadership"])
            else:
                raise ValidationError(form.errors.get("name") or form.errors.get("position") or "Check the stage.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Ladder saved.")
        return redirect("leadership:stages", team.slug)
    return render(request, "leadership/stages.html", {"team": team, "org": org, "stages": stages,
                                                      "forms": [(s, StageForm(instance=s)) for s in stages],
                                                      "new_form": StageForm()})
