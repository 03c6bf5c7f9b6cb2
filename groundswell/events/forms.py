"""Input parsing for the event pages (HTML only; the services validate again and own the rules)."""

import datetime as dt
import uuid

from django import forms
from django.core.exceptions import ValidationError

from groundswell.common.forms import add_service_errors
from groundswell.events.models import Event
from groundswell.events.services_signups import Contact, clean_contact


class SignupForm(forms.Form):
    """The public signup: one screen on a phone. `shift` choices are the event's bookable shifts."""

    shift = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="When can you come?")
    first_name = forms.CharField(max_length=80, required=False, label="First name")
    last_name = forms.CharField(max_length=80, required=False, label="Last name")
    email = forms.CharField(max_length=254, required=False, label="Email",
                            widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(max_length=30, required=False, label="Mobile phone",
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    zip = forms.CharField(max_length=10, required=False, label="ZIP code",
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}))
    consent = forms.BooleanField(required=False, initial=True,
                                 label="You may call or text me about this and future actions")
    ref = forms.CharField(max_length=16, required=False, widget=forms.HiddenInput)
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, shifts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].choices = [(s.pk, s.label) for s in shifts]
        if len(self.fields["shift"].choices) == 1 and not self.is_bound:
            self.initial["shift"] = self.fields["shift"].choices[0][0]
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.initial.setdefault("client_uuid", uuid.uuid4())

    def clean(self):
        """Every field's message at once (the service's rules: name, email or phone, a real ZIP)."""
        data = super().clean()
        try:
            clean_contact(Contact(first_name=data.get("first_name", ""), last_name=data.get("last_name", ""),
                                  email=data.get("email", ""), phone=data.get("phone", ""), zip=data.get("zip", "")))
        except ValidationError as exc:
            add_service_errors(self, exc)
        return data


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "kind", "effort", "description", "mode", "venue", "address1", "city", "state", "zip",
                  "join_url", "dial_in", "visibility", "time_zone", "contact_name", "contact_email",
                  "contact_phone", "campaign"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "mode": forms.RadioSelect,
                   "effort": forms.RadioSelect}

    tags_text = forms.CharField(required=False, label="Tags", help_text="Comma separated, e.g. gotv, students")

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].required = False
        self.fields["time_zone"].help_text = "Leave empty to take it from the ZIP code (or the team's)."
        field = self.fields["campaign"]
        field.queryset = campaigns if campaigns is not None else field.queryset.none()
        self.fields["campaign"].required = False
        self.fields["campaign"].label = "Phone bank or canvass it works (optional)"
        if self.instance.pk:
            self.initial["tags_text"] = ", ".join(self.instance.tags)

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["tags"] = [t for t in self.cleaned_data["tags_text"].split(",") if t.strip()]
        return data


class ShiftForm(forms.Form):
    """Shifts in the event's local time: a day, start and end, capacity, and how many weeks to repeat."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial=dt.time(10))
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial=dt.time(12))
    capacity = forms.IntegerField(required=False, min_value=1, help_text="Empty: no limit")
    weeks = forms.IntegerField(min_value=1, max_value=52, initial=1, label="Repeat weekly for (weeks)")


class WalkInForm(forms.Form):
    shift = forms.TypedChoiceField(coerce=int)
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80, required=False)
    email = forms.CharField(max_length=254, required=False)
    phone = forms.CharField(max_length=30, required=False)


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=150)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    include_waitlist = forms.BooleanField(required=False, label="Also send to people on the waitlist")


class CancelForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False, label="Why (sent to everyone signed up)",
                             widget=forms.Textarea(attrs={"rows": 3}))
