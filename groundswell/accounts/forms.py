"""Input parsing for the accounts pages. Checks that need the database live in services.py."""

import zoneinfo
from functools import cache

from django import forms
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm

from groundswell.accounts.models import User


@cache
def time_zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())


class LoginForm(forms.Form):
    email = forms.EmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        max_length=200, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class OtpCodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\d{6}$",
        label="6-digit code",
        error_messages={"invalid": "Type the 6 digits your authenticator app shows."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}",
                   "maxlength": 6, "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    preferred_name = forms.CharField(
        max_length=100, required=False, help_text="What people call you, if not your first name.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    phone = forms.CharField(
        max_length=32, required=False,
        # A text input with the phone keypad: app.css styles text inputs, and "tel" adds nothing else here.
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    time_zone = forms.CharField(
        max_length=64, required=False, help_text="For example America/Chicago or Europe/Berlin.",
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )

    @classmethod
    def for_user(cls, user: User, data=None) -> "ProfileForm":
        initial = {name: getattr(user, name) for name in cls.base_fields}
        return cls(data=data, initial=initial)

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"].strip()
        if value and value not in time_zone_names():
            raise forms.ValidationError("%(value)s is not a time zone we know (e.g. America/Chicago).",
                                        params={"value": value}, code="unknown")
        return value


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100, label="Token name", help_text="Where you will use it, e.g. “spreadsheet sync”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, except people invited without a password may use it: that is how they set one."""

    def get_users(self, email: str):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)
