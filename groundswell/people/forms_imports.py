"""Input parsing for the import pages: the upload, and the column mapping (one <select> per CSV column)."""

from django import forms

from groundswell.people.importing.fields import VOTE_PREFIX, field_choices
from groundswell.people.importing.mapping import check_mapping
from groundswell.people.services_imports import max_upload_bytes, too_big_message

IGNORE = ""


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="A voter file or contact list with a header row: comma, semicolon or tab separated, "
                  "UTF-8 or Latin-1. You choose what each column means on the next screen.",
        error_messages={"required": "Choose the CSV file to import.",
                        "empty": "This file is empty; choose the CSV file with your people in it."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,text/csv"}),
    )
    update_existing = forms.BooleanField(
        required=False, initial=True, label="Update people already in the CRM",
        help_text="People are matched by voter-file id, else by email or phone. Unticked, matches are left "
                  "as they are and only new people are added.",
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > max_upload_bytes():
            raise forms.ValidationError(too_big_message(file.size))
        return file


class ImportMappingForm(forms.Form):
    """One choice per column, named col_<n> in header order, preselected from the suggested mapping."""

    def __init__(self, *args, header: list[str], suggested: dict[str, str], custom_fields=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.header = header
        elections = sorted({f[len(VOTE_PREFIX):] for f in suggested.values() if f.startswith(VOTE_PREFIX)},
                           reverse=True)
        choices = [(IGNORE, "— ignore this column —"), *field_choices(custom_fields, elections)]
        for i, column in enumerate(header):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=column, choices=choices, required=False, initial=suggested.get(column, IGNORE),
            )

    def rows(self, samples: list[list[str]]):
        """(column name, bound field, sample values) in header order, for the template."""
        return [(column, self[f"col_{i}"], samples[i]) for i, column in enumerate(self.header)]

    def clean(self):
        cleaned = super().clean()
        mapping: dict[str, str] = {}
        used: dict[str, str] = {}
        for i, column in enumerate(self.header):
            field = cleaned.get(f"col_{i}", IGNORE)
            if field and field in used:
                self.add_error(f"col_{i}", f"Column “{used[field]}” is already mapped to this field.")
                continue
            if field:
                used[field] = column
            mapping[column] = field
        if not self.errors:
            for problem in check_mapping(self.header, mapping):
                self.add_error(None, problem[:1].upper() + problem[1:] + ".")
        self.mapping = mapping
        return cleaned
