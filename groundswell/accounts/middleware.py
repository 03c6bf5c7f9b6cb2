from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device

from groundswell.accounts.services import two_factor_required


class TwoFactorRequiredMiddleware:
    """Enforce an organization's two-factor rule (services.two_factor_required) on every page.

    Without a confirmed device the user is sent to set one up; with one, a session that did not prove it
    (signed in through a path that skips the code, such as the admin login) is signed out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.enforce(request) or self.get_response(request)

    def enforce(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return None
        if not two_factor_required(user):
            return None
        if not user_has_device(user):
            if request.path.startswith(self.exempt_from_setup()):
                return None
            return self.go_to(request, reverse("accounts:otp-setup"))
        if user.is_verified():
            return None
        logout(request)
        # The API (by token) and the sign-in pages carry on as anonymous; every other page goes to sign-in.
        if request.path.startswith(self.exempt_from_login()):
            return None
        login_url = reverse("accounts:login")
        if request.method == "GET":
            login_url += "?" + urlencode({"next": request.get_full_path()})
        return self.go_to(request, login_url)

    @staticmethod
    def exempt_from_setup() -> tuple[str, ...]:
        return (reverse("accounts:otp-setup"), reverse("accounts:logout"), "/api/", reverse("admin:login"))

    @staticmethod
    def exempt_from_login() -> tuple[str, ...]:
        return (reverse("accounts:login"), reverse("accounts:logout"), "/api/", reverse("admin:login"))

    @staticmethod
    def go_to(request: HttpRequest, url: str) -> HttpResponse:
        # An htmx request would swap the redirected page into a fragment; ask htmx to navigate instead.
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
