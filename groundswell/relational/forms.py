"""Input parsing for the relational pages; the rules live in the services (their ValidationError is put back on
the form's fields by common.forms.add_service_errors)."""

import uuid

from django import forms

from groundswell.relational.models import BallotImport, Conversation, Program, ProgramDate, Relationship

MAX_UPLOAD = 5 * 1024 * 1024  # an address book of several thousand cards


class RelationshipForm(forms.ModelForm):
    phone = forms.CharField(max_length=40, required=False, widget=forms.TextInput(
        attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"}))
    phone_shared = forms.BooleanField(required=False, label="Share this number with the campaign")
    email = forms.CharField(max_length=254, required=False, widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    email_shared = forms.BooleanField(required=False, label="Share this email with the campaign")
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Relationship
        fields = ["first_name", "last_name", "kind", "closeness", "phone", "email", "city", "state", "zip",
                  "birthday", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            "birthday": forms.TextInput(attrs={"placeholder": "1985-04-12, 1985 or --04-12"}),
            "closeness": forms.RadioSelect,
        }
        help_texts = {"birthday": "Optional: the year alone helps find them in the voter file."}

    def __init__(self, *args, with_points: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not with_points:
            for name in ("phone", "phone_shared", "email", "email_shared", "client_uuid"):
                del self.fields[name]
        elif not self.is_bound:
            self.fields["client_uuid"].initial = uuid.uuid4()

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name not in ("phone", "email")}
        return data

    def points(self) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
        return ([(self.cleaned_data.get("phone", ""), self.cleaned_data.get("phone_shared", False))],
                [(self.cleaned_data.get("email", ""), self.cleaned_data.get("email_shared", False))])


class PasteForm(forms.Form):
    text = forms.CharField(
        label="One person per line", max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "Maria Lopez, 312-555-0101\nBob Smith bob@example.org"}),
    )
    shared = forms.BooleanField(required=False, label="Share their phones and emails with the campaign")


class UploadForm(forms.Form):
    file = forms.FileField(label="Address book (.vcf or contacts .csv from Google or Outlook)")
    shared = forms.BooleanField(required=False, label="Share their phones and emails with the campaign")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"That file is over {MAX_UPLOAD // (1024 * 1024)} MB; export fewer contacts.")
        return upload


class PointForm(forms.Form):
    kind = forms.ChoiceField(choices=[("phone", "Phone"), ("email", "Email")])
    value = forms.CharField(max_length=254)
    shared = forms.BooleanField(required=False, label="Share with the campaign")


class ConversationForm(forms.ModelForm):
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Conversation
        fields = ["channel", "outcome", "commitment", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2}), "outcome": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["client_uuid"].initial = uuid.uuid4()


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["name", "description", "election", "goal_min", "goal_max", "script", "materials", "evaluate"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "script": forms.Textarea(attrs={"rows": 5}),
            "materials": forms.Textarea(attrs={"rows": 3}),
            "goal_min": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "goal_max": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }


class KeyDateForm(forms.ModelForm):
    class Meta:
        model = ProgramDate
        fields = ["kind", "label", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class BallotForm(forms.Form):
    kind = forms.ChoiceField(choices=BallotImport.Kind.choices, widget=forms.RadioSelect,
                             initial=BallotImport.Kind.EARLY)
    file = forms.FileField(label="CSV with a voter_id column (and voted 0/1 for the final file)")


class CheckInForm(forms.Form):
    scheduled_for = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class CheckInNotesForm(forms.Form):
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5_000,
                            label="How it went: wins, blockers, numbers, next steps")
