import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from groundswell.accounts.models import User
from tests import factories
from tests.accounts.helpers import sign_in

NEW_PASSWORD = "a-brand-new-long-password"


def reset_link(client: Client, email: str) -> str:
    response = client.post(reverse("accounts:password-reset"), {"email": email})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert client.get(response["Location"]).status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]
    return re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)


def test_it_mails_a_link_that_sets_a_new_password(personas):
    client = Client()
    link = reset_link(client, "volunteer@example.test")
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(form_page.redirect_chain[-1][0],
                       {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("accounts:password-reset-complete")
    assert b"Sign in" in client.get(done["Location"]).content
    assert sign_in(Client(), "volunteer@example.test", NEW_PASSWORD).status_code == 302
    assert sign_in(Client(), "volunteer@example.test").status_code == 200


def test_it_does_not_reuse_a_link(personas):
    client = Client()
    link = reset_link(client, "volunteer@example.test")
    url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not Client().get(link, follow=True).context["validlink"]


def test_it_says_the_same_for_an_unknown_email(db):
    response = Client().post(reverse("accounts:password-reset"), {"email": "nobody@example.test"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_it_lets_an_invited_person_without_a_password_choose_one(db):
    invited = factories.user(email="new@example.test", password=None)
    assert not invited.has_usable_password()
    link = reset_link(Client(), "new@example.test")
    assert link.startswith("/accounts/password-reset/")
    assert User.objects.get(pk=invited.pk).email == "new@example.test"
