from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.selectors import team_children, team_list


@login_required
def team_index(request):
    return render(request, "orgs/team_list.html", {"teams": team_list(actor=request.actor)})


@login_required
def team_detail(request, slug: str):
    team = get_team_by_slug_for(request.actor, slug)
    children = team_children(actor=request.actor, team=team)
    return render(request, "orgs/team_detail.html", {"team": team, "children": children})
