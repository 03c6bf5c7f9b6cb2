from django.conf import settings
from django.test import Client
from django.urls import reverse

from groundswell.accounts.models import LoginFailure
from tests.accounts.helpers import sign_in


def test_it_signs_in_with_email_and_password(personas):
    client = Client()
    response = sign_in(client, "ADMIN@example.test")
    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert client.get(reverse("accounts:profile")).context["user"] == personas.admin


def test_it_shows_a_form_error_for_a_wrong_password(personas):
    client = Client()
    response = sign_in(client, "admin@example.test", "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Wrong email or password."]
    assert "_auth_user_id" not in client.session


def test_it_gives_the_same_error_for_an_unknown_email(db):
    response = sign_in(Client(), "nobody@example.test")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Wrong email or password."]


def test_it_throttles_after_too_many_failures_even_with_the_right_password(personas):
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert sign_in(client, "admin@example.test", "guess").status_code == 200
    response = sign_in(client, "admin@example.test")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Too many attempts — wait 15 minutes and try again."]
    assert "_auth_user_id" not in client.session


def test_it_clears_failures_after_a_good_sign_in(personas):
    client = Client()
    sign_in(client, "admin@example.test", "guess")
    assert sign_in(client, "admin@example.test").status_code == 302
    assert not LoginFailure.objects.filter(email="admin@example.test").exists()


def test_it_follows_a_next_that_stays_on_the_site(personas):
    response = sign_in(Client(), "admin@example.test", QUERY_STRING="next=/teams/")
    assert response.status_code == 302
    assert response["Location"] == "/teams/"


def test_it_refuses_a_next_that_leaves_the_site(personas):
    for target in ("https://evil.example/", "//evil.example/x", "https:/evil.example"):
        client = Client()
        response = client.post("/accounts/login/?next=" + target,
                               {"email": "admin@example.test", "password": "correct-horse-battery"})
        assert response.status_code == 302
        assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL), target


def test_it_carries_next_through_the_form(personas):
    response = Client().get("/accounts/login/?next=/teams/")
    assert b'name="next" value="/teams/"' in response.content
    assert reverse("accounts:password-reset").encode() in response.content


def test_it_signs_out_by_post_only(personas, client_for):
    client = client_for(personas.volunteer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_sends_anonymous_visitors_of_the_profile_to_sign_in(db):
    response = Client().get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
