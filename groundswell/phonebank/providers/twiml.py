"""Webhooks in Twilio's form (form-encoded POSTs signed with X-Twilio-Signature, TwiML answers), shared by
the Twilio adapter and the fake provider the tests use.

Signatures are checked the way Twilio documents: HMAC over the exact URL Twilio requested (scheme, host,
path and query) followed by every POST parameter sorted by name, compared with the X-Twilio-Signature
header, using the SDK's RequestValidator. Behind a proxy that terminates HTTPS, Django may see http:// and an
internal host, so the URL is rebuilt from SITE_URL (the address we gave Twilio), never from the request's
Host header.
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest
from twilio.request_validator import SIGNATURE_SETTINGS_HEADER, RequestValidator, get_signature_algorithm
from twilio.twiml.voice_response import VoiceResponse

from groundswell.phonebank.providers.base import KNOWN_STATUSES, CallReport

SIGNATURE_HEADER = "X-Twilio-Signature"
MAX_CALL_ID = 64
# Event names that may arrive as a status; stored as the call status they stand for.
STATUS_ALIASES = {"initiated": "queued", "answered": "in-progress"}


def site_origin() -> str:
    """scheme://host[:port] of SITE_URL, the public address webhooks are given and signed for."""
    parts = urlsplit(getattr(settings, "SITE_URL", "http://127.0.0.1:8000"))
    return f"{parts.scheme}://{parts.netloc}"


def absolute(path: str) -> str:
    return site_origin() + path


def public_url(request: HttpRequest) -> str:
    """The URL the provider requested: SITE_URL's origin + the path and query as received."""
    return site_origin() + request.get_full_path()


def signature_is_valid(request: HttpRequest, *, auth_token: str, shared_key: str = "") -> bool:
    """True when X-Twilio-Signature matches. A request signed with a webhook SharedKey (it carries
    X-Twilio-Webhooks-Signature-Settings) is checked with that key and the algorithm it names, never with
    the account token; without a configured key it is refused."""
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if not signature:
        return False
    settings_header = request.headers.get(SIGNATURE_SETTINGS_HEADER, "")
    secret = shared_key if settings_header else auth_token
    if not secret:
        return False
    params = request.POST if request.method == "POST" else {}
    return RequestValidator(secret).validate(public_url(request), params, signature,
                                             algorithm=get_signature_algorithm(settings_header))


def report_from_form(request: HttpRequest) -> CallReport:
    """A status report from Twilio's parameters. Reports about the contact's leg come to the callback URL
    with `?leg=contact&parent=<caller leg id>` (set in the bridging TwiML), so they are filed under the call
    `place_call` returned; their CallDuration is the time spent with the contact."""
    data, query = request.POST, request.GET
    is_contact_leg = query.get("leg") == "contact"
    call_id = (query.get("parent") if is_contact_leg else data.get("CallSid")) or ""
    if not call_id or len(call_id) > MAX_CALL_ID:
        raise ValueError("no call id")
    status = data.get("CallStatus", "")
    status = STATUS_ALIASES.get(status, status)
    if status and status not in KNOWN_STATUSES:
        raise ValueError(f"unknown call status {status!r}")
    duration = None
    if is_contact_leg and data.get("CallDuration", "") != "":
        duration = int(data["CallDuration"])
        if not 0 <= duration <= 24 * 3600:
            raise ValueError("call duration out of range")
    answered_by = data.get("AnsweredBy", "")[:20] if is_contact_leg else ""
    return CallReport(call_id=call_id, status=status, duration_seconds=duration, answered_by=answered_by,
                      leg="contact" if is_contact_leg else "caller")


def bridge_twiml(request: HttpRequest, *, caller_id: str, contact_number: str, callback_url: str) -> str:
    """TwiML for the caller's leg once their own phone answers: dial the contact showing `caller_id`.

    The caller's leg is placed with answering-machine detection, so when the caller's own voicemail picked
    up (AnsweredBy machine_* or fax) we hang up instead of connecting a contact to it. The contact's leg uses
    DetectMessageEnd, so its verdict arrives once a voicemail greeting ends: the moment to drop a message."""
    response = VoiceResponse()
    answered_by = request.POST.get("AnsweredBy", "")
    if answered_by.startswith("machine") or answered_by == "fax":
        response.hangup()
        return str(response)
    if not contact_number:
        response.say("This contact can no longer be called. Please return to the calling page.")
        response.hangup()
        return str(response)
    contact_callback = f"{callback_url}?{urlencode({'leg': 'contact', 'parent': request.POST.get('CallSid', '')})}"
    dial = response.dial(caller_id=caller_id)
    dial.number(contact_number, status_callback=contact_callback,
                status_callback_event="initiated ringing answered completed",
                machine_detection="DetectMessageEnd", amd_status_callback=contact_callback)
    return str(response)


def voicemail_twiml(message_url: str) -> str:
    response = VoiceResponse()
    response.play(message_url)
    response.hangup()
    return str(response)
