"""What organizers see: a program's ballot files and evaluation report, and a team's relational work — counts
per volunteer, the matched or shared contacts, and the recruitment tree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from groundswell.common.errors import NotFound
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap
from groundswell.relational import selectors
from groundswell.relational.charts import arms_chart
from groundswell.relational.forms import BallotForm
from groundswell.relational.recruitment import recruitment_tree
from groundswell.relational.report import hide_captain_names, program_report
from groundswell.relational.services_ballots import BallotFileError, ballot_import, error_csv

MAX_BALLOT_FILE = 200 * 1024 * 1024


def _reportable(request: HttpRequest, program_id: int):
    return selectors.get_program_with(request.actor, program_id, Cap.VIEW_REPORTS)


@login_required
def program_report_page(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _reportable(request, program_id)
    report = program_report(program)
    if not request.actor.can(Cap.VIEW_MEMBERS, program.team):
        hide_captain_names(report)
    return render(request, "relational/program_report.html", {
        "program": program, "team": program.team, "report": report,
        "chart": arms_chart(report.evaluation) if report.evaluation else "",
    })


@login_required
def program_ballots(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.get_program_with(request.actor, program_id, Cap.RUN_PROGRAMS)
    form = BallotForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_BALLOT_FILE:
                    raise BallotFileError("the file is over 200 MB; split it")
                job = ballot_import(actor=request.actor, program=program, kind=form.cleaned_data["kind"],
                                    file_name=upload.name, data=upload.read())
            except (BallotFileError, ValidationError) as error:
                form.add_error("file", str(error) if isinstance(error, BallotFileError) else " ".join(error.messages))
            else:
                messages.success(request, f"{job.file_name}: {job.rows} rows, {job.voted} voted, "
                                          f"{len(job.errors)} rejected.")
                return redirect("relational:program-ballots", program.pk)
        status = 422
    return render(request, "relational/program_ballots.html", {
        "program": program, "team": program.team, "form": form, "imports": program.ballot_imports.all()[:50],
        "zone": program.team.time_zone,
    }, status=status)


@login_required
def ballot_errors(request: HttpRequest, program_id: int, import_id: int) -> HttpResponse:
    program = selectors.get_program_with(request.actor, program_id, Cap.RUN_PROGRAMS)
    job = program.ballot_imports.filter(pk=import_id).first()
    if job is None:
        raise NotFound("ballot file")
    response = HttpResponse(error_csv(job), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballot-import-{job.pk}-errors.csv"'
    return response


@login_required
def team_relational(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_REPORTS)
    return render(request, "relational/team_relational.html", {
        "team": team, "summary": selectors.team_summary(request.actor, team),
        "volunteers": selectors.volunteer_lines(request.actor, team),
        "shared": Paginator(selectors.shared_contacts(request.actor, team), 50).get_page(request.GET.get("page")),
        "can_view_people": request.actor.can(Cap.VIEW_PEOPLE, team),
        "programs": selectors.programs_for(request.actor).filter(team__path__startswith=team.path),
    })


@login_required
def team_recruitment(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.VIEW_MEMBERS)
    return render(request, "relational/team_recruitment.html", {
        "team": team, "tree": recruitment_tree(request.actor, team),
    })
