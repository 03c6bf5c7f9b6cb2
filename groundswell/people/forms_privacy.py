"""Input parsing for the export, erasure and duplicate-merge pages."""

from django import forms

from groundswell.people.dedupe_merge import KEEP, OTHER, FieldDiff
from groundswell.people.models import Person
from groundswell.people.privacy_export import COLUMN_CHOICES

DEFAULT_COLUMNS = ["names", "primary_phone", "primary_email"]


class ListExportForm(forms.Form):
    columns = forms.MultipleChoiceField(
        choices=COLUMN_CHOICES, initial=DEFAULT_COLUMNS, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one group of columns."},
        help_text="Every file starts with the person's id, so it can be matched back.",
    )
    reason = forms.CharField(
        max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        label="Why are you exporting these people?",
        help_text="Kept in the audit log with your name, the list and the columns.",
        error_messages={"required": "Say why you are exporting these people; it goes in the audit log."},
    )


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class PersonEraseForm(forms.Form):
    reason = forms.CharField(
        max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        label="Why is this person being erased?", help_text='For example "erasure request by email on 20 Nov".',
        error_messages={"required": "Give the reason for the erasure; it goes in the audit log."},
    )
    confirm_name = forms.CharField(max_length=200, label="Type the person's name to confirm")

    def __init__(self, *args, person: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["confirm_name"].help_text = f"Type “{person}” exactly as shown."

    def clean_confirm_name(self) -> str:
        typed = self.cleaned_data["confirm_name"]
        if not _same_name(typed, str(self.person)):
            raise forms.ValidationError(f"That is not the name on this record; type “{self.person}”.")
        return typed


class MergeForm(forms.Form):
    """One choice per field where the two records hold different values; a field left out keeps the value
    of the kept record."""

    def __init__(self, *args, diffs: list[FieldDiff], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for diff in diffs:
            self.fields[diff.name] = forms.ChoiceField(
                label=diff.label, widget=forms.RadioSelect, initial=KEEP, required=False,
                choices=[(KEEP, str(diff.keep_value)), (OTHER, str(diff.other_value))],
            )
