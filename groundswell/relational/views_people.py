"""My people: the volunteer's own contacts on a phone — add one, paste a list, upload an address book; confirm
"is this your friend?"; log a conversation; share a phone or email; send a personal join link."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from groundswell.common.errors import Conflict, NotFound, PermissionDenied
from groundswell.common.forms import add_service_errors
from groundswell.common.ids import parse_id
from groundswell.relational import selectors, services_contacts, services_conversations, services_match
from groundswell.relational.addressbook import AddressBookError, parse_pasted, parse_upload
from groundswell.relational.forms import ConversationForm, PasteForm, PointForm, RelationshipForm, UploadForm
from groundswell.relational.matching.compare import LEVELS
from groundswell.relational.models import Relationship
from groundswell.relational.tasks import match_relationships_task

FILTERS = [("", "All"), (Relationship.Match.CANDIDATES, "To confirm"), (Relationship.Match.CONFIRMED, "Matched"),
           (Relationship.Match.NONE, "Not in the voter file"), (Relationship.Match.UNMATCHED, "No match yet")]


@login_required
def people_index(request: HttpRequest) -> HttpResponse:
    q, status = request.GET.get("q", "").strip(), request.GET.get("status", "")
    contacts = selectors.my_relationships(request.actor, q=q, status=status)
    return render(request, "relational/people_index.html", {
        "page": Paginator(contacts, 50).get_page(request.GET.get("page")), "q": q, "status": status,
        "filters": FILTERS, "counts": selectors.my_counts(request.actor),
    })


@login_required
def people_add(request: HttpRequest) -> HttpResponse:
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phones, emails = form.points()
        try:
            relationship, _ = services_contacts.relationship_create(
                actor=request.actor, phones=phones, emails=emails, client_uuid=form.cleaned_data["client_uuid"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, _on_form_fields(error))
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Added {relationship.name}.")
            return redirect("relational:person-detail", relationship.pk)
    return render(request, "relational/people_add.html", {"form": form})


def _on_form_fields(error: ValidationError) -> ValidationError:
    """The service names the lists ("phones", "emails"); the form has one box of each, where the volunteer
    should see what is wrong with what they typed."""
    names = {"phones": "phone", "emails": "email"}
    return ValidationError({names.get(name, name): messages for name, messages in error.message_dict.items()})


def _bulk_done(request: HttpRequest, result, what: str) -> HttpResponse:
    if result.created:
        match_relationships_task.enqueue([r.pk for r in result.created])
    return render(request, "relational/people_added.html", {"result": result, "what": what})


@login_required
def people_paste(request: HttpRequest) -> HttpResponse:
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        parsed = parse_pasted(form.cleaned_data["text"])
        try:
            result = services_contacts.relationships_add_drafts(
                actor=request.actor, drafts=((d.line, d) for d in parsed.contacts), source=Relationship.Source.PASTE,
                shared=form.cleaned_data["shared"])
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            result.problems = sorted([*result.problems, *((e.line, e.raw, e.reason) for e in parsed.errors)])
            return _bulk_done(request, result, "pasted list")
    return render(request, "relational/people_paste.html", {"form": form})


@login_required
def people_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = parse_upload(upload.read(), upload.name)
            result = services_contacts.relationships_add_drafts(
                actor=request.actor, drafts=((d.line, d) for d in parsed.contacts), source=Relationship.Source.UPLOAD,
                shared=form.cleaned_data["shared"])
        except AddressBookError as error:
            form.add_error("file", str(error))
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            result.problems = sorted([*result.problems, *((e.line, e.raw, e.reason) for e in parsed.errors)])
            return _bulk_done(request, result, upload.name)
    return render(request, "relational/people_upload.html", {"form": form})


def age_of(birth_date: dt.date | None, today: dt.date) -> int | None:
    if birth_date is None:
        return None
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


FIELD_WORDS = {"first_name": "first name", "middle_name": "middle name", "last_name": "last name",
               "dob": "birthday", "zip": "ZIP"}


def agreed_on(agreements: dict[str, str]) -> str:
    """The matcher's reasons in words ("first name (nickname), city (exact)"): why this card is shown, without
    showing the voter's own values. In the matcher's field order, since PostgreSQL's jsonb keeps its own."""
    order = {field: i for i, field in enumerate(LEVELS)}
    return ", ".join(f"{FIELD_WORDS.get(field, field.replace('_', ' '))} ({level})"
                     for field, level in sorted(agreements.items(), key=lambda item: order.get(item[0], len(order)))
                     if level not in ("different", "missing"))


@login_required
def person_detail(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for(request.actor, relationship_id)
    return _detail(request, relationship)


def _detail(request: HttpRequest, relationship: Relationship, *, conversation_form: ConversationForm | None = None,
            point_form: PointForm | None = None, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    candidates = selectors.open_candidates(relationship)
    for candidate in candidates:  # what the volunteer is shown: no more personal data than needed to recognise
        person = candidate.person
        candidate.card = {"first_name": person.first_name.title(), "initial": person.last_name[:1].upper(),
                          "age": age_of(person.birth_date, today), "city": person.city.title(),
                          "agreed": agreed_on(candidate.agreements)}
    invitation = services_conversations.invitation_of(relationship)
    return render(request, "relational/person_detail.html", {
        "contact": relationship, "candidates": candidates, "points": relationship.points.all(),
        "conversations": relationship.conversations.all()[:20],
        "conversation_form": conversation_form or ConversationForm(),
        "point_form": point_form or PointForm(),
        "invitation": invitation,
        "invite_url": (request.build_absolute_uri(reverse("join:invitation", args=[invitation.token]))
                       if invitation else ""),
        "joined": services_conversations.joined_membership(relationship),
        "zone": request.user.time_zone or relationship.team.time_zone,  # when they logged it, on their clock
    }, status=status)


@login_required
def person_edit(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for(request.actor, relationship_id)
    form = RelationshipForm(request.POST or None, instance=relationship, with_points=False)
    if request.method == "POST" and form.is_valid():
        try:
            services_contacts.relationship_update(actor=request.actor, relationship=relationship,
                                                  **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("relational:person-detail", relationship.pk)
    return render(request, "relational/person_edit.html", {"form": form, "contact": relationship})


@require_POST
@login_required
def person_delete(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for(request.actor, relationship_id)
    services_contacts.relationship_delete(actor=request.actor, relationship=relationship)
    messages.success(request, f"Removed {relationship.name} from your people.")
    return redirect("relational:people-index")


@require_POST
@login_required
def point_add(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for(request.actor, relationship_id)
    form = PointForm(request.POST)
    if form.is_valid():
        try:
            services_contacts.point_add(actor=request.actor, relationship=relationship, raw=form.cleaned_data["value"],
                                        kind=form.cleaned_data["kind"], shared=form.cleaned_data["shared"])
        except ValidationError as error:
            form.add_error("value", "; ".join(m for ms in error.message_dict.values() for m in ms))
        else:
            if relationship.match_status != Relationship.Match.CONFIRMED:
                services_match.relationship_find_matches(relationship)
            return redirect("relational:person-detail", relationship.pk)
    return _detail(request, relationship, point_form=form, status=422)


@require_POST
@login_required
def point_share(request: HttpRequest, point_id: int) -> HttpResponse:
    point = selectors.get_point_for(request.actor, point_id)
    services_contacts.point_share(actor=request.actor, point=point, shared=request.POST.get("shared") == "1")
    return redirect("relational:person-detail", point.relationship_id)


@require_POST
@login_required
def point_remove(request: HttpRequest, point_id: int) -> HttpResponse:
    point = selectors.get_point_for(request.actor, point_id)
    services_contacts.point_remove(actor=request.actor, point=point)
    return redirect("relational:person-detail", point.relationship_id)


def _person_id(request: HttpRequest) -> int:
    return parse_id(request.POST.get("person")) or 0


@require_POST
@login_required
def match_answer(request: HttpRequest, relationship_id: int, answer: str) -> HttpResponse:
    """yes (confirm a candidate), no (not this one), none (none of these), undo, refresh (look again)."""
    relationship = selectors.get_relationship_for(request.actor, relationship_id)
    actor = request.actor
    if answer == "yes":
        services_match.match_confirm(actor=actor, relationship=relationship, person_id=_person_id(request))
        messages.success(request, f"Matched {relationship.first_name} to the voter file. Thank you!")
    elif answer == "no":
        services_match.match_reject(actor=actor, relationship=relationship, person_id=_person_id(request))
    elif answer == "none":
        services_match.match_none(actor=actor, relationship=relationship)
        messages.info(request, f"{relationship.first_name} stays on your list, not linked to the voter file.")
    elif answer == "undo":
        services_match.match_undo(actor=actor, relationship=relationship)
        messages.info(request, "Match undone.")
    elif answer == "refresh":
        found = services_match.relationship_find_matches(relationship)
        if not found:
            messages.info(request, f"Still no one in the voter file looks like {relationship.first_name}.")
    else:
        raise NotFound("answer")
    return redirect("relational:person-detail", relationship.pk)


@require_POST
@login_required
def conversation_add(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for(request.actor, relationship_id)
    form = ConversationForm(request.POST)
    if form.is_valid():
        try:
            services_conversations.conversation_log(
                actor=request.actor, relationship=relationship, client_uuid=form.cleaned_data["client_uuid"],
                channel=form.cleaned_data["channel"], outcome=form.cleaned_data["outcome"],
                commitment=form.cleaned_data["commitment"], notes=form.cleaned_data["notes"],
                program=_program_of(request, relationship),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Logged your conversation with {relationship.first_name}.")
            back = request.POST.get("next", "")
            return redirect(back if back.startswith("/programs/") else reverse("relational:person-detail",
                                                                               args=[relationship.pk]))
    return _detail(request, relationship, conversation_form=form, status=422)


def _program_of(request: HttpRequest, relationship: Relationship):
    """The program this conversation counts for: the one the captain logged it from, if they are on its list."""
    program_id = parse_id(request.POST.get("program"))
    if program_id is None:
        return None
    entry = relationship.program_entries.filter(captain__program_id=program_id,
                                                captain__user_id=request.actor.user_id).first()
    return entry.captain.program if entry else None


@require_POST
@login_required
def invite(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = selectors.get_relationship_for(request.actor, relationship_id)
    try:
        services_conversations.relationship_invite(actor=request.actor, relationship=relationship)
    except (PermissionDenied, Conflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Here is {relationship.first_name}'s personal join link: send it your way.")
    return redirect("relational:person-detail", relationship.pk)
