"""Reading the calling card's "Save & next" post: the fixed fields by a form, the survey answers by question.

Only the shape is checked here (a number is a number); whether the result code and the answers belong to the
campaign is outreach.attempts' rule, so the page and the API refuse the same things."""

from django import forms
from django.http import QueryDict

from groundswell.outreach.models import Question


class AttemptForm(forms.Form):
    target_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # Made by the browser when the card is shown (calling.js); a page without JS sends the server's fallback.
    client_uuid = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    client_uuid_fallback = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    result = forms.CharField(max_length=40, error_messages={"required": "Pick how the call went."})
    notes = forms.CharField(required=False, strip=True)
    duration_seconds = forms.IntegerField(required=False, min_value=0)

    def uuid(self) -> str:
        return self.cleaned_data["client_uuid"] or self.cleaned_data["client_uuid_fallback"]


def answer_field(question: Question) -> str:
    return f"q_{question.key}"


def posted_answers(data: QueryDict, questions: list[Question]) -> dict[str, str | list[str]]:
    """The answers given on the card, keyed by question key; unanswered (and branched-away) questions are
    left out: the browser sends nothing for them."""
    answers: dict[str, str | list[str]] = {}
    for question in questions:
        name = answer_field(question)
        if question.kind == Question.Kind.MULTIPLE:
            values = [v for v in data.getlist(name) if v]
            if values:
                answers[question.key] = values
        elif data.get(name, "").strip():
            answers[question.key] = data[name].strip() if question.kind == Question.Kind.TEXT else data[name]
    return answers
