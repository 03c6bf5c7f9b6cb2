"""One-on-ones: a team's list, scheduling or recording one, recording a scheduled one act by act, and the
organizer's follow-ups (thin: access → parse → one service or selector → render)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.common.forms import add_service_errors
from groundswell.common.ids import parse_id
from groundswell.leadership import selectors
from groundswell.leadership.forms import LogForm, RecordForm, ScheduleForm
from groundswell.leadership.models import OneOnOne
from groundswell.leadership.services_one_on_ones import (
    Record,
    commitment_resolve,
    one_on_one_cancel,
    one_on_one_log,
    one_on_one_record,
    one_on_one_schedule,
)
from groundswell.leadership.subjects import subject_for, team_members
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.roles import Cap


@login_required
def team_one_on_ones(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.DEVELOP_LEADERS)
    meetings = selectors.team_one_on_ones(request.actor, team)
    soon = timezone.now() - timezone.timedelta(hours=12)
    return render(request, "leadership/one_on_ones.html", {
        "team": team,
        "upcoming": meetings.filter(status=OneOnOne.Status.SCHEDULED, scheduled_for__gte=soon)
        .order_by("scheduled_for")[:50],
        "to_record": meetings.filter(status=OneOnOne.Status.SCHEDULED, scheduled_for__lt=soon)
        .order_by("-scheduled_for")[:50],
        "held": meetings.filter(status=OneOnOne.Status.HELD).order_by("-held_at")[:50],
        "overdue": selectors.overdue_commitments(team, timezone.localdate())[:50],
    })


def _record_of(data: dict) -> Record:
    return Record(**{name: data.get(name) for name in Record.__dataclass_fields__ if name in data})


@login_required
def one_on_one_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Schedule a one-on-one (default) or, with ?mode=record, write down one that already happened."""
    team = get_team_by_slug_for(request.actor, slug, Cap.DEVELOP_LEADERS)
    recording = request.GET.get("mode") == "record"
    person_id, member_id = parse_id(request.GET.get("person")), parse_id(request.POST.get("member"))
    with timezone.override(team.time_zone):
        now = timezone.now().replace(second=0, microsecond=0)
        form = (LogForm if recording else ScheduleForm)(request.POST or None, initial={"held_at": now})
        valid = request.method == "POST" and form.is_valid()
    person_error = ""
    if valid:
        try:
            person = subject_for(request.actor, team, member_id=member_id, person_id=person_id)
            if recording:
                meeting = one_on_one_log(actor=request.actor, team=team, person=person,
                                         medium=form.cleaned_data["medium"], record=_record_of(form.cleaned_data))
            else:
                meeting = one_on_one_schedule(actor=request.actor, team=team, person=person, **form.cleaned_data)
        except ValidationError as error:
            errors = getattr(error, "message_dict", {"__all__": error.messages})
            person_error = " ".join(errors.pop("person", []))
            if errors:
                add_service_errors(form, ValidationError(errors))
        else:
            messages.success(request, "One-on-one recorded." if recording else "One-on-one scheduled.")
            return redirect("leadership:one-on-one", meeting.pk)
    subject = None
    if person_id:
        subject = selectors.developable_or_none(request.actor, person_id)
    status = 422 if request.method == "POST" else 200
    return render(request, "leadership/one_on_one_new.html", {
        "team": team, "form": form, "recording": recording, "subject": subject, "person_error": person_error,
        "members": [] if subject else team_members(team), "member_id": member_id, "zone": team.time_zone,
    }, status=status)


@login_required
def one_on_one_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A one-on-one: what was recorded, or the form to record it once it happened."""
    meeting = selectors.get_one_on_one_for(request.actor, meeting_id)
    with timezone.override(meeting.team.time_zone):
        form = RecordForm(request.POST or None, initial=selectors.record_initial(meeting))
        valid = request.method == "POST" and form.is_valid()
    if valid:
        try:
            one_on_one_record(actor=request.actor, meeting=meeting, record=_record_of(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "One-on-one recorded.")
            return redirect("leadership:one-on-one", meeting.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "leadership/one_on_one.html", {
        "meeting": meeting, "form": form, "team": meeting.team, "zone": meeting.team.time_zone,
        "commitments": meeting.commitments.all(), "editing": meeting.status != OneOnOne.Status.HELD
        or request.GET.get("edit") == "1" or request.method == "POST",
    }, status=status)


@login_required
@require_POST
def one_on_one_cancel_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.get_one_on_one_for(request.actor, meeting_id)
    try:
        one_on_one_cancel(actor=request.actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "One-on-one cancelled.")
    return redirect("leadership:team-one-on-ones", meeting.team.slug)


@login_required
@require_POST
def commitment_resolve_view(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = selectors.get_commitment_for(request.actor, commitment_id)
    kept = request.POST.get("kept") == "1"
    commitment_resolve(actor=request.actor, commitment=commitment, kept=kept)
    messages.success(request, f"Marked as {'kept' if kept else 'not kept'}: {commitment.what}")
    if request.POST.get("back") == "meeting" and commitment.one_on_one_id:
        return redirect("leadership:one-on-one", commitment.one_on_one_id)
    return redirect("leadership:my-follow-ups")


@login_required
def my_follow_ups(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    follow_ups = list(selectors.my_follow_ups(request.actor))
    return render(request, "leadership/my_follow_ups.html", {
        "overdue": [c for c in follow_ups if c.due < today], "open": [c for c in follow_ups if c.due >= today],
        "upcoming": selectors.my_upcoming_one_on_ones(request.actor)[:20],
        "teams": selectors.my_leader_teams(request.actor),
    })
