"""The duplicates queue of a team and the side-by-side review of one pair (merge or dismiss)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap
from groundswell.orgs.views import add_errors
from groundswell.people.dedupe import candidate_dismiss, candidate_get_for, candidates_for, person_merge
from groundswell.people.dedupe_merge import comparison_rows, field_diffs
from groundswell.people.forms_privacy import MergeForm
from groundswell.people.services import org_of
from groundswell.people.tasks_dedupe import refresh_duplicate_candidates


@login_required
def duplicate_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_PEOPLE)
    candidates = candidates_for(request.actor, team)
    page = Paginator(candidates, 50).get_page(request.GET.get("page"))
    return render(request, "people/duplicates/duplicate_list.html", {"team": team, "page": page})


@require_POST
@login_required
def duplicate_scan(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_PEOPLE)
    refresh_duplicate_candidates.enqueue(org_of(team).pk)
    messages.success(request, "Looking for duplicates. New pairs appear here when the search is done.")
    return redirect("people:duplicate-list", team.slug)


@login_required
def duplicate_detail(request: HttpRequest, slug: str, candidate_id: int) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_PEOPLE)
    candidate = candidate_get_for(request.actor, team, candidate_id)
    diffs = field_diffs(candidate.first, candidate.second)
    form = MergeForm(request.POST or None, diffs=diffs)
    action = request.POST.get("action")
    if request.method == "POST" and action == "dismiss":
        candidate_dismiss(actor=request.actor, candidate=candidate)
        messages.success(request, "Marked as two different people.")
        return redirect("people:duplicate-list", team.slug)
    if request.method == "POST" and form.is_valid():
        try:
            keep = person_merge(actor=request.actor, keep=candidate.first, other=candidate.second,
                                choices=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Merged into #{keep.pk} {keep}.")
            return redirect("people:duplicate-list", team.slug)
    rows = [(label, a, b, form[name] if name in form.fields else None)
            for name, label, a, b in comparison_rows(candidate.first, candidate.second)]
    return render(request, "people/duplicates/duplicate_detail.html", {
        "team": team, "candidate": candidate, "form": form, "rows": rows,
    }, status=400 if request.method == "POST" else 200)
