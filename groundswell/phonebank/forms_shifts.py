"""The organizer's "add a shift" form: a day, a start and an end time read in the team's time zone, and a
number of places. Domain rules (in the future, ends after it starts, 1–500 places) live in services_shifts;
their errors land back on these fields through `add_service_errors`."""

import datetime as dt
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError

from groundswell.phonebank.services_shifts import MAX_CAPACITY

# Service error keys → the form field that shows them.
FIELD_FOR = {"starts_at": "start", "ends_at": "end", "capacity": "capacity"}


class ShiftForm(forms.Form):
    date = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="Starts", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label="Ends", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    capacity = forms.IntegerField(label="Callers", min_value=1, max_value=MAX_CAPACITY, initial=10,
                                  widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(time_zone)
        self.fields["start"].help_text = self.fields["end"].help_text = f"{time_zone} time"

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        """The shift's start and end as aware datetimes in the team's zone (stored in UTC by the service)."""
        day = self.cleaned_data["date"]
        starts = dt.datetime.combine(day, self.cleaned_data["start"], tzinfo=self.zone)
        ends = dt.datetime.combine(day, self.cleaned_data["end"], tzinfo=self.zone)
        return starts, ends


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields; anything else form-wide."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(FIELD_FOR.get(name), messages)
