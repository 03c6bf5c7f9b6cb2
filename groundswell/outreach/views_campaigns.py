"""The organizer's campaign pages: a team's campaigns, a new call campaign in a few clicks, a campaign's page
(script, survey, settings, go live / pause / resume / done), the edit page and the script's live preview."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.common.ids import parse_id
from groundswell.orgs.access import get_team_by_slug_for
from groundswell.orgs.models import Team
from groundswell.orgs.roles import Cap
from groundswell.outreach import scripts, services
from groundswell.outreach.forms import DEFAULT_SCRIPT, CampaignForm, NewCampaignForm, add_service_errors
from groundswell.outreach.models import Campaign
from groundswell.outreach.selectors import campaigns_for, get_campaign_for, questions
from groundswell.people.selectors_lists import team_lists

# The preview is filled with a made-up contact: a real person's data has no place in a script editor.
SAMPLE_PERSON = SimpleNamespace(first_name="Maria", last_name="Garcia", city="Springfield")


def team_campaigns(actor, team: Team) -> QuerySet[Campaign]:
    """The campaigns of `team` and below that the actor supervises, with their live target count."""
    campaigns = campaigns_for(actor, Cap.SUPERVISE_OUTREACH).filter(team__path__startswith=team.path)
    # Newest first, said again: Meta.ordering is not applied to a query with GROUP BY (the count), and pages
    # of an unordered query can repeat or skip campaigns.
    return (campaigns.annotate(n_targets=Count("targets", filter=Q(targets__removed_at__isnull=True)))
            .order_by("-created_at", "-id"))


def attempt_counts(campaigns: QuerySet[Campaign], ids: list[int]) -> dict[int, int]:
    """Attempts per campaign as stats counts them (applied ones), in a query of its own: one join per query
    keeps both counts exact and cheap."""
    applied = Count("attempts", filter=Q(attempts__applied=True))
    rows = campaigns.filter(pk__in=ids).annotate(n=applied).values_list("pk", "n").order_by()
    return dict(rows)


@login_required
def campaign_index(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.SUPERVISE_OUTREACH)
    page = Paginator(team_campaigns(request.actor, team), 25).get_page(request.GET.get("page"))
    attempts = attempt_counts(campaigns_for(request.actor), [c.pk for c in page])
    for campaign in page:
        campaign.n_attempts = attempts.get(campaign.pk, 0)
    return render(request, "outreach/campaign_index.html", {
        "team": team, "page": page, "can_edit": request.actor.can(Cap.EDIT_SCRIPTS, team), "newer_first": True,
    })


@login_required
def campaign_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_SCRIPTS)
    lists = team_lists(request.actor, team)
    if request.method != "POST":
        chosen = parse_id(request.GET.get("list"))
        initial = {"script": DEFAULT_SCRIPT,
                   "people_list": chosen if chosen and lists.filter(pk=chosen).exists() else None}
        return _new_page(request, team, NewCampaignForm(lists=lists, initial=initial))
    form = NewCampaignForm(request.POST, lists=lists)
    if form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.actor, team=team, channel=Campaign.Channel.CALL,
                                                **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Created “{campaign.name}”. Add survey questions, then go live.")
            return redirect("outreach:campaign-detail", campaign.pk)
    return _new_page(request, team, form)


def _new_page(request: HttpRequest, team: Team, form: NewCampaignForm) -> HttpResponse:
    preview = script_preview(form["script"].value() or "", form["name"].value() or "this campaign", team,
                             request.user)
    return render(request, "outreach/campaign_new.html", {
        "team": team, "form": form, "fields": scripts.FIELDS, "preview": preview,
    }, status=400 if form.errors else 200)


def script_preview(script: str, campaign_name: str, team: Team, user) -> dict:
    values = scripts.merge_values(campaign=SimpleNamespace(name=campaign_name, team=team, event_link=""),
                                  person=SAMPLE_PERSON, caller=user)
    return {"text": scripts.render(script, values), "unknown": scripts.unknown_fields(script)}


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    preview = scripts.render(campaign.script, scripts.merge_values(
        campaign=campaign, person=SAMPLE_PERSON, caller=request.user))
    return render(request, "outreach/campaign_detail.html", {
        "campaign": campaign, "team": campaign.team, "questions": questions(campaign), "preview": preview,
        "can_edit": request.actor.can(Cap.EDIT_SCRIPTS, campaign.team), "fields": scripts.FIELDS,
        "can_view_list": campaign.people_list_id and request.actor.can(Cap.VIEW_PEOPLE, campaign.people_list.team),
    })


@login_required
def campaign_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    lists = team_lists(request.actor, campaign.team)
    form = CampaignForm(request.POST or None, lists=lists, instance=campaign)
    title = campaign.name  # the service sets fields before it validates them
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=request.actor, campaign=campaign, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved “{campaign.name}”.")
            return redirect("outreach:campaign-detail", campaign.pk)
    script = form["script"].value() or ""
    return render(request, "outreach/campaign_edit.html", {
        "campaign": campaign, "title": title, "team": campaign.team, "form": form, "fields": scripts.FIELDS,
        "preview": script_preview(script, title, campaign.team, request.user),
    }, status=400 if form.errors else 200)


@require_POST
@login_required
def campaign_script_preview(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The script filled in for a sample contact, re-rendered by htmx as the organizer types."""
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    preview = script_preview(request.POST.get("script", ""), request.POST.get("name") or campaign.name,
                             campaign.team, request.user)
    return render(request, "outreach/_script_preview.html", {"preview": preview})


@require_POST
@login_required
def campaign_script_preview_new(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_team_by_slug_for(request.actor, slug, Cap.EDIT_SCRIPTS)
    preview = script_preview(request.POST.get("script", ""), request.POST.get("name") or "this campaign", team,
                             request.user)
    return render(request, "outreach/_script_preview.html", {"preview": preview})


STATUS_ACTIONS = {"live": "is live", "resume": "is live again", "pause": "is paused", "done": "is done"}


@require_POST
@login_required
def campaign_status(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Go live, resume, pause or finish. A campaign that cannot go live says why and stays as it was."""
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    action = request.POST.get("action", "")
    try:
        if action in ("live", "resume"):
            added = services.campaign_go_live(actor=request.actor, campaign=campaign)
            if added:
                messages.info(request, f"{added} people added from the list.")
        elif action in ("pause", "done"):
            status = Campaign.Status.PAUSED if action == "pause" else Campaign.Status.DONE
            services.campaign_set_status(actor=request.actor, campaign=campaign, status=status)
        else:
            raise ValidationError({"status": ["choose go live, pause, resume or done"]})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, f"Not yet: {message}.")
    else:
        messages.success(request, f"“{campaign.name}” {STATUS_ACTIONS[action]}.")
    return redirect("outreach:campaign-detail", campaign.pk)
