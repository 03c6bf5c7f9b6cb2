"""The Django admin shows people read-only, searchable by name, phone and email."""

from django.urls import reverse

from groundswell.accounts.models import User
from tests import factories


def staff_client(client):
    admin_user = User.objects.create_superuser(email="root@example.test", password="x" * 12, full_name="Root")
    client.force_login(admin_user)
    return client


def test_staff_search_people_by_name_and_phone_and_cannot_change_them(org_tree, client):
    nia = factories.person(org_tree.north_team, first_name="Nia", last_name="North", phones=["+12185550123"])
    factories.person(org_tree.north_team, first_name="Sam", last_name="South")
    client = staff_client(client)
    changelist = reverse("admin:people_person_changelist")
    by_name = client.get(changelist, {"q": "north"})
    assert by_name.status_code == 200
    assert list(by_name.context["cl"].result_list) == [nia]
    by_phone = client.get(changelist, {"q": "+12185550123"})
    assert list(by_phone.context["cl"].result_list) == [nia]
    detail = client.get(reverse("admin:people_person_change", args=[nia.pk]))
    assert detail.status_code == 200
    assert not detail.context["has_change_permission"]
    assert client.get(reverse("admin:people_person_add")).status_code == 403


def test_every_people_admin_page_opens(org_tree, client):
    client = staff_client(client)
    for model in ["tag", "customfield", "consentevent", "suppression", "peoplelist", "importjob",
                  "duplicatecandidate", "election"]:
        assert client.get(reverse(f"admin:people_{model}_changelist")).status_code == 200, model
