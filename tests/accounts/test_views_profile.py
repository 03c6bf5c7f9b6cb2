from django.test import Client
from django.urls import reverse

from groundswell.accounts.models import ApiToken
from groundswell.audit.models import AuditEntry
from tests.accounts.helpers import totp_device

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_it_saves_the_profile(personas, client_for):
    client = client_for(personas.volunteer)
    data = {"full_name": "Valerie Volunteer", "preferred_name": "Val", "phone": "+1 555 0100",
            "time_zone": "America/Chicago"}
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 302
    personas.volunteer.refresh_from_db()
    assert (personas.volunteer.full_name, personas.volunteer.time_zone) == ("Valerie Volunteer", "America/Chicago")
    assert AuditEntry.objects.filter(actor=personas.volunteer, action="accounts.profile.updated").exists()


def test_it_refuses_an_unknown_time_zone_with_a_field_error(personas, client_for):
    client = client_for(personas.volunteer)
    response = client.post(reverse("accounts:profile"), {"full_name": "Val", "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "not a time zone we know" in response.context["form"].errors["time_zone"][0]
    personas.volunteer.refresh_from_db()
    assert personas.volunteer.full_name == "Val Volunteer"


def test_it_shows_whether_two_factor_is_on(personas, client_for):
    client = client_for(personas.volunteer)
    assert reverse("accounts:otp-setup").encode() in client.get(reverse("accounts:profile")).content
    totp_device(personas.volunteer)
    page = client.get(reverse("accounts:profile"))
    assert page.context["otp_device"] is not None
    assert b"Turn off two-factor sign-in" in page.content


def test_it_creates_a_token_and_shows_its_secret_once(personas, client_for):
    client = client_for(personas.volunteer)
    response = client.post(reverse("accounts:token-create"), {"name": "sheet sync"}, **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/_tokens.html"
    assert "base.html" not in [t.name for t in response.templates]
    secret = response.context["new_secret"]
    assert secret.encode() in response.content
    token = ApiToken.objects.get(user=personas.volunteer)
    assert token.name == "sheet sync"
    assert secret.encode() not in client.get(reverse("accounts:profile")).content


def test_it_asks_for_a_token_name(personas, client_for):
    response = client_for(personas.volunteer).post(reverse("accounts:token-create"), {"name": ""}, **HTMX)
    assert response.status_code == 200
    assert response.context["token_form"].errors["name"]
    assert not ApiToken.objects.filter(user=personas.volunteer).exists()


def test_it_revokes_an_own_token(personas, client_for):
    client = client_for(personas.volunteer)
    client.post(reverse("accounts:token-create"), {"name": "sheet"}, **HTMX)
    token = ApiToken.objects.get(user=personas.volunteer)
    response = client.post(reverse("accounts:token-revoke", args=[token.pk]), **HTMX)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert b"revoked" in response.content


def test_it_gives_404_for_another_users_token(personas, client_for):
    client_for(personas.admin).post(reverse("accounts:token-create"), {"name": "admin's"}, **HTMX)
    token = ApiToken.objects.get(user=personas.admin)
    response = client_for(personas.outsider).post(reverse("accounts:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_creates_tokens_without_javascript_too(personas, client_for):
    response = client_for(personas.volunteer).post(reverse("accounts:token-create"), {"name": "cli"})
    assert response.status_code == 200
    assert response.context["new_secret"].encode() in response.content
    assert "accounts/profile.html" in [t.name for t in response.templates]


def test_it_lets_a_bearer_token_call_the_api_until_revoked(personas, client_for):
    browser = client_for(personas.volunteer)
    secret = browser.post(reverse("accounts:token-create"), {"name": "cli"}, **HTMX).context["new_secret"]
    api = Client()
    response = api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["email"] == "volunteer@example.test"

    token = ApiToken.objects.get(user=personas.volunteer)
    browser.post(reverse("accounts:token-revoke", args=[token.pk]), **HTMX)
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
