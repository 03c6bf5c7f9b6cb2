"""The volunteer's side of the phone bank: the phone banks they may work on, a campaign's landing page (training
card, script, "Start calling"), and the calling page that hands one contact at a time.

"Save & next" is posted by calling.js with a client_uuid made in the browser and retried on a dropped
connection; the answer is the next contact's card (a partial), so a replayed post answers the same. Without
JS the same views work as plain form posts that redirect."""

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict, NotFound
from groundswell.common.ids import parse_id
from groundswell.common.zones import zone_named
from groundswell.events.selectors import campaign_events
from groundswell.outreach import claims, eligibility, selectors
from groundswell.outreach.attempts import record_attempt
from groundswell.outreach.contacts import number_to_dial, script_for
from groundswell.outreach.models import Campaign, Question, Target
from groundswell.people.contact_points import display_phone
from groundswell.phonebank import sessions
from groundswell.phonebank.forms_calling import AttemptForm, answer_field, posted_answers
from groundswell.phonebank.providers import get_provider
from groundswell.phonebank.services_calls import attempt_link
from groundswell.phonebank.services_shifts import shift_check_in

# Why nobody can be called now, most useful first (they change with the clock or the next save).
WAITING_ORDER = [
    eligibility.Reason.OUTSIDE_WINDOW, eligibility.Reason.COOLING_DOWN, eligibility.Reason.HELD,
    eligibility.Reason.MAX_ATTEMPTS, eligibility.Reason.DONE, eligibility.Reason.NO_NUMBER,
    eligibility.Reason.OPTED_OUT, eligibility.Reason.REMOVED,
]
NOT_LIVE = {
    Campaign.Status.DRAFT: "it has not started yet. Your organizer will open it soon.",
    Campaign.Status.PAUSED: "calling is on hold for now. Check back later.",
    Campaign.Status.DONE: "it has finished. Thank you to everyone who called!",
}
GENERAL_ERROR_FIELDS = ("target_id", "client_uuid", "client_uuid_fallback", "duration_seconds", "__all__")


@login_required
def bank_list(request: HttpRequest) -> HttpResponse:
    campaigns = selectors.workable_campaigns(request.actor).filter(channel=Campaign.Channel.CALL)
    return render(request, "phonebank/calling_list.html", {"campaigns": campaigns.order_by("name", "id")})


@login_required
def bank_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    return render(request, "phonebank/calling_bank.html", {
        "campaign": campaign,
        "not_live": NOT_LIVE.get(campaign.status, ""),
        "session": sessions.open_session(campaign, request.actor.user_id),
        "events": list(campaign_events(campaign)[:3]),
    })


@require_POST
@login_required
def calling_start(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    if not campaign.is_live:
        messages.error(request, f"{campaign.name} is {campaign.get_status_display().lower()}: "
                                f"{NOT_LIVE.get(campaign.status, '')}")
        return redirect("phonebank:bank-detail", campaign.pk)
    shift_check_in(actor=request.actor, campaign=campaign)  # a session, tied to the shift on now if any
    return redirect("phonebank:calling", campaign.pk)


@login_required
def calling(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    if sessions.open_session(campaign, request.actor.user_id) is None:
        messages.info(request, "Press “Start calling” to get your first contact.")
        return redirect("phonebank:bank-detail", campaign.pk)
    return render(request, "phonebank/calling_page.html", _area(request, campaign))


@require_POST
@login_required
def calling_save(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    questions = selectors.questions(campaign)
    form = AttemptForm(request.POST)
    answers = posted_answers(request.POST, questions)
    if not form.is_valid():
        return _invalid(request, campaign, form, answers, {k: list(v) for k, v in form.errors.items()})
    data = form.cleaned_data
    try:
        attempt, _ = record_attempt(
            actor=request.actor, campaign=campaign, target_id=data["target_id"], result=data["result"],
            client_uuid=form.uuid(), answers=answers, notes=data["notes"], duration_seconds=data["duration_seconds"])
    except ValidationError as error:
        return _invalid(request, campaign, form, answers, error.message_dict)
    except Conflict as conflict:
        # Someone else holds the contact (the attempt was kept as a note on the person) or the uuid is reused.
        return _next(request, campaign, f"Not counted: {conflict}.", "error", status=409)
    attempt_link(attempt=attempt)  # a provider call's duration, when the provider reported it before the save
    return _next(request, campaign, f"Saved — {attempt.person.full_name}.", "success")


@require_POST
@login_required
def calling_skip(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    target_id = parse_id(request.POST.get("target_id"))
    if target_id is not None:
        _skip(request, campaign, target_id)
    return _next(request, campaign, "Skipped — they went back to the queue for someone else.", "info")


@require_POST
@login_required
def calling_end(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.get_campaign_to_work(request.actor, campaign_id)
    released = sessions.session_end(actor=request.actor, campaign=campaign)
    back = f" {released} contact{'s' if released != 1 else ''} went back to the queue." if released else ""
    messages.success(request, f"Session ended — thank you for calling!{back}")
    return redirect("phonebank:bank-detail", campaign.pk)


def _skip(request: HttpRequest, campaign: Campaign, target_id: int) -> None:
    """Give the contact back and take the next one (never the one just skipped)."""
    try:
        claims.skip(actor=request.actor, campaign=campaign, target_id=target_id)
    except Conflict:
        claims.release(actor=request.actor, campaign=campaign, target_id=target_id)  # the page says why


def _next(request: HttpRequest, campaign: Campaign, notice: str, kind: str, status: int = 200) -> HttpResponse:
    """After a save or a skip: the next contact's card for calling.js, or back to the page for a plain post."""
    if request.htmx:
        return render(request, "phonebank/_call_area.html", _area(request, campaign, notice, kind), status=status)
    getattr(messages, kind)(request, notice)
    return redirect("phonebank:calling", campaign.pk)


def _invalid(request: HttpRequest, campaign: Campaign, form: AttemptForm, answers: dict,
             errors: dict[str, list[str]]) -> HttpResponse:
    """The same card again with the errors next to their fields and what was typed kept (nothing stored)."""
    template = "phonebank/_call_area.html" if request.htmx else "phonebank/calling_page.html"
    target_id = form.cleaned_data.get("target_id") if hasattr(form, "cleaned_data") else None
    try:
        target = selectors.get_held_target(request.actor, campaign, target_id or 0, timezone.now())
    except NotFound:
        # The contact is no longer theirs (claim expired, session ended): say what was wrong, hand the next.
        problems = "; ".join(m for messages_ in errors.values() for m in messages_)
        context = _area(request, campaign, f"Not saved: {problems}.", "error")
        return render(request, template, context, status=422)
    session = sessions.open_session(campaign, request.actor.user_id)
    posted = {"result": request.POST.get("result", ""), "notes": request.POST.get("notes", ""), "answers": answers}
    context = {"campaign": campaign, "session": session, "state": "card", "notice": "", "notice_kind": "",
               **_card(request, campaign, target, posted=posted, errors=errors,
                       client_uuid=request.POST.get("client_uuid", ""),
                       elapsed=form.cleaned_data.get("duration_seconds") or 0)}
    return render(request, template, context, status=422)


def _area(request: HttpRequest, campaign: Campaign, notice: str = "", kind: str = "info") -> dict:
    """Everything the calling area shows: the next contact, or why there is none."""
    context: dict = {"campaign": campaign, "notice": notice, "notice_kind": kind}
    session = sessions.open_session(campaign, request.actor.user_id)
    context["session"] = session
    if session is None:
        return {**context, "state": "ended"}
    sessions.session_seen(session=session)
    try:
        target = _claim(request, campaign)
    except Conflict as conflict:
        return {**context, "state": "blocked", "blocked": str(conflict)}
    if target is None:
        return {**context, "state": "empty", "waiting": _waiting(campaign)}
    return {**context, "state": "card", **_card(request, campaign, target)}


def _claim(request: HttpRequest, campaign: Campaign) -> Target | None:
    # A caller allowed several open contacts sees the oldest again on reload instead of taking one more.
    if not campaign.finish_open_first:
        held = selectors.held_targets(campaign, request.actor.user_id, timezone.now()).select_related("person")
        if (target := held.first()) is not None:
            return target
    return claims.claim_next(actor=request.actor, campaign=campaign)


def _waiting(campaign: Campaign) -> list[tuple[int, str]]:
    counts = eligibility.breakdown(campaign)
    reasons = [(counts.get(reason.value, 0), eligibility.LABELS[reason]) for reason in WAITING_ORDER]
    return [(n, label[0].lower() + label[1:]) for n, label in reasons if n]


def _card(request: HttpRequest, campaign: Campaign, target: Target, *, posted: dict | None = None,
          errors: dict | None = None, client_uuid: str = "", elapsed: int = 0) -> dict:
    person, posted, errors = target.person, posted or {}, errors or {}
    number = number_to_dial(person.pk, campaign.channel)
    return {
        "target": target, "person": person, "number": number, "shown_number": display_phone(number) if number else "",
        "local_time": _local_time(person.time_zone),
        "script": script_for(campaign, person, request.user),
        "survey": [_question(q, posted.get("answers", {}), errors) for q in selectors.questions(campaign)],
        "codes": selectors.result_codes(campaign), "posted": posted, "errors": errors,
        "general_errors": [m for f in GENERAL_ERROR_FIELDS for m in errors.get(f, [])],
        "client_uuid": client_uuid, "fallback_uuid": uuid.uuid4(), "elapsed": elapsed,
        "provider_calling": get_provider().needs_account,
    }


def _question(question: Question, answers: dict, errors: dict) -> dict:
    given = answers.get(question.key, "")
    selected = {str(v) for v in given} if isinstance(given, list) else {str(given)}
    choices = [{"value": str(c.get("value", "")), "label": c.get("label") or c.get("value", ""),
                "next": c.get("next"), "checked": str(c.get("value", "")) in selected} for c in question.choices]
    return {"q": question, "field": answer_field(question), "text": given if isinstance(given, str) else "",
            "choices": choices, "errors": errors.get(f"answers.{question.key}", [])}


def _local_time(zone: str) -> str:
    known = zone_named(zone)
    if known is None:
        return ""
    return dt.datetime.now(known).strftime("%-I:%M %p").lower()
