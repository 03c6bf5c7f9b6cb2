"""Input parsing for the team, member, invitation and join pages. Rules that need the database live in services."""

import zoneinfo
from datetime import timedelta
from functools import cache

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone

from groundswell.orgs.models import Membership, Team

COMMON_TIME_ZONES = [
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "America/Toronto", "America/Mexico_City",
    "America/Sao_Paulo", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
    "Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg", "Asia/Kolkata", "Asia/Manila", "Asia/Tokyo",
    "Australia/Sydney", "Pacific/Auckland", "UTC",
]

AUTONOMY_LABELS = {
    "can_create_events": "Members of this team may create events on their own",
    "can_edit_scripts": "Members of this team may write and edit call and canvass scripts",
    "can_import_people": "Members of this team may import lists of people",
    "can_invite": "Members of this team may invite new people with join links",
}

AVAILABILITY_CHOICES = [
    ("weekday_mornings", "Weekday mornings"),
    ("weekday_evenings", "Weekday evenings"),
    ("weekends", "Weekends"),
]
INTEREST_CHOICES = [
    ("phone_banking", "Calling voters (phone banking)"),
    ("canvassing", "Knocking on doors (canvassing)"),
    ("texting", "Texting voters"),
    ("relational", "Talking to people I know"),
    ("events", "Helping run events"),
    ("data", "Data and spreadsheets"),
]
EXPIRY_CHOICES = [("1", "1 day"), ("7", "7 days"), ("30", "30 days"), ("never", "Never")]


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def time_zone_choices(current: str = "") -> list[tuple[str, str]]:
    zones = list(COMMON_TIME_ZONES)
    if current and current not in zones:
        zones.insert(0, current)
    return [(zone, zone.replace("_", " ")) for zone in zones]


def role_choices(roles: list[str]) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Membership.Role.choices if value in roles]


class TeamForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=Team.Kind.choices)
    time_zone = forms.ChoiceField(help_text="Times on this team's pages are shown in this zone.")
    mission = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="One or two sentences newcomers see when they join.")
    code_of_conduct = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Leave empty to use the code of conduct of the team above.",
    )
    can_create_events = forms.BooleanField(required=False, label=AUTONOMY_LABELS["can_create_events"])
    can_edit_scripts = forms.BooleanField(required=False, label=AUTONOMY_LABELS["can_edit_scripts"])
    can_import_people = forms.BooleanField(required=False, label=AUTONOMY_LABELS["can_import_people"])
    can_invite = forms.BooleanField(required=False, label=AUTONOMY_LABELS["can_invite"])
    require_2fa_for_admins = forms.BooleanField(
        required=False, label="Admins and data stewards must use two-factor sign-in",
    )

    def __init__(self, *args, team: Team, **kwargs) -> None:
        initial = {name: getattr(team, name) for name in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices(team.time_zone)
        if not team.is_root():
            del self.fields["require_2fa_for_admins"]

    @property
    def autonomy_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in AUTONOMY_LABELS]


class TeamCreateForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=Team.Kind.choices, initial=Team.Kind.TEAM)
    mission = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TeamMoveForm(forms.Form):
    parent = forms.ModelChoiceField(queryset=Team.objects.none(), label="New parent team",
                                    empty_label="Choose a team")

    def __init__(self, *args, targets, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = targets
        self.fields["parent"].label_from_instance = lambda t: f"{'— ' * (t.depth - 1)}{t.name}"


class MemberAddForm(forms.Form):
    email = forms.EmailField(max_length=254)
    full_name = forms.CharField(max_length=200, required=False, label="Name",
                                help_text="Needed only when this person has no account yet.")
    role = forms.ChoiceField()

    def __init__(self, *args, roles: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)
        if "volunteer" in roles:
            self.fields["role"].initial = "volunteer"


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField()

    def __init__(self, *args, roles: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)


class InvitationForm(forms.Form):
    role = forms.ChoiceField()
    email = forms.EmailField(required=False, max_length=254,
                             help_text="Only this person may use the link. Leave empty for a link anyone can use.")
    expires_in = forms.ChoiceField(choices=EXPIRY_CHOICES, initial="7", label="Link works for")
    max_uses = forms.IntegerField(required=False, min_value=1, max_value=10000, label="How many people may use it",
                                  help_text="Leave empty for no limit.")
    note = forms.CharField(required=False, max_length=200, help_text="For you: where you shared it.")

    def __init__(self, *args, roles: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)
        if "volunteer" in roles:
            self.fields["role"].initial = "volunteer"

    def clean(self) -> dict:
        data = super().clean()
        days = data.get("expires_in")
        data["expires_at"] = None if days in (None, "never") else timezone.now() + timedelta(days=int(days))
        return data


class JoinAccountForm(forms.Form):
    full_name = forms.CharField(max_length=200, label="Your name",
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        max_length=200, strip=False, label="Choose a password", help_text="At least 10 characters.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, only_email: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.only_email = only_email.lower()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if self.only_email and email != self.only_email:
            raise forms.ValidationError("This invitation was made for another email address: use that one.")
        return email

    def clean_password(self) -> str:
        # Checked here too so every problem shows at once; the service checks again against the name and email.
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class JoinPasswordForm(forms.Form):
    email = forms.EmailField(max_length=254, widget=forms.HiddenInput)
    password = forms.CharField(max_length=200, strip=False, label="Your password",
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password",
                                                                 "autofocus": True}))


class PreferencesForm(forms.Form):
    availability = forms.MultipleChoiceField(choices=AVAILABILITY_CHOICES, required=False,
                                             widget=forms.CheckboxSelectMultiple, label="When can you help?")
    interests = forms.MultipleChoiceField(choices=INTEREST_CHOICES, required=False,
                                          widget=forms.CheckboxSelectMultiple, label="What would you like to do?")
