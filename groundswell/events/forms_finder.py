"""The finder's filters (public list, map, embed): a GET form that turns a query string into a selectors.Finder.

Dates are whole days in one zone: the visitor's ZIP's zone when they gave a ZIP (that is where they are), else
the chosen team's zone, else UTC. Each event still shows its own times in its own zone."""

import datetime as dt
import zoneinfo

from django import forms

from groundswell.common.zones import zone_named
from groundswell.events.geo import BadZip, ZipPlace, zip_place
from groundswell.events.models import Event
from groundswell.events.selectors import Finder
from groundswell.orgs.models import Team

DISTANCES = [(5, "5 miles"), (10, "10 miles"), (25, "25 miles"), (50, "50 miles"), (100, "100 miles")]
DEFAULT_MILES = 25


class FinderForm(forms.Form):
    """Every field optional: an empty form finds every upcoming event the visitor may see.

    `filtered` is a hidden marker sent with the form: without it (a bare link such as `?team=north`), online
    events are included; with it, the unticked box means the visitor left them out. The radius only counts
    with a ZIP."""

    zip = forms.CharField(max_length=10, required=False, label="Near ZIP code",
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code",
                                                        "placeholder": "60614"}))
    distance = forms.TypedChoiceField(choices=DISTANCES, coerce=int, required=False, initial=DEFAULT_MILES,
                                      label="Within")
    start = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(choices=[("", "Any type"), *Event.Kind.choices], required=False, label="Type")
    effort = forms.ChoiceField(choices=[("", "Any effort"), *Event.Effort.choices], required=False,
                               label="Effort")
    team = forms.SlugField(required=False, widget=forms.HiddenInput)
    online = forms.BooleanField(required=False, label="Include online events")
    filtered = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, **kwargs):
        data = data.copy()
        if not data.get("filtered"):
            data["online"] = "on"
        if not data.get("distance"):
            data["distance"] = str(DEFAULT_MILES)  # shown selected, so the next search keeps it
        super().__init__(data, **kwargs)
        self.place: ZipPlace | None = None
        self.chosen_team: Team | None = None

    def clean_zip(self) -> str:
        raw = self.cleaned_data["zip"].strip()
        if raw:
            try:
                self.place = zip_place(raw)
            except BadZip as exc:
                raise forms.ValidationError(str(exc)) from None
        return raw

    def clean_team(self) -> str:
        """Any team by its slug: team names are shown on every public event, so naming one reveals nothing."""
        slug = self.cleaned_data["team"]
        if slug:
            self.chosen_team = Team.objects.filter(slug=slug).only("pk", "name", "slug", "time_zone").first()
            if self.chosen_team is None:
                raise forms.ValidationError("We don't know that team; it may have been renamed.")
        return slug

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date is before the start date.")
        return data

    @property
    def miles(self) -> int | None:
        """The radius: the chosen one, 25 miles when only a ZIP was given, none without a ZIP."""
        if self.place is None:
            return None
        return self.cleaned_data.get("distance") or DEFAULT_MILES

    def zone(self) -> zoneinfo.ZoneInfo:
        name = (self.place and self.place.time_zone) or (self.chosen_team and self.chosen_team.time_zone) or "UTC"
        return zone_named(name) or zoneinfo.ZoneInfo("UTC")

    def _day_start(self, day: dt.date | None) -> dt.datetime | None:
        return None if day is None else dt.datetime.combine(day, dt.time(), tzinfo=self.zone())

    def finder(self) -> Finder:
        """The selectors.Finder for a valid form (effort is filtered apart: `efforts`)."""
        data = self.cleaned_data
        end = data.get("end")
        return Finder(
            lat=self.place.latitude if self.place else None,
            lng=self.place.longitude if self.place else None,
            max_miles=self.miles,
            kinds=(data["kind"],) if data.get("kind") else (),
            team_ids=(self.chosen_team.pk,) if self.chosen_team else (),
            starts_after=self._day_start(data.get("start")),
            starts_before=self._day_start(end + dt.timedelta(days=1)) if end else None,
            include_virtual=data.get("online", True),
        )

    @property
    def team_name(self) -> str:
        return self.chosen_team.name if self.chosen_team else ""

    @property
    def efforts(self) -> tuple[str, ...]:
        return (self.cleaned_data["effort"],) if self.cleaned_data.get("effort") else ()

    def wider(self) -> int | None:
        """The next radius up, for the empty state ("try 50 miles")."""
        bigger = [miles for miles, _ in DISTANCES if self.miles and miles > self.miles]
        return bigger[0] if bigger else None
