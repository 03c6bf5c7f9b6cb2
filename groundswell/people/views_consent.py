"""Consent buttons, adding a number and marking a wrong one on a person's page (htmx swaps the section;
plain posts redirect)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from groundswell.orgs.roles import Cap
from groundswell.people import consent, selectors, services
from groundswell.people.forms import ConsentForm, PhoneAddForm
from groundswell.people.views import partial_or_page


@require_POST
@login_required
def person_consent(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    form = ConsentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"] == "opt_out":
            consent.opt_out(actor=request.actor, person=person, channel=data["channel"], source=data["source"],
                            value=selectors.primary_contact_value(person, data["channel"]), note=data["note"])
        else:
            consent.opt_in(actor=request.actor, person=person, channel=data["channel"], source=data["source"],
                           note=data["note"])
        form = ConsentForm()
    return partial_or_page(request, person.pk, "people/_consent.html", {"consent_form": form})


@require_POST
@login_required
def phone_invalid(request: HttpRequest, person_id: int, phone_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    phone = selectors.get_phone(person=person, phone_id=phone_id)
    services.phone_mark_invalid(actor=request.actor, phone=phone, reason=request.POST.get("reason", "")[:60]
                                or "wrong number")
    return partial_or_page(request, person.pk, "people/_phones.html", {})


@require_POST
@login_required
def phone_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_for(request.actor, person_id, Cap.EDIT_PEOPLE)
    form = PhoneAddForm(request.POST)
    if form.is_valid():
        try:
            services.phone_add(actor=request.actor, person=person, raw=form.cleaned_data["number"])
        except ValidationError as error:
            form.add_error("number", error.message_dict.get("phones", error.messages))
        else:
            form = PhoneAddForm()
    return partial_or_page(request, person.pk, "people/_phones.html", {"phone_form": form})
