from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from groundswell.audit.models import AuditEntry
from groundswell.orgs.models import Team
from tests.accounts.helpers import sign_in, totp_code, totp_device, wrong_code


def require_2fa(team: Team) -> None:
    Team.objects.filter(pk=team.pk).update(require_2fa_for_admins=True)


def test_it_asks_for_the_code_before_signing_in(personas):
    device = totp_device(personas.admin)
    client = Client()
    response = sign_in(client, "admin@example.test", QUERY_STRING="next=/teams/")
    assert response["Location"] == reverse("accounts:login-otp")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert b'autocomplete="one-time-code"' in client.get(reverse("accounts:login-otp")).content

    response = client.post(reverse("accounts:login-otp"), {"code": totp_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/teams/"
    profile = client.get(reverse("accounts:profile"))
    assert profile.context["user"] == personas.admin
    assert profile.context["request"].user.is_verified()


def test_it_refuses_a_wrong_code(personas):
    device = totp_device(personas.admin)
    client = Client()
    sign_in(client, "admin@example.test")
    response = client.post(reverse("accounts:login-otp"), {"code": wrong_code(device)})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session


def test_it_throttles_codes_after_a_wrong_one(personas):
    device = totp_device(personas.admin)
    client = Client()
    sign_in(client, "admin@example.test")
    client.post(reverse("accounts:login-otp"), {"code": wrong_code(device)})
    # django-otp now wants a pause before the next try, so even the right code is refused at once.
    response = client.post(reverse("accounts:login-otp"), {"code": totp_code(device)})
    assert "Too many wrong codes" in response.context["form"].errors["code"][0]
    assert "_auth_user_id" not in client.session


def test_it_rejects_a_code_that_is_not_six_digits(personas):
    totp_device(personas.admin)
    client = Client()
    sign_in(client, "admin@example.test")
    response = client.post(reverse("accounts:login-otp"), {"code": "12ab"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Type the 6 digits your authenticator app shows."]


def test_it_sends_the_code_page_back_to_sign_in_without_a_password_step(personas):
    totp_device(personas.admin)
    response = Client().get(reverse("accounts:login-otp"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")


def test_it_confirms_a_device_at_enrolment(personas, client_for):
    client = client_for(personas.volunteer)
    page = client.get(reverse("accounts:otp-setup"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=personas.volunteer, confirmed=False)
    assert page.context["secret"].replace(" ", "") in device.config_url

    response = client.post(reverse("accounts:otp-setup"), {"code": wrong_code(device)})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()  # instead of waiting out django-otp's pause after a wrong code

    response = client.post(reverse("accounts:otp-setup"), {"code": totp_code(device)})
    assert response["Location"] == reverse("accounts:profile")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("accounts:profile")).context["request"].user.is_verified()
    assert AuditEntry.objects.filter(actor=personas.volunteer, action="accounts.two_factor.enabled").exists()


def test_it_keeps_the_same_secret_when_the_setup_page_is_reloaded(personas, client_for):
    client = client_for(personas.volunteer)
    first = client.get(reverse("accounts:otp-setup")).context["secret"]
    assert client.get(reverse("accounts:otp-setup")).context["secret"] == first
    assert TOTPDevice.objects.filter(user=personas.volunteer).count() == 1


def test_it_sends_an_admin_without_a_device_to_setup_when_the_org_requires_it(personas, org_tree, client_for):
    require_2fa(org_tree.org)
    for user in (personas.admin, personas.steward):
        response = client_for(user).get(reverse("orgs:team-list"))
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:otp-setup")
    assert client_for(personas.admin).get(reverse("accounts:otp-setup")).status_code == 200


def test_it_leaves_volunteers_and_other_orgs_alone(personas, org_tree, client_for):
    require_2fa(org_tree.org)
    assert client_for(personas.volunteer).get(reverse("orgs:team-list")).status_code == 200
    assert client_for(personas.organizer).get(reverse("orgs:team-list")).status_code == 200
    assert client_for(personas.outsider).get(reverse("orgs:team-list")).status_code == 200


def test_it_does_not_require_2fa_when_only_a_sub_team_sets_the_flag(personas, org_tree, client_for):
    require_2fa(org_tree.north)  # meaningful on a root only
    assert client_for(personas.steward).get(reverse("orgs:team-list")).status_code == 200


def test_it_signs_out_a_required_user_whose_session_skipped_the_code(personas, org_tree, client_for):
    require_2fa(org_tree.org)
    totp_device(personas.admin)
    client = client_for(personas.admin)  # like the admin login: password only
    response = client.get(reverse("orgs:team-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL) + "?next=")
    assert "_auth_user_id" not in client.session


def test_it_lets_a_required_user_in_after_the_code(personas, org_tree):
    require_2fa(org_tree.org)
    device = totp_device(personas.admin)
    client = Client()
    sign_in(client, "admin@example.test")
    client.post(reverse("accounts:login-otp"), {"code": totp_code(device)})
    assert client.get(reverse("orgs:team-list")).status_code == 200


def test_it_turns_2fa_off_with_the_current_password(personas, client_for):
    totp_device(personas.volunteer)
    client = client_for(personas.volunteer)
    wrong = client.post(reverse("accounts:otp-disable"), {"password": "nope"})
    assert wrong.status_code == 200
    assert wrong.context["disable_form"].non_field_errors() == ["That is not your current password."]
    assert TOTPDevice.objects.filter(user=personas.volunteer).exists()

    response = client.post(reverse("accounts:otp-disable"), {"password": "correct-horse-battery"})
    assert response["Location"] == reverse("accounts:profile")
    assert not TOTPDevice.objects.filter(user=personas.volunteer).exists()


def test_it_refuses_to_turn_2fa_off_when_the_org_requires_it(personas, org_tree):
    require_2fa(org_tree.org)
    device = totp_device(personas.admin)
    client = Client()
    sign_in(client, "admin@example.test")
    client.post(reverse("accounts:login-otp"), {"code": totp_code(device)})
    response = client.post(reverse("accounts:otp-disable"), {"password": "correct-horse-battery"})
    assert response.status_code == 200
    assert "requires two-factor" in response.context["disable_form"].non_field_errors()[0]
    assert TOTPDevice.objects.filter(user=personas.admin, confirmed=True).exists()


def test_it_turns_2fa_off_by_post_only(personas, client_for):
    assert client_for(personas.volunteer).get(reverse("accounts:otp-disable")).status_code == 405


def test_it_moves_2fa_to_a_new_phone_only_from_a_verified_session(personas):
    old = totp_device(personas.volunteer)
    unverified = Client()
    unverified.force_login(personas.volunteer)
    assert unverified.get(reverse("accounts:otp-setup"))["Location"] == reverse("accounts:profile")

    client = Client()
    sign_in(client, "volunteer@example.test")
    client.post(reverse("accounts:login-otp"), {"code": totp_code(old)})
    assert client.get(reverse("accounts:otp-setup")).context["replacing"] == old
    new = TOTPDevice.objects.get(user=personas.volunteer, confirmed=False)
    client.post(reverse("accounts:otp-setup"), {"code": totp_code(new)})
    assert list(TOTPDevice.objects.filter(user=personas.volunteer)) == [new]
