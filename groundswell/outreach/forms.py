"""Input parsing for the organizer's campaign pages. The rules (merge fields, the calling window, the list's
team) live in outreach.services, so a form only parses; the service's ValidationError is put back on the
form's fields by `add_service_errors`."""

from django import forms
from django.core.exceptions import ValidationError

from groundswell.common.forms import add_service_errors  # noqa: F401 (views import it from here)
from groundswell.outreach.models import Campaign, Question, ResultCode

DEFAULT_SCRIPT = (
    "Hi {first_name}, my name is {volunteer_first_name} and I'm a volunteer with {team_name}.\n\n"
    "We're calling neighbours in {city} about {campaign_name}. Do you have a minute?\n\n"
    "[If yes] Ask the survey questions below.\n"
    "[If no] No problem — thanks for your time, and have a good evening!"
)

SETTINGS = ["window_start", "window_end", "max_attempts", "claim_minutes", "max_open_claims", "finish_open_first"]


class CampaignForm(forms.ModelForm):
    """Name, list, script and the calling settings. Model validation is left to services.campaign_*."""

    class Meta:
        model = Campaign
        fields = ["name", "people_list", "script", "training", "event_link", *SETTINGS]
        widgets = {
            "script": forms.Textarea(attrs={"rows": 8}),
            "training": forms.Textarea(attrs={"rows": 3}),
            "window_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "window_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "max_attempts": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "claim_minutes": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "max_open_claims": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {"script": "What callers say. Merge fields in braces are filled for each contact."}

    def __init__(self, *args, lists, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people_list"].queryset = lists
        self.fields["people_list"].empty_label = "— choose a list —"
        self.fields["people_list"].help_text = "The people to call. The campaign keeps in step as the list changes."

    def _post_clean(self) -> None:
        # The service validates the whole campaign (and the instance must not change before it does).
        pass

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewCampaignForm(CampaignForm):
    """Creating asks only what a campaign cannot start without; settings keep their defaults."""

    class Meta(CampaignForm.Meta):
        fields = ["name", "people_list", "script"]


class QuestionForm(forms.Form):
    """A survey question. Choices are one per line: `value | label | next question number` — only the value
    is needed (a line "Yes" is the choice yes, labelled Yes, going on in order)."""

    prompt = forms.CharField(max_length=300, label="Question",
                             widget=forms.TextInput(attrs={"placeholder": "Can we count on your vote?"}))
    key = forms.SlugField(max_length=40, label="Short name",
                          help_text="Used in exports and the API, e.g. support. Letters, numbers, - and _.")
    kind = forms.ChoiceField(choices=Question.Kind.choices, label="Answer type")
    choices = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4, "placeholder": "yes | Yes | 2\nno | No\nunsure"}),
        help_text="One per line: value | label | next question number (label and next are optional).",
    )
    required = forms.BooleanField(required=False, label="Callers must answer it")

    def clean_choices(self) -> list[dict]:
        rows = []
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) > 3:
                raise ValidationError(f"line {number}: use at most two | (value | label | next)")
            nxt = parts[2] if len(parts) == 3 else ""
            if nxt and not nxt.isdigit():
                raise ValidationError(f"line {number}: the next question must be a number, not {nxt!r}")
            rows.append({"value": parts[0], "label": parts[1] if len(parts) > 1 else "", "next": nxt or None})
        return rows


def choices_text(question: Question) -> str:
    """A question's choices as the editor's lines (the inverse of QuestionForm.clean_choices)."""
    lines = []
    for choice in question.choices:
        parts = [choice["value"], choice.get("label") or ""]
        if choice.get("next") is not None:
            parts.append(str(choice["next"]))
        lines.append(" | ".join(parts).rstrip(" |"))
    return "\n".join(lines)


class ResultCodeForm(forms.Form):
    label = forms.CharField(max_length=80)
    retry_after_minutes = forms.IntegerField(
        required=False, label="Try again after (minutes)",
        help_text="Empty: the result is final for the campaign. 0 to 10080 (a week).",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    active = forms.BooleanField(required=False, label="In use")


class NewResultCodeForm(ResultCodeForm):
    code = forms.CharField(max_length=40, label="Short name", help_text="e.g. spanish_speaker")
    category = forms.ChoiceField(choices=ResultCode.Category.choices)
    field_order = ["label", "code", "category", "retry_after_minutes", "active"]
