"""Calling through the provider: the caller's two buttons (call through the campaign's number, leave a
voicemail) and the provider's webhooks.

The webhooks are public URLs (the provider has no session and no CSRF token): each request must carry the
provider's signature over the exact URL and parameters, else 403. Without a provider (the default) they
do not exist (404).

The caller's buttons answer a small HTML fragment for htmx (errors as a 200 fragment, because htmx swaps
only 2xx answers) and JSON with the proper status (409, 422, 502) for any other client.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict
from groundswell.outreach.selectors import get_campaign_to_work
from groundswell.phonebank.models import ProviderCall
from groundswell.phonebank.providers import NoProviderConfigured, ProviderError, get_provider
from groundswell.phonebank.providers.twiml import absolute
from groundswell.phonebank.services_calls import (
    bridge_number,
    call_start,
    call_status,
    get_provider_call_for,
    voicemail_drop,
)

logger = logging.getLogger(__name__)


def _int(value: str, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: ["missing or not a number"]}) from None


def _answer(request: HttpRequest, *, status: int, message: str, call: ProviderCall | None = None,
            errors: dict | None = None) -> HttpResponse:
    if not request.htmx:
        body: dict = {"detail": message}
        if call is not None:
            body.update(call_id=call.pk, status=call.status, voicemail_dropped=call.voicemail_dropped)
        if errors:
            body["errors"] = errors
        return JsonResponse(body, status=status)
    return HttpResponse(_fragment(request, message, call, ok=status < 400))


def _fragment(request: HttpRequest, message: str, call: ProviderCall | None, *, ok: bool) -> str:
    """The provider-call box of the calling page: what happened, and the voicemail button while live."""
    html = format_html('<p class="{}" role="status">{}</p>', "provider-note" if ok else "errorlist", message)
    if call is not None and not call.voicemail_dropped:
        url = reverse("phonebank:provider-voicemail", args=[call.session.campaign_id])
        html += format_html(
            '<button type="button" class="btn btn-block" hx-post="{}" hx-vals=\'{{"call_id": "{}"}}\' '
            'hx-target="#provider-call" hx-swap="innerHTML">Leave voicemail</button>', url, call.pk)
    return html


@require_POST
@login_required
def provider_call_start(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_to_work(request.actor, campaign_id)
    provider = get_provider()
    if not provider.needs_account:
        raise NoProviderConfigured()
    caller_number = request.POST.get("caller_number") or request.actor.user.phone
    try:
        call = call_start(actor=request.actor, campaign=campaign, provider=provider,
                          target_id=_int(request.POST.get("target_id"), "target_id"), caller_number=caller_number)
    except ValidationError as exc:
        message = "; ".join(m for messages in exc.message_dict.values() for m in messages)
        return _answer(request, status=422, message=message, errors=exc.message_dict)
    except ProviderError as exc:
        return _answer(request, status=502, message=str(exc))
    except Conflict as exc:
        return _answer(request, status=409, message=str(exc))
    return _answer(request, status=201, call=call,
                   message="Your phone will ring now. Pick up and you will be connected.")


@require_POST
@login_required
def provider_voicemail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_to_work(request.actor, campaign_id)
    provider = get_provider()
    if not provider.needs_account:
        raise NoProviderConfigured()
    try:
        call = get_provider_call_for(request.actor, campaign, _int(request.POST.get("call_id"), "call_id"))
        call = voicemail_drop(actor=request.actor, provider_call=call, provider=provider)
    except ValidationError as exc:
        return _answer(request, status=422, message="which call?", errors=exc.message_dict)
    except ProviderError as exc:
        return _answer(request, status=502, message=str(exc))
    except Conflict as exc:
        return _answer(request, status=409, message=str(exc))
    return _answer(request, status=200, call=call, message="Voicemail left. Save the result and go on.")


def _verified_provider(request: HttpRequest):
    """The configured provider if it signed this request; a 404/403 answer otherwise."""
    provider = get_provider()
    if not provider.needs_account:
        return None, HttpResponse("no calling provider is configured", status=404, content_type="text/plain")
    if not provider.verify_request(request):
        logger.warning("refused an unsigned or wrongly signed %s webhook at %s", provider.name, request.path)
        return None, HttpResponse("invalid signature", status=403, content_type="text/plain")
    return provider, None


@csrf_exempt
@require_POST
def provider_status(request: HttpRequest) -> HttpResponse:
    """The provider's status callback for both legs of a bridged call."""
    provider, refusal = _verified_provider(request)
    if refusal is not None:
        return refusal
    try:
        call_status(provider=provider, request=request)
    except ValueError as exc:
        return HttpResponse(f"not a status report: {exc}", status=400, content_type="text/plain")
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
def provider_bridge(request: HttpRequest, target_id: int) -> HttpResponse:
    """The instructions the provider fetches once the caller's own phone answers: dial the contact."""
    provider, refusal = _verified_provider(request)
    if refusal is not None:
        return refusal
    body, content_type = provider.bridge_response(request, contact_number=bridge_number(target_id),
                                                  callback_url=absolute(reverse("phonebank:provider-status")))
    return HttpResponse(body, content_type=content_type)
