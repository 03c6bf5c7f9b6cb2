"""Input parsing for the person pages. Rules that need the database (and the API) live in services."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from groundswell.orgs.forms import time_zone_names
from groundswell.people import services
from groundswell.people.custom_fields import clean_custom
from groundswell.people.models import Channel, CustomField, Person

OPT_OUT_SOURCES = [
    ("asked in person", "They asked in person"),
    ("asked on a call", "They asked on a call"),
    ("asked by text", "They asked by text"),
    ("asked by email", "They asked by email"),
    ("written request", "Written request (letter, form)"),
    ("other", "Other (say why below)"),
]
# Only the person's own request may lift an opt-out (consent.opt_in).
OPT_IN_SOURCES = [
    ("asked in person", "They asked in person to hear from us again"),
    ("asked on a call", "They asked on a call"),
    ("asked in writing", "They asked in writing (email, letter, form)"),
]

CORE_FIELDS = [
    "first_name", "middle_name", "last_name", "suffix", "birth_date",
    "address1", "address2", "city", "state", "zip", "country", "latitude", "longitude",
    "time_zone", "language",
    "registration_status", "party", "county", "precinct",
    "congressional_district", "state_senate_district", "state_house_district",
]

FIELD_GROUPS = [
    ("Name", ["first_name", "middle_name", "last_name", "suffix", "birth_date"]),
    ("Phones and email", ["phones", "emails"]),
    ("Address", ["address1", "address2", "city", "state", "zip", "country", "latitude", "longitude",
                 "time_zone", "language"]),
    ("Voter file", ["registration_status", "party", "county", "precinct",
                    "congressional_district", "state_senate_district", "state_house_district"]),
]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def custom_form_field(field: CustomField) -> forms.Field:
    """The form field of one custom field; values are validated by custom_fields.clean_custom in clean()."""
    if field.kind == CustomField.Kind.CHOICE:
        return forms.ChoiceField(label=field.label, required=False,
                                 choices=[("", "—")] + [(c, c) for c in field.choices])
    widget = {
        CustomField.Kind.DATE: forms.DateInput(attrs={"type": "date"}),
        CustomField.Kind.NUMBER: forms.TextInput(attrs={"inputmode": "decimal"}),
    }.get(field.kind, forms.TextInput())
    return forms.CharField(label=field.label, required=False, max_length=500, widget=widget)


class PersonForm(forms.ModelForm):
    phones = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "inputmode": "tel"}),
                             help_text="One number per line, in any format: (512) 555-0123, +44 20 7946 0958.")
    emails = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "inputmode": "email"}),
                             help_text="One address per line.")

    class Meta:
        model = Person
        fields = CORE_FIELDS
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"time_zone": "Leave empty to derive it from the state or the phone's area code.",
                      "country": "Two letters, e.g. US."}

    def __init__(self, *args, custom_fields: list[CustomField], person: Person | None = None,
                 derived_zone: str = "", **kwargs) -> None:
        initial = kwargs.pop("initial", {}) or {}
        if derived_zone:
            # A derived zone shows as empty so that a new address or phone derives it again.
            initial["time_zone"] = ""
        if person is not None:
            initial.update({
                "phones": "\n".join(p.number for p in person.phones.all()),
                "emails": "\n".join(e.address for e in person.emails.all()),
                **{f"custom_{key}": value for key, value in person.custom.items()},
            })
        super().__init__(*args, instance=person, initial=initial, **kwargs)
        self.custom_fields = custom_fields
        for field in custom_fields:
            self.fields[f"custom_{field.key}"] = custom_form_field(field)
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"
        if derived_zone:
            self.fields["time_zone"].widget.attrs["placeholder"] = derived_zone
            self.fields["time_zone"].help_text = (
                f"Now {derived_zone}, derived from the state or phone. Type a zone only to override it.")

    @property
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The form's fields in the sections the page shows, custom fields last."""
        sections = [(legend, [self[name] for name in names]) for legend, names in FIELD_GROUPS]
        custom = [self[f"custom_{f.key}"] for f in self.custom_fields]
        return sections + ([("More", custom)] if custom else [])

    def _post_clean(self) -> None:
        # The service validates the whole person (names, lengths, coordinates) so the API shares the rules;
        # skipping ModelForm's instance validation keeps the form from writing to `instance` early.
        pass

    def clean_birth_date(self) -> date | None:
        value = self.cleaned_data.get("birth_date")
        if value and not date(1900, 1, 1) <= value <= date.today():
            raise ValidationError("A birth date between 1900 and today.")
        return value

    def clean_time_zone(self) -> str:
        value = self.cleaned_data.get("time_zone", "").strip()
        if value and value not in time_zone_names():
            raise ValidationError(f"unknown time zone {value!r} (use e.g. America/Chicago)")
        return value

    def clean_phones(self) -> list[str]:
        numbers = _lines(self.cleaned_data.get("phones", ""))
        try:
            services.parse_phones(numbers)
        except ValidationError as error:
            raise ValidationError(error.message_dict["phones"]) from None
        return numbers

    def clean_emails(self) -> list[str]:
        addresses = _lines(self.cleaned_data.get("emails", ""))
        try:
            services.parse_emails(addresses)
        except ValidationError as error:
            raise ValidationError(error.message_dict["emails"]) from None
        return addresses

    def clean(self) -> dict:
        data = super().clean()
        raw = {f.key: data.get(f"custom_{f.key}") for f in self.custom_fields
               if f"custom_{f.key}" in data and data.get(f"custom_{f.key}") not in (None, "")}
        try:
            data["custom"] = clean_custom(self.custom_fields, raw)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                self.add_error(f"custom_{key}", messages)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in CORE_FIELDS}
        return {**fields, "phones": data.get("phones", []), "emails": data.get("emails", []),
                "custom": data.get("custom", {})}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: its fields, custom fields by key, the rest form-wide."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        target = name if name in form.fields else f"custom_{name}" if f"custom_{name}" in form.fields else None
        form.add_error(target, messages)


class TagForm(forms.Form):
    name = forms.CharField(max_length=60, label="Tag")


class PhoneAddForm(forms.Form):
    number = forms.CharField(max_length=40, label="New number")


class NoteForm(forms.Form):
    body = forms.CharField(max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}), label="Note")


class ConsentForm(forms.Form):
    """Opt the person out of (or back into) one channel; the source says how we know they asked."""

    channel = forms.ChoiceField(choices=Channel.choices)
    action = forms.ChoiceField(choices=[("opt_out", "Opt out"), ("opt_in", "Opt back in")])
    source = forms.ChoiceField(choices=OPT_OUT_SOURCES + OPT_IN_SOURCES, label="How do we know?")
    note = forms.CharField(required=False, max_length=300, label="Note",
                           help_text="Anything the next person should know.")

    def clean(self) -> dict:
        data = super().clean()
        allowed = OPT_IN_SOURCES if data.get("action") == "opt_in" else OPT_OUT_SOURCES
        if data.get("source") and data["source"] not in dict(allowed):
            self.add_error("source", "Only the person's own request can opt them back in.")
        if data.get("source") == "other" and not data.get("note", "").strip():
            self.add_error("note", "Say how they asked.")
        return data


class CustomFieldForm(forms.Form):
    label = forms.CharField(max_length=80, label="Name")
    key = forms.CharField(max_length=40, required=False,
                          help_text="Used in imports and the API: lower-case letters, digits and _. "
                                    "Cannot change later.")
    kind = forms.ChoiceField(choices=CustomField.Kind.choices, label="Type")
    choices = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="For a choice field: one choice per line.")

    def __init__(self, *args, field: CustomField | None = None, **kwargs) -> None:
        if field is not None:
            kwargs.setdefault("initial", {"label": field.label, "key": field.key, "kind": field.kind,
                                          "choices": "\n".join(field.choices)})
        super().__init__(*args, **kwargs)
        if field is not None:
            self.fields["key"].disabled = True

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("choices", "").splitlines() if line.strip()]
