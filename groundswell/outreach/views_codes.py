"""The organization's result codes, reached from a campaign: relabel, change when to try again, retire, add."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.common.errors import PermissionDenied
from groundswell.orgs.roles import Cap
from groundswell.outreach.forms import NewResultCodeForm, ResultCodeForm, add_service_errors
from groundswell.outreach.models import Campaign
from groundswell.outreach.selectors import get_campaign_for
from groundswell.outreach.services_codes import (
    get_result_code,
    org_result_codes,
    result_code_create,
    result_code_update,
)


def retry_text(minutes: int | None) -> str:
    if minutes is None:
        return "final: not tried again"
    if minutes == 0:
        return "may be tried again at once"
    if minutes % 60:
        return f"tried again after {minutes} min"
    return f"tried again after {minutes // 60} h"


def _page(request: HttpRequest, campaign: Campaign, *, bad: dict | None = None,
          new_form: NewResultCodeForm | None = None) -> HttpResponse:
    """The list of codes, each with its own small form; `bad` is {code id: bound form with errors}."""
    bad = bad or {}
    rows = [(code, bad.get(code.pk) or ResultCodeForm(auto_id=f"c{code.pk}-%s", initial={
        "label": code.label, "retry_after_minutes": code.retry_after_minutes, "active": code.active}),
        retry_text(code.retry_after_minutes)) for code in org_result_codes(campaign.org)]
    return render(request, "outreach/result_codes.html", {
        "campaign": campaign, "team": campaign.team, "org": campaign.org, "rows": rows,
        "new_form": new_form or NewResultCodeForm(auto_id="new-%s", initial={"active": True}),
        "can_edit": request.actor.can(Cap.EDIT_SCRIPTS, campaign.org),
    }, status=400 if bad or (new_form is not None and new_form.errors) else 200)


@login_required
def result_code_list(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.SUPERVISE_OUTREACH)
    return _page(request, campaign)


def _editable(request: HttpRequest, campaign_id: int) -> Campaign:
    """Result codes are shared by the whole organization, so changing them takes script rights on its root."""
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    if not request.actor.can(Cap.EDIT_SCRIPTS, campaign.org):
        raise PermissionDenied("result codes are shared by the whole organization; ask its admins to change them")
    return campaign


@require_POST
@login_required
def result_code_edit(request: HttpRequest, campaign_id: int, code_id: int) -> HttpResponse:
    campaign = _editable(request, campaign_id)
    code = get_result_code(campaign.org, code_id)
    form = ResultCodeForm(request.POST, auto_id=f"c{code.pk}-%s")
    if form.is_valid():
        try:
            result_code_update(actor=request.actor, code=code, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved “{code.label}”.")
            return redirect("outreach:result-code-list", campaign.pk)
    return _page(request, campaign, bad={code.pk: form})


@require_POST
@login_required
def result_code_new(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _editable(request, campaign_id)
    form = NewResultCodeForm(request.POST, auto_id="new-%s")
    if form.is_valid():
        try:
            code = result_code_create(actor=request.actor, org=campaign.org, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added “{code.label}”.")
            return redirect("outreach:result-code-list", campaign.pk)
    return _page(request, campaign, new_form=form)
