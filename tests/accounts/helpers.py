"""Small helpers for the accounts tests: authenticator devices and the codes they would show."""

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from groundswell.accounts.models import User
from tests.factories import PASSWORD


def totp_device(user: User, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=confirmed)


def totp_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    """A well-formed code that is valid for none of the time steps the device accepts."""
    valid = {totp(device.bin_key, device.step, device.t0 - offset * device.step) for offset in (-2, -1, 0, 1, 2)}
    code = (int(totp_code(device)) + 1) % 1_000_000
    while code in valid:
        code = (code + 1) % 1_000_000
    return f"{code:06d}"


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"email": email, "password": password}, **extra)
