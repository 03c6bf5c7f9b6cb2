"""Captain programs on the web: the list of programs, creating and scheduling one (organizers), enrolling and
building a list, predictions and the commitment (captains), and the organizer's view of each captain."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict, NotFound
from groundswell.common.forms import add_service_errors
from groundswell.common.ids import parse_id
from groundswell.orgs.access import get_team_by_slug_for, visible_teams
from groundswell.orgs.roles import Cap
from groundswell.relational import selectors, services_programs, services_reminders
from groundswell.relational.badges import badges_for
from groundswell.relational.forms import CheckInForm, CheckInNotesForm, KeyDateForm, ProgramForm
from groundswell.relational.models import CaptainPerson, Program
from groundswell.relational.report import hide_captain_names, program_report


@login_required
def program_index(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    programs = selectors.programs_for(actor).order_by("-created_at")
    mine = set(actor.user.captaincies.values_list("program_id", flat=True))
    return render(request, "relational/program_index.html", {
        "programs": programs, "mine": mine,
        "teams_to_run": visible_teams(actor, Cap.RUN_PROGRAMS).order_by("path")[:50],
    })


@login_required
def program_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.RUN_PROGRAMS)
    form = ProgramForm(request.POST or None, initial={"election": "2026-general", "goal_min": 10, "goal_max": 20})
    if request.method == "POST" and form.is_valid():
        try:
            program = services_programs.program_create(actor=request.actor, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Created “{program.name}”. Add its key dates, then open enrolment.")
            return redirect("relational:program-detail", program.pk)
    return render(request, "relational/program_form.html", {"form": form, "team": team})


def _manageable(request: HttpRequest, program_id: int) -> Program:
    return selectors.get_program_with(request.actor, program_id, Cap.RUN_PROGRAMS)


@login_required
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _manageable(request, program_id)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        try:
            services_programs.program_update(actor=request.actor, program=program, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("relational:program-detail", program.pk)
    return render(request, "relational/program_form.html", {"form": form, "team": program.team, "program": program})


@login_required
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    actor = request.actor
    program = selectors.get_program_for(actor, program_id)
    services_reminders.sweep_if_due()
    captain = selectors.captain_of(actor, program)
    context = {
        "program": program, "team": program.team, "captain": captain,
        "dates": program.dates.all(), "can_run": actor.can(Cap.RUN_PROGRAMS, program.team),
        "can_report": actor.can(Cap.VIEW_REPORTS, program.team),
        "date_form": KeyDateForm(), "materials": [line for line in program.materials.splitlines() if line.strip()],
    }
    if captain is not None:
        entries = list(selectors.captain_people(captain))
        listed = {e.relationship_id for e in entries}
        context.update({
            "entries": entries, "held_out": selectors.held_out_count(captain),
            "addable": selectors.my_relationships(actor).exclude(pk__in=listed)[:200] if not captain.locked_at else [],
            "total_listed": captain.people.count(), "badges": badges_for(captain, entries),
        })
    if context["can_report"]:
        context["report"] = program_report(program)
        if not actor.can(Cap.VIEW_MEMBERS, program.team):
            hide_captain_names(context["report"])
    return render(request, "relational/program_detail.html", context)


@require_POST
@login_required
def program_status(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _manageable(request, program_id)
    try:
        services_programs.program_set_status(actor=request.actor, program=program,
                                             status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("relational:program-detail", program.pk)


@require_POST
@login_required
def program_date_add(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _manageable(request, program_id)
    form = KeyDateForm(request.POST)
    if form.is_valid():
        services_programs.program_date_add(actor=request.actor, program=program, **form.cleaned_data)
    else:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        messages.error(request, f"Key date not added: {problems}")
    return redirect("relational:program-detail", program.pk)


@require_POST
@login_required
def program_date_remove(request: HttpRequest, program_id: int, date_id: int) -> HttpResponse:
    program = _manageable(request, program_id)
    key_date = program.dates.filter(pk=date_id).first()
    if key_date is None:
        raise NotFound("key date")
    services_programs.program_date_remove(actor=request.actor, key_date=key_date)
    return redirect("relational:program-detail", program.pk)


@require_POST
@login_required
def program_enrol(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.get_program_for(request.actor, program_id)
    try:
        services_programs.captain_enrol(actor=request.actor, program=program)
    except Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You're a captain of {program.name}. Now pick {program.goal_min}–"
                                  f"{program.goal_max} of your people.")
    return redirect("relational:program-detail", program.pk)


def _my_captain(request: HttpRequest, program_id: int):
    program = selectors.get_program_for(request.actor, program_id)
    captain = selectors.captain_of(request.actor, program)
    if captain is None:
        raise NotFound("captain")
    return program, captain


@require_POST
@login_required
def captain_add(request: HttpRequest, program_id: int) -> HttpResponse:
    program, captain = _my_captain(request, program_id)
    ids = [i for v in request.POST.getlist("relationship") if (i := parse_id(v)) is not None]
    added = 0
    for relationship in selectors.my_relationships(request.actor).filter(pk__in=ids):
        try:
            services_programs.captain_list_add(actor=request.actor, captain=captain, relationship=relationship)
        except (ValidationError, Conflict) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            break
        added += 1
    if added:
        messages.success(request, f"Added {added} to your list.")
    elif not ids:
        messages.error(request, "Tick the people you want on your list first.")
    return redirect("relational:program-detail", program.pk)


@require_POST
@login_required
def entry_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.get_entry_for(request.actor, entry_id)
    try:
        services_programs.captain_list_remove(actor=request.actor, entry=entry)
    except Conflict as error:
        messages.error(request, str(error))
    return redirect("relational:program-detail", entry.captain.program_id)


@require_POST
@login_required
def entry_predict(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.get_entry_for(request.actor, entry_id)
    if entry.arm == CaptainPerson.Arm.CONTROL:
        raise NotFound("person")
    try:
        services_programs.captain_predict(actor=request.actor, entry=entry,
                                          prediction=request.POST.get("prediction", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"/programs/{entry.captain.program_id}/#entry-{entry.pk}")


@require_POST
@login_required
def captain_commit(request: HttpRequest, program_id: int) -> HttpResponse:
    program, captain = _my_captain(request, program_id)
    try:
        services_programs.captain_commit(actor=request.actor, captain=captain)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You committed to talk to each of them. Your list is locked — go for it!")
    return redirect("relational:program-detail", program.pk)


@login_required
def captain_detail(request: HttpRequest, captain_id: int) -> HttpResponse:
    """The organizer's page for one captain: progress and touch-base check-ins."""
    captain = selectors.get_captain_for(request.actor, captain_id)
    program = captain.program
    line = next((c for c in program_report(program).captains if c.captain_id == captain.pk), None)
    return render(request, "relational/captain_detail.html", {
        "captain": captain, "program": program, "line": line, "check_ins": captain.check_ins.all(),
        "can_run": request.actor.can(Cap.RUN_PROGRAMS, program.team),
        "schedule_form": CheckInForm(), "notes_form": CheckInNotesForm(), "zone": program.team.time_zone,
        "badges": badges_for(captain, list(selectors.captain_people(captain))),
    })


@require_POST
@login_required
def checkin_add(request: HttpRequest, captain_id: int) -> HttpResponse:
    captain = selectors.get_captain_for(request.actor, captain_id)
    form = CheckInForm(request.POST)
    # The organizer types a local time: it is the program team's clock, not the server's (UTC).
    with timezone.override(captain.program.team.time_zone):
        valid = form.is_valid()
    if valid:
        services_programs.checkin_schedule(actor=request.actor, captain=captain,
                                           when=form.cleaned_data["scheduled_for"])
        messages.success(request, "Check-in scheduled.")
    else:
        messages.error(request, "Choose a date and time for the check-in.")
    return redirect("relational:captain-detail", captain.pk)


@require_POST
@login_required
def checkin_record(request: HttpRequest, captain_id: int, check_in_id: int) -> HttpResponse:
    captain = selectors.get_captain_for(request.actor, captain_id)
    check_in = selectors.get_check_in_for(captain, check_in_id)
    try:
        services_programs.checkin_record(actor=request.actor, check_in=check_in, notes=request.POST.get("notes", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("relational:captain-detail", captain.pk)
